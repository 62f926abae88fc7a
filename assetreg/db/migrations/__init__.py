"""Alembic revisions of the register schema, shipped inside the package."""
