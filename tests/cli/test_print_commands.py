"""``assetreg print ...``, ``notices list`` and ``applications list`` on a real demo register, in-process.

Every PDF is parsed back with pypdf after ``qpdf --check``; the dates printed are worked out here from the
register's own records, not copied from the output.
"""

from __future__ import annotations

import gc
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from assetreg import reports
from assetreg.app import main
from assetreg.domain.dates import format_date
from assetreg.domain.status import NoticeStatus
from assetreg.services.assets import list_notices
from assetreg.services.deadlines import register_deadlines
from assetreg.services.demo import write_demo_register
from assetreg.services.register import Register


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("print-demo")
    write_demo_register(folder / "demo.assetreg")  # clocks live today, as the commands see them
    return folder


@pytest.fixture
def demo(demo_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "demo"
    shutil.copytree(demo_folder, copy)
    monkeypatch.setenv("ASSETREG_DATA_DIR", str(tmp_path / "user-data"))
    monkeypatch.delenv("ASSETREG_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    return copy / "demo.assetreg"


def run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_notices_and_applications_can_be_listed_to_find_what_to_print(demo, capsys):
    status, out, _ = run(capsys, "notices", "list", "--json", "--db", demo)
    notices = json.loads(out)
    assert status == 0 and notices and all(n["reference"].startswith("DN-") for n in notices)
    status, out, _ = run(capsys, "applications", "list", "--json", "--db", demo)
    applications = json.loads(out)
    assert status == 0 and {a["reference"] for a in applications} >= {"TA-0001"}
    status, out, _ = run(capsys, "notices", "list", "--db", demo)
    assert status == 0 and notices[0]["reference"] in out and "notices" in out


def test_print_bidder_request_quotes_the_notice_and_its_interim_end(demo, capsys, tmp_path, pdf):
    with Register.open(demo) as register:
        notice = next(n for n in list_notices(register) if n.status is NoticeStatus.INTERIM_MORATORIUM)
    status, out, err = run(capsys, "print", "bidder-request", notice.reference, "-o", tmp_path / "r.pdf", "--db", demo)
    assert status == 0, err
    assert "Wrote" in out and "3 pages" in out  # the letter, and two pages of advice
    text = pdf.parse(tmp_path / "r.pdf").text
    assert format_date(notice.notice.received_on) in text
    assert format_date(notice.period_ends_on) in text  # the interim moratorium's last day
    assert "section 95(3)" in text


def test_print_nomination_writes_a_named_file_here_by_default(demo, capsys, tmp_path, pdf):
    status, out, err = run(capsys, "print", "nomination", "ast-1", "--db", demo)
    assert status == 0, err
    parsed = pdf.parse(tmp_path / "nomination-AST-1.pdf")
    assert "The Red Lion" in parsed.text
    assert [title for level, title in parsed.outline if level == 0][:4] == [
        "1. Description of the land and its proposed boundaries (reg 6(a))",
        "2. Occupiers, freeholders and leaseholders (reg 6(b))",
        "3. Why the land is of community value (reg 6(c))",
        "4. Evidence that the nominator is eligible (reg 6(d))",
    ]


def test_print_pack_binds_the_application_papers(demo, capsys, tmp_path, pdf):
    status, out, err = run(capsys, "print", "pack", "TA-0001", "-o", tmp_path / "pack.pdf", "--db", demo)
    assert status == 0, err
    parsed = pdf.parse(tmp_path / "pack.pdf")
    titles = [title for _, title in parsed.outline]
    assert "Evidence checklist" in titles and "Summary" in titles
    assert f"Page {parsed.pages} of {parsed.pages}" in parsed.texts[-1]


def test_edit_names_the_applicant_group_and_the_pack_is_printed_from_it(demo, capsys, tmp_path, pdf):
    # A group not in the register is refused and nothing changes.
    status, _, err = run(capsys, "edit", "ta-3", "--applicant-ref", "grp-99", "--db", demo)
    assert status == 1 and "There is no community group GRP-0099" in err
    status, out, err = run(capsys, "edit", "ta-3", "--applicant-ref", "grp-6", "--db", demo)
    assert status == 0, err
    status, out, err = run(capsys, "print", "pack", "TA-0003", "-o", tmp_path / "pack.pdf", "--db", demo)
    assert status == 0, err
    parsed = pdf.parse(tmp_path / "pack.pdf")
    assert parsed.texts[0].lstrip().startswith("Llanfair Village Hall Committee")
    assert "Prepared with the help of Ashcombe Community Pub Society Limited" in " ".join(parsed.text.split())


def test_print_deadlines_lists_what_the_deadlines_command_would(demo, capsys, tmp_path, pdf):
    status, _, err = run(capsys, "print", "deadlines", "--within", "60", "-o", tmp_path / "d.pdf", "--db", demo)
    assert status == 0, err
    text = pdf.parse(tmp_path / "d.pdf").text
    with Register.open(demo) as register:
        due = register_deadlines(register, within=60)
    assert due
    for item in due:
        assert format_date(item.date) in text


def test_print_register_is_landscape_with_every_asset(demo, capsys, tmp_path, pdf):
    status, _, err = run(capsys, "print", "register", "-o", tmp_path / "reg.pdf", "--db", demo)
    assert status == 0, err
    parsed = pdf.parse(tmp_path / "reg.pdf")
    assert "14 assets" in parsed.text
    from pypdf import PdfReader

    box = PdfReader(tmp_path / "reg.pdf").pages[0].mediabox
    assert box.width > box.height


def test_printing_pauses_the_cycle_collector_only_while_it_prints(demo, capsys, tmp_path, monkeypatch):
    seen = []
    real_render = reports.render

    def render(document, out):
        seen.append(gc.isenabled())
        return real_render(document, out)

    monkeypatch.setattr(reports, "render", render)
    # As in a command's own process: collecting (a GUI test run before in this process may have turned it off).
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        status, _, err = run(capsys, "print", "pack", "TA-0001", "-o", tmp_path / "pack.pdf", "--db", demo)
        assert status == 0, err
        assert seen == [False] and gc.isenabled()
        # Refused, it is collecting again too; and a program that had paused it itself finds it still paused.
        assert run(capsys, "print", "pack", "DN-0001", "--db", demo)[0] == 2 and gc.isenabled()
        gc.disable()
        assert run(capsys, "print", "register", "-o", tmp_path / "reg.pdf", "--db", demo)[0] == 0
        assert not gc.isenabled()
    finally:
        (gc.enable if was_enabled else gc.disable)()


def test_bad_references_and_places_are_refused_plainly(demo, capsys, tmp_path):
    status, _, err = run(capsys, "print", "pack", "DN-0001", "--db", demo)
    assert status == 2 and "DN-0001 is a disposal notice, not a transfer application." in err
    status, _, err = run(capsys, "print", "nomination", "AST-0999", "--db", demo)
    assert status == 2 and "There is no asset AST-0999" in err
    status, _, err = run(capsys, "print", "register", "-o", tmp_path / "no-such-folder" / "x.pdf", "--db", demo)
    assert status == 1 and "does not exist" in err
    status, _, err = run(capsys, "print", "register", "-o", tmp_path, "--db", demo)
    assert status == 1 and "is a folder" in err


def test_a_failed_print_leaves_an_earlier_file_untouched(demo, capsys, tmp_path, monkeypatch):
    earlier = tmp_path / "pack.pdf"
    earlier.write_bytes(b"the earlier pack")

    def broken(document, out):
        out.write(b"%PDF-half")
        raise RuntimeError("layout failed")

    monkeypatch.setattr("assetreg.reports.render", broken)
    with pytest.raises(RuntimeError):
        main(["print", "pack", "TA-0001", "-o", str(earlier), "--db", str(demo)])
    assert earlier.read_bytes() == b"the earlier pack"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".assetreg-")] == []


