"""Where a register lives: ``--db PATH``, else ``ASSETREG_DB``, else the platform's user data folder.

``--db`` and ``ASSETREG_DB`` may also name a shared register on a database server by its URL
(``postgresql://user@host/register``); it is kept as the text given.

``ASSETREG_DATA_DIR`` moves the whole data folder (handy for portable installs and tests).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "AssetReg"
DEFAULT_REGISTER_NAME = "register.assetreg"


def data_dir() -> Path:
    """The folder for the default register and logs."""
    override = os.environ.get("ASSETREG_DATA_DIR")
    return Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def is_register_url(location: object) -> bool:
    """Whether ``location`` is a shared register's URL (``postgresql://…``) rather than a file."""
    return (
        isinstance(location, str)
        and location.split("://", 1)[0].split("+", 1)[0].lower()
        in (
            "postgresql",
            "postgres",
        )
        and "://" in location
    )


def register_path(cli_value: str | os.PathLike[str] | None = None) -> Path | str:
    """The register to use: the command line wins, then ``ASSETREG_DB``, then the default in ``data_dir()``.
    A file is a ``Path``; a shared register's URL stays the ``str`` given."""
    chosen = cli_value or os.environ.get("ASSETREG_DB")
    if is_register_url(chosen):
        return str(chosen)
    return Path(chosen).expanduser() if chosen else data_dir() / DEFAULT_REGISTER_NAME


def attachments_dir(register: Path) -> Path:
    """Attachments sit beside the register, in a folder named after it, so copying both keeps them together."""
    return register.with_name(f"{register.stem}-attachments")


def printed_dir() -> Path:
    """Where the app saves the documents it prints: ``ASSETREG_PRINT_DIR``, else AssetReg in the user's Documents."""
    override = os.environ.get("ASSETREG_PRINT_DIR")
    return Path(override).expanduser() if override else platformdirs.user_documents_path() / APP_NAME


def _umask() -> int:
    try:  # Linux says it without changing it
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def with_normal_permissions(path: Path) -> None:
    """Gives a file written through a private temporary file (owner-only) the permissions any file the user
    saves would have, so a PDF or calendar file can be shared like any other."""
    if os.name != "nt":
        os.chmod(path, 0o666 & ~_umask())


def write_whole(path: Path, write, mode: str = "wb"):
    """Writes ``path`` through a temporary file beside it, moved into place only once whole, with the user's
    usual permissions; returns what ``write(stream)`` returns. A failure leaves whatever was at ``path`` before
    untouched and raises ``DocumentWriteError`` saying what to do."""
    import tempfile

    from .domain.errors import DocumentWriteError
    from .domain.i18n import tr

    path = Path(path)
    folder = path.parent
    if path.is_dir():
        raise DocumentWriteError(tr("{path} is a folder; give a file name.").format(path=path))
    if not folder.is_dir():
        raise DocumentWriteError(
            tr("The folder {folder} does not exist; create it or choose another.").format(folder=folder)
        )
    try:
        handle, temporary = tempfile.mkstemp(prefix=".assetreg-", suffix=path.suffix, dir=folder)
    except OSError as error:
        raise DocumentWriteError(
            tr("Cannot write in {folder} ({reason}); choose another folder.").format(
                folder=folder, reason=error.strerror or error
            )
        ) from error
    try:
        options = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(handle, mode, **options) as stream:
            result = write(stream)
        with_normal_permissions(Path(temporary))
        os.replace(temporary, path)
    except OSError as error:
        raise DocumentWriteError(
            tr("Could not write {path} ({reason}); is it open in another program?").format(
                path=path, reason=error.strerror or error
            )
        ) from error
    finally:
        Path(temporary).unlink(missing_ok=True)
    return result
