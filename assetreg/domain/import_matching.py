"""Which of the register's assets each asset of a council's list is: matched by its UPRN, then the council's
reference (on its nomination or list entry), then its name and postcode, so importing the same list again
changes nothing. Pure: the register's records come in as values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import entities as e
from .council_rows import ImportedAsset, base_reference


@dataclass(frozen=True)
class Existing:
    """The register's live records an import is matched against."""

    assets: Sequence[e.Asset] = ()
    nominations: Sequence[e.Nomination] = ()
    entries: Sequence[e.ListEntry] = ()
    notices: Sequence[e.DisposalNotice] = ()
    groups: Sequence[e.CommunityGroup] = ()
    requests: Sequence[e.BidderRequest] = ()


def norm_name(text: str) -> str:
    """A name as it is matched: without case or runs of spaces."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class MatchKeys:
    """What imported assets are matched by, for every live record of the register: read as a few columns, not
    as whole records, so that a large register's records can be read a chunk at a time for planning."""

    assets: Sequence[tuple[str, str, str, str]] = ()  # (reference, UPRN, name, postcode) of each asset
    # (council reference, asset reference) of each nomination, then of each list entry, oldest first
    council_refs: Sequence[tuple[str, str]] = ()

    @classmethod
    def of(cls, existing: Existing) -> MatchKeys:
        return cls(
            [(a.reference, a.uprn, a.name, a.postcode) for a in existing.assets],
            [(r.council_reference, r.asset_ref) for r in (*existing.nominations, *existing.entries)],
        )


def match_assets(imported: Sequence[ImportedAsset], keys: MatchKeys) -> list[str]:
    """The reference of the asset each imported asset is matched to ("" for none): by its UPRN, then the
    council's reference (on a nomination or list entry), then its name and postcode."""
    by_uprn = {uprn: reference for reference, uprn, _, _ in keys.assets if uprn}
    live = {reference for reference, _, _, _ in keys.assets}
    by_council_ref: dict[str, str] = {}
    for council_reference, asset_ref in keys.council_refs:
        if council_reference:
            by_council_ref.setdefault(base_reference(council_reference).casefold(), asset_ref)
    by_name = {(norm_name(name), postcode): reference for reference, _, name, postcode in keys.assets}
    matched = []
    for item in imported:
        by_council = by_council_ref.get(base_reference(item.reference).casefold(), "")
        matched.append(
            by_uprn.get(item.uprn)
            or (by_council if by_council in live else "")
            or by_name.get((norm_name(item.name), item.postcode), "")
        )
    return matched
