"""Alembic environment: the app passes an open connection; developers use alembic.ini's URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from assetreg.db.models import Base
from assetreg.db.types import CodeEnum, TextTuple, UTCDateTime

# Revisions spell out plain column types, so an old revision never depends on today's application code.
_PLAIN_TYPES = {CodeEnum: "sa.String(length=48)", UTCDateTime: "sa.DateTime()", TextTuple: "sa.Text()"}

config = context.config
target_metadata = Base.metadata


def _render_item(kind: str, obj, autogen_context):
    if kind == "type" and type(obj) in _PLAIN_TYPES:
        return _PLAIN_TYPES[type(obj)]
    return False


def _configure(connection) -> None:
    # Batch mode lets SQLite alter tables by copy-and-move; constraint names come from the naming convention.
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        render_item=_render_item,
        compare_type=True,
        compare_server_default=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _configure(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as developer_connection:
        _configure(developer_connection)
