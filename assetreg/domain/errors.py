"""Typed errors whose messages are safe to show to the person using AssetReg."""

from __future__ import annotations


class AssetRegError(Exception):
    """Something the user can understand and act on; ``str(error)`` says what is wrong and what to do."""

    exit_status = 1


class ValidationError(AssetRegError):
    """One or more fields of a record are not acceptable; ``problems`` maps field name to message."""

    exit_status = 2

    def __init__(self, problems: dict[str, str]):
        self.problems = dict(problems)
        super().__init__("\n".join(self.problems.values()))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls({field: message})


class NotFoundError(AssetRegError):
    """No record has the reference the user gave."""

    exit_status = 2


class RegisterRefusedError(AssetRegError):
    """The file cannot be opened as a register; it has not been modified. ``why`` is the reason alone ("it is
    damaged (…)"), for a message about that file in another role (a backup to put back)."""

    exit_status = 3

    def __init__(self, message: str, why: str = ""):
        super().__init__(message)
        self.why = why


class DocumentRefusedError(AssetRegError):
    """Sending this document would be wrong (the wrong law for the land, a request out of time); nothing is made.

    The message says why and what to do instead.
    """


class OutOfTimeError(DocumentRefusedError):
    """A request to be treated as a bidder whose window has closed: it can be printed only marked as late."""


class DocumentWriteError(AssetRegError):
    """A printed document could not be written where asked; nothing half-written is left behind."""


class RegisterDamagedError(RegisterRefusedError):
    """The register file is damaged; the message offers the latest good backup."""


class ReadOnlyRegisterError(AssetRegError):
    """The register can only be read here (a read-only place, or another window has it); nothing was changed."""

    exit_status = 5


class RegisterBusyError(AssetRegError):
    """Another program held the register for longer than AssetReg waits; nothing was changed."""

    exit_status = 5


class StorageError(AssetRegError):
    """The disk refused a write (full, or failing); nothing was changed."""


class BackupError(AssetRegError):
    """A backup could not be made, verified or restored; the message says what was kept."""


class ConflictError(AssetRegError):
    """Someone else changed the record since it was opened; nothing was saved.

    ``changes`` are the audit entries of their changes (who, when, which field, from and to); ``current`` is the
    record as it now is, so the person can reload it or save theirs over it knowingly.
    """

    exit_status = 6

    def __init__(self, message: str, changes: tuple = (), current: object = None):
        super().__init__(message)
        self.changes = tuple(changes)
        self.current = current
