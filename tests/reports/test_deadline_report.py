"""The deadline report for a meeting, from deadlines the rules really compute: read back, checked and drawn.

The deadlines come from ``asset_deadlines`` on recorded facts (RULES.md §4 examples), chosen the way the
printing service chooses them: not done, and overdue or due within the window, overdue first then by date.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from assetreg.domain import entities as e
from assetreg.domain.asset_deadlines import AssetDeadline, AssetFacts, asset_deadlines
from assetreg.domain.counting import WorkingDayCalendar
from assetreg.domain.enums import Jurisdiction, LegalForm
from assetreg.domain.printed import DeadlineReportDocument, Letterhead
from assetreg.domain.settings import Settings
from assetreg.reports import deadline_report, render

TODAY = date(2025, 9, 15)  # Mon
ENGLAND = WorkingDayCalendar(Jurisdiction.ENGLAND)
GROUP = e.CommunityGroup(name="Ambridge Community Pub Society", legal_form=LegalForm.COMMUNITY_BENEFIT_SOCIETY)
ODD_NAME = "Fish & Chips <b>Shop</b>"


def facts(ref: str, name: str, **recorded) -> AssetFacts:
    return AssetFacts(asset_ref=ref, asset_name=name, jurisdiction=Jurisdiction.ENGLAND, **recorded)


def red_lion(**more) -> AssetFacts:
    # Listed, then a disposal notice received Sun 31 Aug 2025: the interim moratorium ends Sat 11 Oct 2025.
    return facts(
        "AST-0001",
        "The Red Lion",
        list_entries=(e.ListEntry(reference="LST-0001", asset_ref="AST-0001", entered_on=date(2025, 8, 1)),),
        notices=(
            e.DisposalNotice(
                reference="DN-0001", asset_ref="AST-0001", received_on=date(2025, 8, 31), vacant_possession=True
            ),
        ),
        **more,
    )


def chip_shop() -> AssetFacts:
    # A nomination received Thu 10 Jul 2025: the council's decision was due Thu 4 Sep 2025, so it is overdue.
    return facts(
        "AST-0002",
        ODD_NAME,
        nominations=(e.Nomination(reference="NOM-0002", asset_ref="AST-0002", received_on=date(2025, 7, 10)),),
    )


def library() -> AssetFacts:
    # Known only by the date it was sent (Sun 10 Aug 2025): the decision date is provisional.
    return facts(
        "AST-0003",
        "St Mary's Library",
        nominations=(e.Nomination(reference="NOM-0003", asset_ref="AST-0003", sent_on=date(2025, 8, 10)),),
        tasks=(
            e.UserDeadline(
                reference="TSK-0003",
                title="Council committee meets",
                due_on=date(2025, 9, 30),
                asset_ref="AST-0003",
                notes="Two members to attend and speak; bring the petition.",
            ),
        ),
    )


def loose_task() -> AssetDeadline:
    task = e.UserDeadline(
        reference="TSK-0009", title="Annual return to the Charity Commission", due_on=date(2025, 9, 12)
    )
    return AssetDeadline(asset_ref="", asset_name="", record_ref=task.reference, task=task)


def chosen(recorded: list[AssetFacts], within: int, extra: tuple[AssetDeadline, ...] = ()) -> tuple[AssetDeadline, ...]:
    found = [d for f in recorded for d in asset_deadlines(f, TODAY, Settings(), ENGLAND)] + list(extra)
    found = [d for d in found if not d.done and (d.overdue(TODAY) or 0 <= d.days_remaining(TODAY) <= within)]
    return tuple(sorted(found, key=lambda d: (not d.overdue(TODAY), d.date)))


def report(deadlines: tuple[AssetDeadline, ...], within: int = 30) -> DeadlineReportDocument:
    return DeadlineReportDocument(
        letterhead=Letterhead(GROUP, TODAY), today=TODAY, within_days=within, deadlines=deadlines
    )


def write(document: DeadlineReportDocument, folder: Path, name: str = "deadlines.pdf") -> Path:
    """Renders through the package's dispatcher, and checks the page count it reports against the file."""
    path = folder / name
    with path.open("wb") as out:
        rendered = render(document, out)
    assert rendered.warnings == ()
    assert rendered.pages == len(PdfReader(path).pages)
    return path


