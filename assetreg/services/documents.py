"""Attaching files: each is copied once, by its SHA-256, into the attachments folder beside the register (a
shared register keeps the content in the database, in a table named by the same hashes).

The original file name is kept on the record; the stored file is named by its hash, so the same content
attached twice is stored once and a changed or missing file is easy to detect (``assetreg check``).
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..db.blobs import put_blob, read_blob
from ..db.repositories import RecordRepository
from ..domain import entities as e
from ..domain.errors import AssetRegError, ValidationError
from ..domain.i18n import tr
from ..domain.records import RecordKind
from ..paths import attachments_dir, data_dir
from .records import Changed, Records
from .register import Register

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Attached:
    document: e.Document
    duplicate_of: tuple[str, ...]  # other documents already holding the same content


def stored_path(register: Register, sha256: str) -> Path:
    """Where the content with this hash is kept: beside a register file; for a shared register (whose content
    is in the database), a checked local copy in the user's data folder, made on first use (missing when the
    database has no such content, or what it has no longer matches the hash)."""
    if register.shared:
        return _fetched(register, sha256)
    return attachments_dir(register.path) / sha256[:2] / sha256


def _fetched(register: Register, sha256: str) -> Path:
    target = data_dir() / "shared-attachments" / sha256[:2] / sha256
    if target.is_file() and file_sha256(target) == sha256:
        return target
    with register.reading() as session:
        content = read_blob(session, sha256)
    if content is None or hashlib.sha256(content).hexdigest() != sha256:
        return target.with_name(f"{sha256}.missing")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    with os.fdopen(handle, "wb") as out:
        out.write(content)
    os.replace(temporary, target)
    return target


def shared_content_problem(register: Register, document: e.Document) -> str:
    """What is wrong with a shared register's stored content for ``document`` ("" when whole and unchanged)."""
    with register.reading() as session:
        content = read_blob(session, document.sha256)
    if content is None:
        return "missing"
    if len(content) != document.size_bytes or hashlib.sha256(content).hexdigest() != document.sha256:
        return "altered"
    return ""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def attach(
    register: Register,
    source: Path,
    *,
    title: str = "",
    asset_ref: str = "",
    application_ref: str = "",
    pack_section: str = "",
    notes: str = "",
) -> Changed[Attached]:
    """Copies ``source`` into the register's attachments and records it against an asset or application.

    The same content already attached to the same record is refused, naming the existing document.
    """
    document = prepare_attachment(
        register,
        source,
        title=title,
        asset_ref=asset_ref,
        application_ref=application_ref,
        pack_section=pack_section,
        notes=notes,
    )
    with register.reading() as session:
        same = RecordRepository(session).list(RecordKind.DOCUMENT, where={"sha256": document.sha256})
    created = Records(register).create(document)
    return Changed(Attached(created.value, tuple(d.reference for d in same)), created.changes)


def prepare_attachment(
    register: Register,
    source: Path,
    *,
    title: str = "",
    asset_ref: str = "",
    application_ref: str = "",
    pack_section: str = "",
    notes: str = "",
) -> e.Document:
    """Copies ``source`` into the attachments and returns its document record, not yet saved (the GUI saves it
    through its undo history). The same content already attached to the same record is refused, naming it."""
    source = _existing(source)
    sha256, size = _store(register, source)
    with register.reading() as session:
        same = RecordRepository(session).list(RecordKind.DOCUMENT, where={"sha256": sha256})
    clash = [d.reference for d in same if (d.asset_ref, d.application_ref) == (asset_ref, application_ref)]
    if clash:
        raise ValidationError.single(
            "file",
            tr("This file is already attached here as {reference}; it was not added again.").format(reference=clash[0]),
        )
    return e.Document(
        title=title.strip() or source.stem,
        original_filename=source.name,
        sha256=sha256,
        size_bytes=size,
        media_type=mimetypes.guess_type(source.name)[0] or "application/octet-stream",
        asset_ref=asset_ref,
        application_ref=application_ref,
        pack_section=pack_section,
        added_at=register.clock(),
        notes=notes,
    )


def replacement_fields(register: Register, reference: str, source: Path) -> dict[str, object]:
    """The fields that give document ``reference`` the content of ``source`` in place of its file, keeping its
    reference, title and section; the new file is stored first. The same file again is refused."""
    document = Records(register).get(reference)
    source = _existing(source)
    sha256, size = _store(register, source)
    if sha256 == document.sha256:
        raise ValidationError.single(
            "file",
            tr("{name} is the file {reference} already holds; nothing was replaced.").format(
                name=source.name, reference=document.reference
            ),
        )
    return {
        "original_filename": source.name,
        "sha256": sha256,
        "size_bytes": size,
        "media_type": mimetypes.guess_type(source.name)[0] or "application/octet-stream",
        "added_at": register.clock(),
    }


def _existing(source: Path) -> Path:
    source = Path(source)
    if not source.is_file():
        raise ValidationError.single(
            "file", tr("There is no file at {path}; choose the file again.").format(path=source)
        )
    return source


def _store(register: Register, source: Path) -> tuple[str, int]:
    """Copies the file into place by hash, atomically, and returns the hash and size. A shared register keeps
    the content in the database (committed before the document that names it, as a file is copied first)."""
    if register.shared:
        content = source.read_bytes()
        sha256 = hashlib.sha256(content).hexdigest()
        if sha256 != file_sha256(source):
            raise AssetRegError(tr("{path} changed while it was being copied; attach it again.").format(path=source))
        with register.transaction() as session:
            put_blob(session, sha256, content)
        return sha256, len(content)
    sha256 = file_sha256(source)
    target = stored_path(register, sha256)
    if target.is_file() and file_sha256(target) == sha256:
        return sha256, target.stat().st_size
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out, _CHUNK)
            out.flush()
            os.fsync(out.fileno())
        if file_sha256(Path(temporary)) != sha256:
            raise AssetRegError(tr("{path} changed while it was being copied; attach it again.").format(path=source))
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return sha256, target.stat().st_size


def document_file(register: Register, reference: str) -> Path:
    """The stored file of a document, to open or print."""
    document = Records(register).get(reference)
    path = stored_path(register, document.sha256)
    if not path.is_file():
        if register.shared:
            raise AssetRegError(
                tr(
                    "The file of {reference} ({name}) is missing from the shared register, or no longer matches "
                    "what was attached. Attach the file again."
                ).format(reference=document.reference, name=document.original_filename)
            )
        raise AssetRegError(
            tr(
                "The file of {reference} ({name}) is missing from {folder}. Restore the attachments "
                "folder from a backup, or attach the file again."
            ).format(reference=document.reference, name=document.original_filename, folder=path.parent.parent)
        )
    return path
