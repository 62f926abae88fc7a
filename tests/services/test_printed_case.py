"""Printed documents read the case account: what they say of a case is what the app and the command line say.

Built on the demo register as it stands on Mon 15 Sep 2025, with real PDFs parsed back.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from assetreg.domain import entities as e
from assetreg.domain.enums import LegalForm
from assetreg.domain.errors import DocumentRefusedError, OutOfTimeError
from assetreg.reports import write
from assetreg.services.assets import asset_detail
from assetreg.services.bidder_requests import record_bidder_request
from assetreg.services.demo import write_demo_register
from assetreg.services.printing import (
    bidder_request_document,
    deadline_report,
    nomination_document,
    register_extract,
)
from assetreg.services.records import Records
from assetreg.services.register import Register

DEMO_DAY = date(2025, 9, 15)


@pytest.fixture
def demo(tmp_path: Path):
    path = tmp_path / "demo.assetreg"
    write_demo_register(path, today=DEMO_DAY)
    register = Register.open(path)
    register.clock = lambda: datetime(2025, 9, 15, 10, 0, tzinfo=UTC)
    yield register
    register.close()


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_register_extract_gives_the_next_step_overdue_first(demo: Register) -> None:
    rows = {row.name: row for row in register_extract(demo).rows}
    library = rows["Kentish Town Library"]
    # Its renomination date has passed and is still worth doing: it is the next step, not a later date.
    assert library.next_deadline == "Renominate by" and library.next_deadline_on < DEMO_DAY
    case = asset_detail(demo, "AST-0003").case
    assert case.next_steps[0].date == library.next_deadline_on
    assert library.listing_ends_on == case.listing_ends_on


def test_the_deadline_report_says_when_the_owner_is_free_only_if_no_request_counts(demo: Register, pdf, tmp_path):
    path = tmp_path / "meeting.pdf"
    write(deadline_report(demo, 30), path)
    text = flat(pdf.parse(path).text)
    assert "From this day the owner may exchange contracts with anyone. Unless a valid request to bid is" in text


def test_the_bidder_request_advice_never_says_the_owner_is_free_while_another_groups_request_holds(
    demo: Register, pdf, tmp_path: Path
) -> None:
    records = Records(demo)
    red_lion = asset_detail(demo, "AST-0001")
    (notice,) = red_lion.notices
    parish = records.create(e.CommunityGroup(name="Ashcombe Parish Council", legal_form=LegalForm.PARISH_COUNCIL))
    received = notice.notice.received_on
    record_bidder_request(
        demo,
        e.BidderRequest(notice_ref=notice.notice.reference, group_ref=parish.value.reference, received_on=received),
    )
    late = notice.case.period_ends_on.toordinal() + 3
    demo.day = date.fromordinal(late)  # three days after the interim moratorium: our own letter is late
    document = bidder_request_document(demo, notice.notice.reference, out_of_time=True)
    assert document.case.status.value == "full-moratorium"
    path = tmp_path / "late.pdf"
    write(document, path)
    text = flat(pdf.parse(path).text)
    assert "The time for this request has run out." in text
    assert "free to sell" not in text and "may sell to anyone" not in text
    assert "Another group's request already started the full moratorium" in text


@pytest.mark.parametrize(
    ("asset", "nation", "instead"),
    [
        ("AST-0013", "Scotland", "community right to buy (Land Reform (Scotland) Act 2003, Part 2)"),
        ("AST-0014", "Wales", "never commenced in Wales"),
    ],
)
def test_an_england_only_nomination_is_refused_for_land_elsewhere_saying_what_applies(demo, asset, nation, instead):
    with pytest.raises(DocumentRefusedError) as refused:
        nomination_document(demo, asset)
    said = str(refused.value)
    assert f"is in {nation}, where a nomination under the Assets of Community Value (England)" in said
    assert instead in said


def test_a_request_out_of_time_is_refused_unless_asked_for_and_then_marked_on_the_letter(demo, pdf, tmp_path):
    # The Plough's interim moratorium ended before the demo day (another group's request holds the full one).
    with pytest.raises(OutOfTimeError) as refused:
        bidder_request_document(demo, "DN-0002")
    assert "The interim moratorium for DN-0002 ended on" in str(refused.value)
    document = bidder_request_document(demo, "DN-0002", out_of_time=True)
    path = tmp_path / "late.pdf"
    write(document, path)
    letter = flat(pdf.parse(path).texts[0])
    assert letter.startswith(flat(letter.split("OUT OF TIME.")[0])) and "OUT OF TIME." in letter
    assert "This request is sent late and does not start the full moratorium." in letter
    # In time, nothing is marked.
    on_time = tmp_path / "on-time.pdf"
    write(bidder_request_document(demo, "DN-0001"), on_time)
    assert "OUT OF TIME" not in pdf.parse(on_time).text


def test_the_nomination_is_headed_by_the_group_that_nominates(demo, pdf, tmp_path):
    records = Records(demo)
    parish = records.create(e.CommunityGroup(name="Ashcombe Parish Council", legal_form=LegalForm.PARISH_COUNCIL))
    records.create(e.Nomination(asset_ref="AST-0011", nominator_ref=parish.value.reference, sent_on=DEMO_DAY))
    path = tmp_path / "nomination.pdf"
    write(nomination_document(demo, "AST-0011"), path)
    parsed = pdf.parse(path)
    assert all(page.startswith("Ashcombe Parish Council") for page in parsed.texts)
