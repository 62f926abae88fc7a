"""the due index: What's due kept ready from each asset's case, with the days each asset's lines hold for

Derived data only: an empty index is built again from the records the first time What's due is asked for.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "due_index",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("asset_ref", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_due_index")),
    )
    with op.batch_alter_table("due_index", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_due_index_asset_ref"), ["asset_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_due_index_on_date"), ["on_date"], unique=False)

    op.create_table(
        "due_index_coverage",
        sa.Column("asset_ref", sa.String(length=16), nullable=False),
        sa.Column("built_for", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=64), server_default="", nullable=False),
        sa.Column("fingerprint", sa.String(length=64), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("asset_ref", name=op.f("pk_due_index_coverage")),
    )
    with op.batch_alter_table("due_index_coverage", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_due_index_coverage_valid_until"), ["valid_until"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("due_index_coverage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_due_index_coverage_valid_until"))
    op.drop_table("due_index_coverage")
    with op.batch_alter_table("due_index", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_due_index_on_date"))
        batch_op.drop_index(batch_op.f("ix_due_index_asset_ref"))
    op.drop_table("due_index")
