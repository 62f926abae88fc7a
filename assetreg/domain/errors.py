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
    """The file cannot be opened as a register; it has not been modified."""

    exit_status = 3


class DocumentRefusedError(AssetRegError):
    """Sending this document would be wrong (the wrong law for the land, a request out of time); nothing is made.

    The message says why and what to do instead.
    """


class OutOfTimeError(DocumentRefusedError):
    """A request to be treated as a bidder whose window has closed: it can be printed only marked as late."""


class DocumentWriteError(AssetRegError):
    """A printed document could not be written where asked; nothing half-written is left behind."""
