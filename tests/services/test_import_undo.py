"""An import is one step: undoing it takes out what it added and puts back what it changed; redoing makes it again.

Also: a list's intention-to-bid date becomes the request on the notice, so the case shows the full moratorium.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assetreg.domain import entities as e
from assetreg.domain.enums import LegalForm, Period
from assetreg.domain.records import RecordKind
from assetreg.services.deadlines import register_cases
from assetreg.services.import_writing import ImportChangedSince, redo_import, undo_import
from assetreg.services.importing import apply_import, preview_import
from assetreg.services.records import Records

COUNCILS = Path(__file__).parent.parent / "fixtures" / "councils"


def live(register) -> dict:
    """Every live record of every kind, as values."""
    records = Records(register)
    return {kind: records.list(kind) for kind in RecordKind}


def with_the_crown_already_recorded(register) -> e.Asset:
    """The register knows the Crown Inn (no address, no council): Stockport's list matches and changes it."""
    return Records(register).create(e.Asset(name="The Crown Inn", postcode="SK1 1AA")).value


def test_undo_takes_out_what_the_import_added_and_puts_back_what_it_changed(register):
    crown = with_the_crown_already_recorded(register)
    before = live(register)
    preview = preview_import(register, COUNCILS / "stockport.csv", "Stockport")
    assert preview.counts() == {"added": 2, "updated": 1, "unchanged": 0}
    written = apply_import(register, preview)
    after = live(register)
    changed = Records(register).get(crown.reference)
    assert changed.address == "1 Market Place, Stockport SK1 1AA" and changed.authority_ref
    assert written.asset_refs[0] == crown.reference and len(written.asset_refs) == 3
    assert {c.reference for c in written.changed} == {crown.reference}

    undo_import(register, written)
    assert live(register) == before  # the council, groups, assets, listings, notice and request are gone
    trashed = Records(register).trash(RecordKind.ASSET)
    assert sorted(a.name for a in trashed) == ["Bramhall Green", "Reddish Library"]
    history = Records(register).history(crown.reference)
    assert {(h.action, h.field, h.new_value) for h in history[-2:]} == {
        ("update", "address", ""),
        ("update", "authority_ref", ""),
    }

    redo_import(register, written)
    assert live(register) == after


def test_an_import_changed_since_is_not_undone_and_nothing_moves(register):
    crown = with_the_crown_already_recorded(register)
    written = apply_import(register, preview_import(register, COUNCILS / "stockport.csv", "Stockport"))
    Records(register).update(crown.reference, address="The Crown, Market Place")  # a later edit by hand
    now = live(register)
    with pytest.raises(ImportChangedSince, match=crown.reference):
        undo_import(register, written)
    assert live(register) == now


def test_an_intention_to_bid_date_becomes_the_request_and_the_case_shows_the_full_moratorium(register):
    group = (
        Records(register)
        .create(e.CommunityGroup(name="Crown Community Pub Ltd", legal_form=LegalForm.COMPANY_LIMITED_BY_GUARANTEE))
        .value
    )
    preview = preview_import(register, COUNCILS / "stockport.csv", "Stockport")
    assert not [p for p in preview.problems if p.field == "interested_group"]  # its legal form is known
    apply_import(register, preview)
    (notice,) = Records(register).list(RecordKind.DISPOSAL_NOTICE)
    (request,) = Records(register).list(RecordKind.BIDDER_REQUEST)
    assert (request.notice_ref, request.group_ref, request.received_on) == (
        notice.reference,
        group.reference,
        date(2021, 9, 20),
    )
    (case,) = [c for c in register_cases(register, date(2021, 11, 1)) if c.asset_ref == notice.asset_ref]
    account = case.notices[0]
    assert account.valid_request and account.requests[0].starts_full_moratorium
    full = account.period(Period.FULL)
    # 6 months beginning with Thu 2 Sep 2021 end on Tue 1 Mar 2022; the council printed 2 Mar 2022.
    assert (full.computed_end, full.published_end, full.effective_end) == (
        date(2022, 3, 1),
        date(2022, 3, 2),
        date(2022, 3, 1),
    )
    assert full.disagrees and full.running(date(2021, 11, 1))
    again = preview_import(register, COUNCILS / "stockport.csv", "Stockport")
    assert again.counts()["unchanged"] == 3  # the same request is not added twice


def test_a_request_from_a_group_of_unknown_form_is_recorded_and_the_list_says_what_to_do(register):
    preview = preview_import(register, COUNCILS / "stockport.csv", "Stockport")
    (warning,) = [p for p in preview.problems if p.field == "interested_group"]
    assert warning.level == "warning" and "Crown Community Pub Ltd" in warning.message
    apply_import(register, preview)
    (request,) = Records(register).list(RecordKind.BIDDER_REQUEST)
    group = Records(register).get(request.group_ref)
    assert (group.name, group.legal_form) == ("Crown Community Pub Ltd", LegalForm.NOT_KNOWN)
    # Received within the interim six weeks, it is counted, with the unknown legal form said beside; so the
    # council's published end of the full moratorium is shown beside the law's.
    (case,) = [c for c in register_cases(register, date(2021, 11, 1)) if c.notices]
    notice = case.notices[0]
    verdict = notice.requests[0]
    assert verdict.starts_full_moratorium and not verdict.shown
    assert "cannot trigger" not in verdict.why and "which is not recorded (record its legal form)" in verdict.why
    assert notice.period(Period.FULL).published_end == date(2022, 3, 2)