def meeting() -> DeadlineReportDocument:
    return report(chosen([red_lion(), chip_shop(), library()], 30, (loose_task(),)))


def test_the_chosen_deadlines_are_the_ones_the_rules_give():
    found = {(d.asset_ref, d.code): (d.date, d.send_by) for d in meeting().deadlines}
    assert found == {
        ("AST-0002", "ACV-NOM-DECIDE"): (date(2025, 9, 4), None),
        ("", "TASK"): (date(2025, 9, 12), None),
        ("AST-0003", "TASK"): (date(2025, 9, 30), None),
        ("AST-0003", "ACV-NOM-DECIDE"): (date(2025, 10, 5), None),
        ("AST-0001", "ACV-IMP-END"): (date(2025, 10, 11), date(2025, 10, 8)),
        ("AST-0001", "ACV-OWNER-FREE"): (date(2025, 10, 12), None),
    }


def test_a_short_report_is_one_page_with_every_date_rule_and_action(pdf, tmp_path):
    path = write(meeting(), tmp_path)
    parsed = pdf.parse(path)
    assert parsed.pages == 1
    text = parsed.text
    for expected in (
        "Deadlines for the meeting",
        "Mon 15 Sep 2025 · overdue, and due in the next 30 days",
        "2 overdue and 4 coming up, on 3 assets.",
        # overdue: the council's decision, and a task tied to no asset
        "Thu 4 Sep 2025",
        "Overdue by 11 days",
        "ACV-NOM-DECIDE",
        "reg 7",
        "chase it if",
        "Fri 12 Sep 2025",
        "Overdue by 3 days",
        "Annual return to the Charity",
        # upcoming, with the day to send a request by
        "Sat 11 Oct 2025",
        "26 days left",
        "ACV-IMP-END",
        "s.95, s.97",
        "Send by Wed 8 Oct 2025",
        "Sun 12 Oct 2025",
        "27 days left",
        "ACV-OWNER-FREE",
        "Tue 30 Sep 2025",
        "15 days left",
        "Your task",
        "TSK-0003",
        "Two members to attend",
        "Sun 5 Oct 2025",
        "Provisional: counted from the date",
        "Ambridge Community Pub Society",
        "Page 1 of 1",
        "Printed Mon 15 Sep 2025 with AssetReg",
    ):
        assert expected in text, expected


def test_each_asset_is_a_bookmarked_group_overdue_groups_first_then_by_first_date(pdf, tmp_path):
    parsed = pdf.parse(write(meeting(), tmp_path))
    assert parsed.outline == [
        (0, f"{ODD_NAME} (AST-0002)"),  # overdue since Thu 4 Sep
        (0, "Not tied to an asset"),  # overdue since Fri 12 Sep
        (0, "St Mary's Library (AST-0003)"),  # first date Tue 30 Sep
        (0, "The Red Lion (AST-0001)"),  # first date Sat 11 Oct
    ]
    text = parsed.text
    order = [text.index(t) for t in ("AST-0002)", "Not tied to an asset", "(AST-0003)", "(AST-0001)")]
    assert order == sorted(order)
    # within a group, overdue first and then date order
    assert text.index("Tue 30 Sep 2025") < text.index("Sun 5 Oct 2025")
    assert text.index("Sat 11 Oct 2025") < text.index("Sun 12 Oct 2025")


def test_markup_in_register_text_prints_literally(pdf, tmp_path):
    text = pdf.parse(write(meeting(), tmp_path)).text
    assert "Fish & Chips <b>Shop</b> (AST-0002)" in text


def test_metadata_names_the_document_and_the_group(pdf, tmp_path):
    metadata = pdf.parse(write(meeting(), tmp_path)).metadata
    assert metadata["/Title"] == "Deadlines for the meeting"
    assert metadata["/Author"] == "Ambridge Community Pub Society"
    assert metadata["/Subject"] == "Overdue, and due in the next 30 days, as at Mon 15 Sep 2025"


def test_nothing_due_says_so_in_a_sentence(pdf, tmp_path):
    parsed = pdf.parse(write(report((), within=14), tmp_path))
    assert parsed.pages == 1
    assert "Nothing is overdue or due in the next 14 days." in parsed.text
    assert "Mon 15 Sep 2025 · overdue, and due in the next 14 days" in parsed.text
    assert parsed.outline == []


