"""deadline marks, community right to buy registrations, and whether a group distributes surplus

A deadline mark is the group's word that a deadline is done or does not apply; a registration of a community
interest in Scottish land starts a five-year clock; ``distributes_surplus`` is empty (not known) in every group
an older register holds, since the app must not guess it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "crtb_registrations",
        sa.Column("asset_ref", sa.String(length=16), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("community_body_ref", sa.String(length=16), nullable=True),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["asset_ref"], ["assets.reference"], name=op.f("fk_crtb_registrations_asset_ref_assets")
        ),
        sa.ForeignKeyConstraint(
            ["community_body_ref"],
            ["community_groups.reference"],
            name=op.f("fk_crtb_registrations_community_body_ref_community_groups"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crtb_registrations")),
        sa.UniqueConstraint("reference", name=op.f("uq_crtb_registrations_reference")),
    )
    with op.batch_alter_table("crtb_registrations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_crtb_registrations_asset_ref"), ["asset_ref"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_crtb_registrations_community_body_ref"), ["community_body_ref"], unique=False
        )

    # Not unique by uid: a mark taken back stays in the trash, and the deadline can be marked again.
    op.create_table(
        "deadline_marks",
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("asset_ref", sa.String(length=16), nullable=True),
        sa.Column("state", sa.String(length=48), nullable=False),
        sa.Column("marked_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["asset_ref"], ["assets.reference"], name=op.f("fk_deadline_marks_asset_ref_assets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_marks")),
        sa.UniqueConstraint("reference", name=op.f("uq_deadline_marks_reference")),
    )
    with op.batch_alter_table("deadline_marks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deadline_marks_asset_ref"), ["asset_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_deadline_marks_uid"), ["uid"], unique=False)

    with op.batch_alter_table("community_groups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("distributes_surplus", sa.Boolean(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("community_groups", schema=None) as batch_op:
        batch_op.drop_column("distributes_surplus")

    with op.batch_alter_table("deadline_marks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deadline_marks_uid"))
        batch_op.drop_index(batch_op.f("ix_deadline_marks_asset_ref"))

    op.drop_table("deadline_marks")
    with op.batch_alter_table("crtb_registrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crtb_registrations_community_body_ref"))
        batch_op.drop_index(batch_op.f("ix_crtb_registrations_asset_ref"))

    op.drop_table("crtb_registrations")
