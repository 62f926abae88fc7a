"""The written request to be treated as a potential bidder (s.95(3)) and the advice printed after it."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from assetreg.domain import entities as e
from assetreg.domain.deadlines import Deadline, compute, with_published
from assetreg.domain.eligibility import Role, eligibility
from assetreg.domain.enums import AssetCategory, Jurisdiction, LegalForm
from assetreg.domain.notice_case import DisposeTo, RequestFacts, notice_case
from assetreg.domain.printed import BidderRequestDocument, Letterhead
from assetreg.domain.rules import Event
from assetreg.reports import bidder_request
from assetreg.reports.house import Rendered

NOTICE_RECEIVED = date(2025, 9, 1)  # a Monday
# Six weeks beginning with (so including) Mon 1 Sep 2025: 1 Sep + 42 days - 1 day = Sun 12 Oct 2025 (RULES.md §3).
INTERIM_END = "Sun 12 Oct 2025"
SEND_BY = date(2025, 10, 8)
PRINTED_ON = date(2025, 9, 15)

GROUP = e.CommunityGroup(
    reference="GRP-0001",
    name="Cyfeillion y Llew <b>Coch</b> & Co",
    legal_form=LegalForm.CHARITY,
    charity_number="1234567",
    local_connection="Every trustee lives in Llanfair, and the charity works only in the parish",
    contact_name="Gwenllian Ŵyn",
    address="12 Church Lane\nLlanfair",
    postcode="LL55 1AA",
    email="secretary@example.org",
    phone="01286 555 123",
    is_own_group=True,
)
COUNCIL = e.Authority(
    reference="AUT-0001",
    name="Buckinghamshire Council",
    address="The Gateway\nAylesbury HP19 8FF",
    email="acv@example.gov.uk",
)
ASSET = e.Asset(
    reference="AST-0001",
    name="Tŷ Coch & <Sons> Arms",
    authority_ref="AUT-0001",
    category=AssetCategory.PUB,
    address="Pound Lane\nLittle Marlow",
    postcode="SL7 3SH",
    title_numbers=("BM123456",),
)
OWNER = e.Party(name="Greene & <i>King</i> plc", address="Westgate Brewery, Bury St Edmunds", postcode="IP33 1QT")
NOTICE = e.DisposalNotice(asset_ref="AST-0001", owner_ref="PTY-0001", received_on=NOTICE_RECEIVED)


def interim_end(received: date = NOTICE_RECEIVED) -> Deadline:
    found = compute(Event.DISPOSAL_NOTICE_RECEIVED, received, Jurisdiction.ENGLAND)
    return next(d for d in found if d.code == "ACV-IMP-END")


def case_on(day: date, notice: e.DisposalNotice = NOTICE, requests=()):
    """The notice's case on ``day``, on land listed the year before."""
    listed = e.ListEntry(asset_ref="AST-0001", entered_on=date(2024, 6, 1))
    return notice_case(notice, requests, [listed], (), Jurisdiction.ENGLAND, day)


def make(**changes) -> BidderRequestDocument:
    day = changes["letterhead"].printed_on if "letterhead" in changes else PRINTED_ON
    case = changes.pop("case", None) or case_on(day, changes.get("notice", NOTICE))
    document = BidderRequestDocument(
        letterhead=Letterhead(GROUP, PRINTED_ON),
        asset=ASSET,
        council=COUNCIL,
        notice=NOTICE,
        owner=OWNER,
        group=GROUP,
        interim_end=interim_end(),
        send_by=SEND_BY,
        eligibility=eligibility(GROUP, ASSET, COUNCIL, Role.TRIGGER),
        listing_problem="",
        case=case,
        owner_may_dispose_to=DisposeTo.COMMUNITY_INTEREST_GROUPS_ONLY if case.current else DisposeTo.ANYONE,
    )
    return dataclasses.replace(document, **changes)


def render(document: BidderRequestDocument, path: Path) -> Rendered:
    with path.open("wb") as out:
        return bidder_request.render(document, out)


def flat(text: str) -> str:
    """Text with its line breaks joined, as sentences wrap across lines."""
    return " ".join(text.split())


def test_the_interim_end_used_here_is_counted_as_rules_md_says() -> None:
    assert interim_end().date == date(2025, 10, 12)


