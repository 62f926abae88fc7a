"""the group applying for a transfer, when it is not the user's own

A transfer application may be made by another group (a parish council, a partner body); ``applicant_ref`` names
it. Empty in every application an older register holds: those were all made by the user's own group.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FK = "fk_transfer_applications_applicant_ref_community_groups"
_INDEX = "ix_transfer_applications_applicant_ref"


def upgrade() -> None:
    """Upgrade schema."""
    if op.get_bind().dialect.name == "sqlite":
        # Batch mode would copy the table and drop the old one, which the stage changes, answers and documents
        # pointing at it forbid while foreign keys are enforced; SQLite adds a nullable linked column in place.
        op.execute(
            f"ALTER TABLE transfer_applications ADD COLUMN applicant_ref VARCHAR(16) "
            f"CONSTRAINT {_FK} REFERENCES community_groups (reference)"
        )
    else:
        op.add_column("transfer_applications", sa.Column("applicant_ref", sa.String(length=16), nullable=True))
        op.create_foreign_key(_FK, "transfer_applications", "community_groups", ["applicant_ref"], ["reference"])
    op.create_index(_INDEX, "transfer_applications", ["applicant_ref"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(_INDEX, table_name="transfer_applications")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite drops a column in place only when no constraint names it; the link goes with the copy.
        with op.batch_alter_table("transfer_applications", schema=None) as batch_op:
            batch_op.drop_column("applicant_ref")
    else:
        op.drop_constraint(_FK, "transfer_applications", type_="foreignkey")
        op.drop_column("transfer_applications", "applicant_ref")