@pytest.mark.parametrize(
    "document",
    [("nomination", "AST-0001"), ("bidder-request", "DN-0001"), ("pack", "TA-0001"), ("deadlines",), ("register",)],
    ids=lambda d: d[0],
)
def test_every_document_embeds_every_font_it_uses(demo, capsys, tmp_path, pdf, document):
    # Printed anywhere, a PDF must look the same: no font may be left to the reader's machine (no Helvetica).
    out = tmp_path / f"{document[0]}.pdf"
    status, _, err = run(capsys, "print", *document, "-o", out, "--db", demo)
    assert status == 0, err
    pdf.check(out)
    assert pdf.unembedded_fonts(out) == []


def test_a_request_out_of_time_is_refused_unless_asked_for_and_then_marked(demo, capsys, tmp_path, pdf):
    out = tmp_path / "late.pdf"
    status, _, err = run(capsys, "print", "bidder-request", "DN-0002", "-o", out, "--db", demo)
    assert status == 1 and not out.exists()
    assert "The interim moratorium for DN-0002 ended on" in err and "add --out-of-time" in err
    status, _, err = run(capsys, "print", "bidder-request", "DN-0002", "--out-of-time", "-o", out, "--db", demo)
    assert status == 0, err
    assert "OUT OF TIME." in pdf.parse(out).texts[0]


def test_an_england_only_document_for_land_in_wales_is_refused_plainly(demo, capsys, tmp_path):
    out = tmp_path / "nomination.pdf"
    status, _, err = run(capsys, "print", "nomination", "AST-0014", "-o", out, "--db", demo)
    assert status == 1 and not out.exists()
    assert "Llanfair Village Hall is in Wales" in err and "Traceback" not in err


def test_a_document_printed_as_of_another_day_says_when_it_was_really_printed(demo, capsys, tmp_path, pdf):
    today = date.today()
    status, _, err = run(capsys, "print", "deadlines", "--on", "2026-09-01", "-o", tmp_path / "then.pdf", "--db", demo)
    assert status == 0, err
    footer = f"Printed {format_date(today)} with AssetReg, as the register stood on Tue 1 Sep 2026"
    assert footer in pdf.parse(tmp_path / "then.pdf").text
    status, _, err = run(capsys, "print", "deadlines", "-o", tmp_path / "now.pdf", "--db", demo)
    assert status == 0, err
    now = pdf.parse(tmp_path / "now.pdf").text
    assert f"Printed {format_date(today)} with AssetReg" in now and "as the register stood" not in now