def test_the_letter_quotes_the_dates_and_the_basis_of_the_request(tmp_path: Path, pdf) -> None:
    path = tmp_path / "request.pdf"
    rendered = render(make(), path)
    parsed = pdf.parse(path)
    assert rendered.pages == parsed.pages == 2 and rendered.warnings == ()
    letter = flat(parsed.texts[0])
    assert "Mon 1 Sep 2025" in letter  # the date the council received the owner's notice
    assert INTERIM_END in letter
    assert "Mon 15 Sep 2025" in letter  # the letter's date
    assert (
        "In accordance with section 95(3) of the Localism Act 2011, Cyfeillion y Llew <b>Coch</b> & Co requests "
        "to be treated as a potential bidder in relation to the above land." in letter
    )
    assert "section 95(2)" in letter
    assert "charity (registered charity number 1234567)" in letter
    assert "community interest group within the meaning of regulation 12" in letter
    assert "Please confirm in writing that the council has received this request" in letter
    assert "full moratorium period ends" in letter
    assert "Buckinghamshire Council" in letter and "Greene & <i>King</i> plc" in letter
    for line in ("Signed", "Name", "Position", "Yours faithfully,"):
        assert line in parsed.texts[0]
    assert "Before you send this" not in letter  # the advice is not part of what is sent
    assert parsed.metadata["/Title"] == "Request to be treated as a potential bidder"


def test_the_advice_is_on_its_own_page_and_says_when_and_how_to_send(tmp_path: Path, pdf) -> None:
    path = tmp_path / "request.pdf"
    render(make(), path)
    parsed = pdf.parse(path)
    advice = flat(" ".join(parsed.texts[1:]))
    assert "Before you send this" in flat(parsed.texts[1]) and "do not send this page to the council" in advice
    assert f"The request counts only if the council receives it by {INTERIM_END}. That day counts" in advice
    assert "Wed 8 Oct 2025" in advice  # send by
    assert "recorded delivery" in advice and "by hand" in advice and "Keep proof of sending" in advice
    assert "acknowledgement" in advice
    assert "a kind of body that can be a community interest group (reg 12)" in advice
    assert "On what the register records, Cyfeillion y Llew <b>Coch</b> & Co is a community interest group" in advice
    assert "ACV-IMP-END" in advice and "s.95, s.97" in advice
    # Sun 12 Oct 2025 is not a working day, and the period is not extended.
    assert "make sure it arrives by Fri 10 Oct 2025" in advice
    assert "has run out" not in advice
    titles = [title for _, title in parsed.outline]
    assert titles[0].startswith("Request to be treated as a potential bidder: Tŷ Coch & <Sons> Arms")
    assert titles[1] == "Before you send this (not for sending)"


def test_markup_welsh_letters_and_ampersands_print_literally(tmp_path: Path, pdf) -> None:
    path = tmp_path / "request.pdf"
    render(make(asset=dataclasses.replace(ASSET, description="£1")), path)
    text = pdf.parse(path).text
    for literal in ("Tŷ Coch & <Sons> Arms", "Cyfeillion y Llew <b>Coch</b> & Co", "Gwenllian Ŵyn"):
        assert literal in text
    assert "&amp;" not in text and "&lt;" not in text


def test_a_council_published_date_that_is_earlier_is_the_one_quoted(tmp_path: Path, pdf) -> None:
    path = tmp_path / "request.pdf"
    published = with_published(interim_end(), date(2025, 10, 10), "council's register")
    render(make(interim_end=published), path)
    parsed = pdf.parse(path)
    assert "Fri 10 Oct 2025" in parsed.texts[0]
    assert INTERIM_END not in parsed.texts[0]
    advice = flat(parsed.texts[1])
    assert "Published by the council" in advice and INTERIM_END in advice  # both shown where they differ


def test_a_closed_window_is_warned_about_loudly(tmp_path: Path, pdf) -> None:
    path = tmp_path / "late.pdf"
    render(make(letterhead=Letterhead(GROUP, date(2025, 10, 13))), path)
    advice = flat(pdf.parse(path).text)
    assert "The time for this request has run out." in advice
    assert f"The interim moratorium ended on {INTERIM_END}, 1 day before this was printed." in advice


def test_a_closed_window_under_another_groups_full_moratorium_never_says_the_owner_is_free(tmp_path: Path, pdf) -> None:
    # Another group's request, received in time, holds the full moratorium: the owner is not free to sell.
    other = RequestFacts(date(2025, 9, 20), LegalForm.PARISH_COUNCIL, "BR-0002")
    printed = date(2025, 10, 13)
    case = case_on(printed, requests=[other])
    path = tmp_path / "late-but-held.pdf"
    render(make(letterhead=Letterhead(GROUP, printed), case=case), path)
    advice = flat(pdf.parse(path).text)
    assert "The time for this request has run out." in advice
    assert "free to sell" not in advice and "may sell to anyone" not in advice
    assert "already started the full moratorium, which runs until Sat 28 Feb 2026" in advice
    # And the request already recorded is named, before a second is sent.
    assert (
        "A request that starts the full moratorium is already recorded. BR-0002, received by the council on "
        "Sat 20 Sep 2025. If that is this request, this is your copy of it; if not, a second request starts "
        "nothing more" in advice
    )


