"""The register's list for the command line (``assetreg assets list``): one line per live asset, read with one
query and given out batch by batch, so 100,000 assets need no record objects and no list of them all.

Each status is its case's (``domain.case``), as the due index keeps it (``services.due_index``); the assets whose
kept status does not hold on the day asked are worked out again first, and when the index cannot say at all every
case is worked out, as ``services.assets.list_assets`` does, and the index is built from them for next time.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..db.asset_lines import asset_lines, councils
from ..domain.status import AssetStatus, NoticeStatus
from . import due_index
from .due_lines import status_of
from .register import Register

# A line as the command line prints it, field by field (``assets list --json``).
FIELDS = (
    "reference",
    "name",
    "status",
    "status_label",
    "authority",
    "authority_ref",
    "jurisdiction",
    "category",
    "address",
    "postcode",
    "uprn",
)
_NOT_NOMINATED = AssetStatus.NOT_NOMINATED
_NO_COUNCIL = ("", None)


def _worked_out(session, day: date) -> tuple[dict[str, AssetStatus | NoticeStatus], bool, list]:
    """The statuses the index cannot give on ``day``, from the cases worked out now; whether the index gives the
    others; and those cases (to keep in the index)."""
    settings = due_index.settings_in(session)
    stale = due_index.stale_on(session, day, settings)
    if stale == set():
        return {}, True, []
    cases, _ = due_index.cases_in(session, day, settings, stale)
    return {c.asset_ref: c.status for c in cases if c.asset_ref}, stale is not None, cases


def lines(register: Register, today: date | None = None) -> Iterator[list[tuple]]:
    """Every live asset's line on ``today`` (default: the user's today), oldest first, in batches: tuples of
    ``FIELDS``, each a plain value (statuses, nations and categories by their codes, the status's label)."""
    day = today or register.today()
    labels: dict[object, tuple[str, str]] = {}

    def shown(status: AssetStatus | NoticeStatus) -> tuple[str, str]:
        if status not in labels:
            labels[status] = (status.value, status.label)
        return labels[status]

    with register.reading() as session:
        worked_out, usable, cases = _worked_out(session, day)
        by_ref = councils(session)
        kept: dict[str | None, tuple[str, str]] = {None: shown(_NOT_NOMINATED)}
        for batch in asset_lines(session, day):
            out = []
            for ref, name, category, council_ref, address, postcode, uprn, text, holds in batch:
                council, nation = by_ref.get(council_ref, _NO_COUNCIL)
                status = worked_out.get(ref)
                if status is not None:
                    code, label = shown(status)
                elif usable and holds:
                    if text not in kept:
                        kept[text] = shown(status_of(text))
                    code, label = kept[text]
                else:  # no case (no clock), or no row in the index: not nominated
                    code, label = kept[None]
                out.append((ref, name, code, label, council, council_ref, nation, category, address, postcode, uprn))
            yield out
    if cases and day == register.today():
        # Kept for next time, as What's due keeps the cases it works out (never those of another day).
        due_index.write_back(register, cases, day, whole=not usable)
