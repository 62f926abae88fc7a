"""record versions, the version each audited change made, and attachments kept in the database

Every record gets a version counter (1 for what is already there), so a save of a record someone else has
changed since it was opened is caught rather than silently overwriting theirs; each audit entry can say which
version its change made. A shared register keeps its attachments' content in ``attachment_blobs``, named by
SHA-256, since it has no folder beside it. Self-contained: it adds columns and one table and reads nothing.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECORD_TABLES = (
    "community_groups",
    "authorities",
    "parties",
    "assets",
    "interests",
    "nominations",
    "list_entries",
    "challenges",
    "disposal_notices",
    "bidder_requests",
    "exempt_disposals",
    "transfer_applications",
    "stage_changes",
    "pack_answers",
    "documents",
    "user_deadlines",
    "deadline_marks",
    "crtb_registrations",
)


def upgrade() -> None:
    """Upgrade schema."""
    # recreate="never": SQLite adds a column with a constant default in place. Left to decide, batch mode would
    # copy every table (slow on a large register) and drop the old one, which the foreign keys pointing at it
    # refuse once it holds rows others refer to.
    for table in RECORD_TABLES:
        with op.batch_alter_table(table, schema=None, recreate="never") as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False))
    with op.batch_alter_table("audit_entries", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("record_version", sa.Integer(), nullable=True))
    op.create_table(
        "attachment_blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachment_blobs")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("attachment_blobs")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_column("record_version")
    for table in reversed(RECORD_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