def test_a_request_the_council_counts_without_its_day_is_named_before_a_second_is_sent(tmp_path: Path, pdf) -> None:
    counted = RequestFacts(None, LegalForm.PARISH_COUNCIL, "BR-0002", council_counted=True)
    case = case_on(date(2025, 9, 25), requests=[counted])
    path = tmp_path / "counted.pdf"
    render(make(letterhead=Letterhead(GROUP, date(2025, 9, 25)), case=case), path)
    advice = flat(pdf.parse(path).text)
    assert (
        "A request that starts the full moratorium is already recorded. BR-0002, which the council's list counts, "
        "on a day it does not give. If that is this request" in advice
    )


def test_no_request_recorded_yet_gives_no_warning_of_one(tmp_path: Path, pdf) -> None:
    path = tmp_path / "first.pdf"
    rendered = render(make(), path)
    assert "already recorded" not in pdf.parse(path).text
    assert not any("already recorded" in w for w in rendered.warnings)


def test_the_last_day_itself_is_not_too_late(tmp_path: Path, pdf) -> None:
    path = tmp_path / "last-day.pdf"
    render(make(letterhead=Letterhead(GROUP, date(2025, 10, 12))), path)
    assert "has run out" not in pdf.parse(path).text


def test_a_listing_problem_is_shown_prominently(tmp_path: Path, pdf) -> None:
    path = tmp_path / "problem.pdf"
    problem = "A sale of shares in the owning company is not a relevant disposal."
    render(make(listing_problem=problem), path)
    advice = flat(pdf.parse(path).texts[1])
    assert "This notice may start no moratorium." in advice and problem in advice


def test_without_a_moratorium_date_the_letter_says_not_known_and_the_advice_says_why(tmp_path: Path, pdf) -> None:
    path = tmp_path / "no-date.pdf"
    notice = dataclasses.replace(NOTICE, received_on=None)
    render(make(notice=notice, interim_end=None, send_by=None), path)
    parsed = pdf.parse(path)
    lines = [line.strip() for line in parsed.texts[0].splitlines()]
    assert lines[lines.index("Interim moratorium ends") + 1] == "Not known"
    assert lines[lines.index("Owner's notice received by the council") + 1] == "Not known"
    advice = flat(parsed.texts[-1])
    assert "No moratorium date could be worked out." in advice
    assert "neither the date the owner's notice was sent nor the date the council received it is recorded" in advice
    assert "send it as soon as you can" in advice


def test_a_group_that_is_not_a_community_interest_group_does_not_claim_to_be_one(tmp_path: Path, pdf) -> None:
    path = tmp_path / "forum.pdf"
    group = dataclasses.replace(GROUP, legal_form=LegalForm.UNINCORPORATED_BODY, charity_number="")
    rendered = render(make(group=group, eligibility=eligibility(group, ASSET, COUNCIL, Role.TRIGGER)), path)
    parsed = pdf.parse(path)
    letter, advice = flat(parsed.texts[0]), flat(parsed.texts[1])
    assert "is an unincorporated body" in letter
    assert "community interest group within the meaning" not in letter
    assert "only a parish council, charity, community interest company" in advice
    assert "would not start the full moratorium" in advice
    assert any(w.startswith("Not met:") and "reg 12" in w for w in rendered.warnings)


def test_without_a_group_of_its_own_the_letter_never_comes_from_assetreg(tmp_path: Path, pdf) -> None:
    path = tmp_path / "nobody.pdf"
    render(make(letterhead=Letterhead(None, PRINTED_ON), group=None, council=None, owner=None), path)
    parsed = pdf.parse(path)
    letter = flat(parsed.texts[0])
    assert "AssetReg requests" not in letter
    assert "the undersigned group requests to be treated as a potential bidder" in letter
    lines = [line.strip() for line in parsed.texts[0].splitlines()]
    assert lines[lines.index("Owner giving notice") + 1] == "Not known"
    assert "No group is recorded as yours" in flat(parsed.texts[1])


def test_the_advice_page_says_where_text_prints_as_a_question_mark_and_the_app_quotes_it(tmp_path: Path, pdf) -> None:
    from assetreg.reports import write

    owner = dataclasses.replace(OWNER, name="شركة Holdings")
    path = tmp_path / "request.pdf"
    rendered = write(make(owner=owner), path)
    parsed = pdf.parse(path)
    assert "Owner giving notice ???? Holdings" in flat(parsed.texts[0])
    advice = flat(" ".join(parsed.texts[1:]))
    assert "Some text cannot be printed and shows as “?” in this document (owner name: “???? Holdings”)" in advice
    # In the app the warning quotes the word as it is recorded, once.
    quoted = [w for w in rendered.warnings if "“شركة”" in w]
    assert len(quoted) == 1 and "(Arabic)" in quoted[0]
