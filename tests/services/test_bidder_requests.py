"""A request to be treated as a potential bidder is always recorded, and the user is told whether it counts."""

from __future__ import annotations

from datetime import date

import pytest

from assetreg.domain import entities as e
from assetreg.domain.enums import LegalForm
from assetreg.domain.records import RecordKind
from assetreg.services.assets import asset_detail
from assetreg.services.bidder_requests import record_bidder_request
from assetreg.services.records import Records


@pytest.fixture
def notice(register) -> str:
    records = Records(register)
    asset = records.create(e.Asset(name="The Red Lion")).value.reference
    records.create(e.ListEntry(asset_ref=asset, entered_on=date(2025, 6, 15)))
    return records.create(e.DisposalNotice(asset_ref=asset, received_on=date(2025, 8, 31))).value.reference


def _group(register, legal_form: LegalForm) -> str:
    return Records(register).create(e.CommunityGroup(name="Friends", legal_form=legal_form)).value.reference


def test_a_charitys_request_in_time_starts_the_full_moratorium(register, notice):
    group = _group(register, LegalForm.CHARITY)
    saved = record_bidder_request(
        register, e.BidderRequest(notice_ref=notice, group_ref=group, received_on=date(2025, 10, 11))
    ).value
    assert saved.request.reference == "BR-0001"
    assert saved.verdict.starts_full_moratorium
    assert "ends on Sat 11 Oct 2025" in saved.verdict.why


@pytest.mark.parametrize(
    ("legal_form", "received", "why"),
    [
        (LegalForm.NEIGHBOURHOOD_FORUM, date(2025, 9, 10), "cannot trigger the full moratorium"),
        (LegalForm.CHARITY, date(2025, 10, 12), "after the interim moratorium ended on Sat 11 Oct 2025"),
        (LegalForm.CHARITY, date(2025, 8, 30), "before the council received the disposal notice on Sun 31 Aug 2025"),
    ],
)
def test_a_request_that_does_not_count_is_still_recorded_with_the_reason(register, notice, legal_form, received, why):
    group = _group(register, legal_form)
    saved = record_bidder_request(
        register, e.BidderRequest(notice_ref=notice, group_ref=group, received_on=received)
    ).value
    assert not saved.verdict.starts_full_moratorium
    assert why in saved.verdict.why
    assert saved.verdict.why.count(".") >= 1 and "\n" not in saved.verdict.why
    assert [r.reference for r in Records(register).list(RecordKind.BIDDER_REQUEST)] == ["BR-0001"]


def test_the_asset_page_shows_each_request_with_its_assessment(register, notice):
    group = _group(register, LegalForm.UNINCORPORATED_BODY)
    record_bidder_request(register, e.BidderRequest(notice_ref=notice, group_ref=group, received_on=date(2025, 9, 1)))
    detail = asset_detail(register, "AST-0001", today=date(2025, 10, 12))
    (notice_detail,) = detail.notices
    (assessed,) = notice_detail.requests
    assert notice_detail.status.value == "protected"
    assert "cannot trigger the full moratorium" in assessed.verdict.why


def test_a_request_on_a_notice_that_starts_no_moratorium_does_not_count(register, notice):
    Records(register).update(notice, share_sale=True)
    group = _group(register, LegalForm.CHARITY)
    saved = record_bidder_request(
        register, e.BidderRequest(notice_ref=notice, group_ref=group, received_on=date(2025, 9, 10))
    ).value
    assert not saved.verdict.starts_full_moratorium
    assert saved.verdict.why == (
        "This notice starts no moratorium, so the request cannot start the full one: a sale of shares in the "
        "owning company is not a relevant disposal."
    )


def test_the_case_and_the_request_letter_judge_the_group_alike_and_follow_a_change_to_it(register, notice):
    # A society recorded as paying its surplus to members is not a community interest group (reg 12): the
    # letter says so, and so must the asset page and What's due, until the record is corrected.
    from assetreg.domain.eligibility import State
    from assetreg.services.deadlines import whats_due
    from assetreg.services.printing import bidder_request_document

    records = Records(register)
    society = records.create(
        e.CommunityGroup(
            name="Red Lion Society",
            legal_form=LegalForm.COMMUNITY_BENEFIT_SOCIETY,
            local_connection="Meets in the pub",
            distributes_surplus=True,
            is_own_group=True,
        )
    ).value.reference
    saved = record_bidder_request(
        register, e.BidderRequest(notice_ref=notice, group_ref=society, received_on=date(2025, 9, 10))
    ).value
    assert not saved.verdict.starts_full_moratorium
    letter = bidder_request_document(register, notice, out_of_time=True)
    assert [f.code for f in letter.eligibility.facts if f.state is State.FAILED] == ["surplus"]
    on = date(2025, 10, 20)  # after the interim moratorium: protected, as no request counts
    assert asset_detail(register, "AST-0001", today=on).notices[0].status.value == "protected"
    assert "ACV-FMP-END" not in {d.code for d in whats_due(register, on).deadlines}

    records.update(society, distributes_surplus=False)
    assert asset_detail(register, "AST-0001", today=on).notices[0].status.value == "full-moratorium"
    (full_end,) = [d for d in whats_due(register, on).deadlines if d.code == "ACV-FMP-END"]
    assert full_end.date == date(2026, 2, 28)
    assert bidder_request_document(register, notice, out_of_time=True).eligibility.failed == ()
