"""a request the council's list records without the day it was received

Camden's list names the "Community group which triggered full moratorium" without the day its request came in;
``council_counted`` keeps that, so the case can take the council's word until the day is recorded. False in every
request an older register holds: each was recorded by a person, with or without its day.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    # A column with a default is added in place, on SQLite as elsewhere: no copy of the table.
    op.add_column(
        "bidder_requests", sa.Column("council_counted", sa.Boolean(), server_default=sa.false(), nullable=False)
    )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("bidder_requests", schema=None) as batch_op:
        batch_op.drop_column("council_counted")
