"""pack answers: the group's written answer to each section of a transfer application's pack

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "pack_answers",
        sa.Column("application_ref", sa.String(length=16), nullable=False),
        sa.Column("section", sa.String(length=48), nullable=False),
        sa.Column("answer", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_ref"],
            ["transfer_applications.reference"],
            name=op.f("fk_pack_answers_application_ref_transfer_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pack_answers")),
        # One answer per section of an application, deleted or not (the service brings a deleted one back).
        sa.UniqueConstraint("application_ref", "section", name=op.f("uq_pack_answers_application_ref_section")),
        sa.UniqueConstraint("reference", name=op.f("uq_pack_answers_reference")),
    )
    with op.batch_alter_table("pack_answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pack_answers_application_ref"), ["application_ref"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("pack_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pack_answers_application_ref"))

    op.drop_table("pack_answers")
