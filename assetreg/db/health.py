"""Database-level health checks; SQLite's own checks live here, behind one portable function."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def structural_problems(session: Session) -> list[str]:
    """What the database engine itself finds wrong: damaged pages, broken links between tables."""
    if session.get_bind().dialect.name != "sqlite":
        return []
    problems = [row[0] for row in session.execute(text("PRAGMA integrity_check")) if row[0] != "ok"]
    for table, rowid, parent, _ in session.execute(text("PRAGMA foreign_key_check")):
        problems.append(f"{table} row {rowid} points at a missing {parent} record")
    return problems
