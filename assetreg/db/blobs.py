"""Attachments' content kept in the database, named by SHA-256 (a shared register has no folder beside it)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import AttachmentBlobRow


def has_blob(session: Session, sha256: str) -> bool:
    return session.scalar(select(func.count()).where(AttachmentBlobRow.sha256 == sha256)) > 0


def put_blob(session: Session, sha256: str, content: bytes) -> None:
    """Keeps ``content`` under its hash (the caller has checked the hash); kept once however often attached."""
    if not has_blob(session, sha256):
        session.add(AttachmentBlobRow(sha256=sha256, size_bytes=len(content), content=content))


def read_blob(session: Session, sha256: str) -> bytes | None:
    return session.scalar(select(AttachmentBlobRow.content).where(AttachmentBlobRow.sha256 == sha256))


def blob_hashes(session: Session) -> set[str]:
    return set(session.scalars(select(AttachmentBlobRow.sha256)))