def test_eight_long_deadlines_on_three_assets_still_fit_one_page(pdf, tmp_path):
    # The wordiest rules: the moratorium dates, renomination and the end of a listing, and provisional dates.
    playing_fields = facts(
        "AST-0004",
        "Old School Playing Fields",
        list_entries=(e.ListEntry(reference="LST-0004", asset_ref="AST-0004", entered_on=date(2021, 9, 20)),),
    )
    task = e.UserDeadline(
        reference="TSK-0001", title="Write to the owner about the sale", due_on=date(2025, 9, 25), asset_ref="AST-0001"
    )
    deadlines = chosen([red_lion(tasks=(task,)), playing_fields, library()], 400)
    assert len(deadlines) == 8 and len({d.asset_ref for d in deadlines}) == 3
    parsed = pdf.parse(write(report(deadlines, within=400), tmp_path))
    assert parsed.pages == 1
    assert "Sat 11 Jul 2026" in parsed.text and "ACV-RENOMINATE-BY" in parsed.text
    assert "Sat 28 Feb 2026" in parsed.text and "166 days left" in parsed.text


def test_a_long_report_runs_on_with_the_table_header_on_every_page(pdf, tmp_path):
    # 60 tasks on one asset make a table longer than a page; two small groups follow it.
    tasks = tuple(
        e.UserDeadline(
            reference=f"TSK-{i:04d}",
            title=f"Task number {i}",
            due_on=TODAY + timedelta(days=i % 20),
            asset_ref="AST-0000" if i < 60 else f"AST-{i - 59:04d}",
            notes="Call the clerk, then write to the owner and copy the ward councillor.",
        )
        for i in range(62)
    )
    recorded = [
        facts(f"AST-{n:04d}", f"Asset {n}", tasks=tuple(t for t in tasks if t.asset_ref == f"AST-{n:04d}"))
        for n in range(3)
    ]
    parsed = pdf.parse(write(report(chosen(recorded, 30)), tmp_path))
    assert parsed.pages > 2
    for number, page in enumerate(parsed.texts, start=1):
        assert "Date\nWhat\nRule\nAction" in page, number
        assert f"Page {number} of {parsed.pages}" in page
    assert parsed.outline == [(0, "Asset 0 (AST-0000)"), (0, "Asset 1 (AST-0001)"), (0, "Asset 2 (AST-0002)")]
    assert all(f"Task number {i}\n" in parsed.text for i in range(62))


def test_a_row_taller_than_a_page_is_split_rather_than_failing(pdf, tmp_path):
    task = e.UserDeadline(
        reference="TSK-0001", title="Read the minutes", due_on=date(2025, 9, 20), notes="Word " * 3000
    )
    deadlines = (AssetDeadline(asset_ref="", asset_name="", record_ref="TSK-0001", task=task),)
    path = tmp_path / "long.pdf"
    with path.open("wb") as out:
        rendered = deadline_report.render(report(deadlines), out)
    parsed = pdf.parse(path)
    assert parsed.pages == rendered.pages > 1
    assert parsed.text.count("Word") == 3000


def warm_pixels(page: Path) -> int:
    """Pixels in the warning colour (WARN is #a23b00): overdue dates and their bar."""
    pixels = Image.open(page).convert("RGB").tobytes()
    return sum(1 for i in range(0, len(pixels), 3) if pixels[i] > 120 and pixels[i + 1] < 90 and pixels[i + 2] < 40)


def test_a_page_is_drawn_with_overdue_dates_in_the_warning_colour(pdf, tmp_path):
    (tmp_path / "late").mkdir()
    (page,) = pdf.render_pages(write(meeting(), tmp_path / "late"), tmp_path / "late", resolution=100)
    assert Image.open(page).width < Image.open(page).height  # portrait A4
    assert warm_pixels(page) > 50

    (tmp_path / "calm").mkdir()
    calm = report(tuple(d for d in meeting().deadlines if not d.overdue(TODAY)))
    (page,) = pdf.render_pages(write(calm, tmp_path / "calm"), tmp_path / "calm", resolution=100)
    assert warm_pixels(page) == 0


def test_render_writes_nothing_but_the_pdf():
    out = io.BytesIO()
    rendered = deadline_report.render(meeting(), out)
    assert rendered.pages == 1
    assert out.getvalue().startswith(b"%PDF-") and out.getvalue().rstrip().endswith(b"%%EOF")
