"""Time to print a 60-page transfer application pack (issue 5 target: under 2 s; issue 15: as a whole process
at least 5x faster than LibreOffice exporting the same content).

    python bench/print_pack.py

Builds a register in a temporary folder through the services: the group, a council, a listed pub with an
owner's notice, and a transfer application whose twelve sections each have a long answer, with three 7-page
PDFs and a picture attached. Then prints the pack the way ``assetreg print pack`` does — from the register
to a finished PDF — three times, and prints the median time, the page count and the file size. Then, when
LibreOffice is installed (``soffice``), it times ``assetreg print pack`` as a whole process against LibreOffice
exporting to PDF an HTML document of the same content (the pack data's text, and each attached page as a
picture), alternating the two, and prints the ratio of the median wall times (and the median CPU times, which
the machine's other work disturbs less). Beside them it times a Python process that only loads the libraries
the pack is made with (SQLAlchemy's ORM, reportlab, pypdf, Pillow, holidays) and does nothing else: no pack can
be printed faster than that while it uses them, so it shows how much of the time is AssetReg's own work.

AssetReg is run as an installed app runs: with compiled modules (``.pyc`` files) to load. This environment may
set ``PYTHONDONTWRITEBYTECODE``, which would make every start compile AssetReg's own modules afresh; the bench
unsets it for the timed process and points ``PYTHONPYCACHEPREFIX`` at a folder of its own, and makes one untimed
warm-up run that writes the compiled files (as installing does). LibreOffice likewise has one untimed first start,
which makes its profile.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from assetreg.domain import entities as e
from assetreg.domain.enums import InterestRole, LegalForm
from assetreg.domain.pack_sections import SECTION_CODES
from assetreg.reports import render
from assetreg.services.applications import save_pack_answer
from assetreg.services.documents import attach
from assetreg.services.printing import pack_document
from assetreg.services.records import Records
from assetreg.services.register import Register

# What ``assetreg print pack`` cannot do without: the libraries it reads the register and makes the PDF with.
LIBRARIES = "import sqlalchemy.orm, reportlab.platypus, pypdf, PIL.Image, holidays.countries"

ANSWER_PARAGRAPHS = 38  # about three pages of answer per section, so some 40 generated pages in all


def seven_page_pdf(path: Path, label: str) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in range(1, 8):
        c.setFont("Helvetica-Bold", 20)
        c.drawString(72, 770, f"{label}, page {page}")
        c.setFont("Helvetica", 10)
        for line in range(50):
            c.drawString(72, 740 - line * 13, f"{label} line {line}: figures, names and dates as a real paper has.")
        c.showPage()
    c.save()
    return path


def build(folder: Path) -> tuple[Path, str]:
    path = folder / "bench.assetreg"
    today = date.today()
    with Register.open(path, create=True) as register:
        records = Records(register)
        records.create(
            e.CommunityGroup(
                name="Ashcombe Community Pub Society Limited",
                legal_form=LegalForm.COMMUNITY_BENEFIT_SOCIETY,
                is_own_group=True,
                society_number="RS009321",
                contact_name="Margaret Okafor",
                email="secretary@example.org",
                address="The Old Vicarage, Church Lane, Ashcombe",
            )
        )
        council = records.create(e.Authority(name="Sevenoaks District Council", code="SEV")).value
        asset = records.create(
            e.Asset(name="The Red Lion", authority_ref=council.reference, address="1 High Street, Ashcombe")
        ).value
        owner = records.create(e.Party(name="Greene Valley Brewing Ltd", address="Brewery Lane")).value
        records.create(e.Interest(asset_ref=asset.reference, party_ref=owner.reference, role=InterestRole.FREEHOLDER))
        records.create(e.ListEntry(asset_ref=asset.reference, entered_on=today - timedelta(days=700)))
        records.create(
            e.DisposalNotice(asset_ref=asset.reference, owner_ref=owner.reference, received_on=today - timedelta(20))
        )
        application = records.create(
            e.TransferApplication(
                asset_ref=asset.reference,
                authority_ref=council.reference,
                stage="full-application",
                council_profile="sevenoaks",
                lease_term_years=25,
            )
        ).value
        paragraph = (
            "The society will run the pub as a community hub, with a café in the mornings, a post office counter "
            "twice a week and a room for clubs. Income comes from the bar (£180,000 a year by the third year), "
            "room hire and grants; the business plan shows a surplus from year two – see the cash flow attached."
        )
        for code in SECTION_CODES:
            save_pack_answer(register, application.reference, code, "\n\n".join([paragraph] * ANSWER_PARAGRAPHS))
        for name, section in (
            ("Rules", "governing-document"),
            ("Accounts", "finance"),
            ("Survey", "need-and-support"),
        ):
            attach(
                register,
                seven_page_pdf(folder / f"{name}.pdf", name),
                title=name,
                application_ref=application.reference,
                pack_section=section,
            )
        picture = Image.new("RGB", (1600, 1000), "white")
        ImageDraw.Draw(picture).rectangle([80, 80, 1520, 920], outline="navy", width=12)
        picture.save(folder / "plan.png")
        attach(
            register,
            folder / "plan.png",
            title="Site plan",
            application_ref=application.reference,
            pack_section="site-plan-and-valuation",
        )
    return path, application.reference


def office_document(folder: Path, register_path: Path, reference: str) -> Path:
    """The same pack for LibreOffice: its text from the same pack data, the attached pages as pictures."""
    import html

    with Register.open(register_path) as register:
        document = pack_document(register, reference)
    parts = ["<html><head><meta charset='utf-8'><title>Pack</title></head><body>"]

    def text_of(value: object, depth: int = 0) -> None:
        # Every string the pack's data holds, in order: headings, answers, checklists and letterhead alike.
        if isinstance(value, str):
            if value.strip():
                for paragraph in value.split("\n\n"):
                    parts.append(f"<p>{html.escape(paragraph)}</p>")
        elif dataclasses.is_dataclass(value):
            for field in dataclasses.fields(value):
                text_of(getattr(value, field.name), depth + 1)
        elif isinstance(value, list | tuple):
            for item in value:
                text_of(item, depth + 1)

    text_of(document)
    pictures = 0
    for pdf in sorted(folder.glob("*.pdf")):
        if pdf.name.startswith(("pack", "office")):
            continue
        for page in pdfium.PdfDocument(pdf):
            image = folder / f"page-{pictures:03d}.png"
            page.render(scale=150 / 72).to_pil().save(image)
            parts.append(f"<p style='page-break-before: always'><img src='{image.name}' width='100%'></p>")
            pictures += 1
    parts.append("<p style='page-break-before: always'><img src='plan.png' width='100%'></p></body></html>")
    out = folder / "office.html"
    out.write_text("\n".join(parts), encoding="utf-8")
    return out


def whole_process(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """The wall time and the CPU time (user and system, with any programs it starts) of one run of ``command``."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return elapsed, usage.ru_utime + usage.ru_stime


def installed(folder: Path) -> dict[str, str]:
    """The environment of an installed app: its modules compiled once (to a folder of the bench's own) and loaded."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def summary(runs: list[tuple[float, float]]) -> tuple[float, float, str]:
    wall, cpu = statistics.median(t for t, _ in runs), statistics.median(c for _, c in runs)
    return wall, cpu, ", ".join(f"{t:.2f}" for t, _ in runs)


def main() -> int:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        path, reference = build(folder)
        times, pages = [], 0
        out = folder / "pack.pdf"
        for _ in range(3):
            started = time.perf_counter()
            with Register.open(path) as register, out.open("wb") as stream:
                rendered = render(pack_document(register, reference), stream)
            times.append(time.perf_counter() - started)
            pages = rendered.pages
        print(
            f"pack of {pages} pages (21 attached), in this process: median {statistics.median(times):.2f} s "
            f"(runs {', '.join(f'{t:.2f}' for t in times)}), {out.stat().st_size / 1e6:.1f} MB"
        )
        app = [sys.executable, "-m", "assetreg", "--db", str(path), "print", "pack", reference, "-o", str(out)]
        env = installed(folder)
        whole_process(app, env)  # compiles AssetReg's modules, as installing it does; not timed
        office = shutil.which("soffice") or shutil.which("libreoffice")
        if office is None:
            a, a_cpu, listed = summary([whole_process(app, env) for _ in range(3)])
            print(f"assetreg print pack, whole process: median {a:.2f} s, cpu {a_cpu:.2f} s (runs {listed})")
            print("LibreOffice is not installed (Debian: libreoffice-writer-nogui), so there is no floor to compare.")
            return 0
        source = office_document(folder, path, reference)
        profile = (folder / "office-profile").as_uri()
        soffice = [
            office,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(folder / "office-out"),
            str(source),
        ]
        whole_process(soffice)  # LibreOffice's first start makes its profile; not timed
        libraries = [sys.executable, "-c", LIBRARIES]
        whole_process(libraries, env)
        ours, theirs, loading = [], [], []
        for _ in range(3):
            ours.append(whole_process(app, env))
            theirs.append(whole_process(soffice))
            loading.append(whole_process(libraries, env))
        office_pages = len(pdfium.PdfDocument(folder / "office-out" / "office.pdf"))
        a, a_cpu, our_runs = summary(ours)
        b, b_cpu, their_runs = summary(theirs)
        print(f"assetreg print pack, whole process: median {a:.2f} s, cpu {a_cpu:.2f} s (runs {our_runs})")
        print(
            f"LibreOffice exporting the same content ({office_pages} pages): median {b:.2f} s, cpu {b_cpu:.2f} s "
            f"(runs {their_runs})"
        )
        print(f"AssetReg is {b / a:.1f}x faster (cpu: {b_cpu / a_cpu:.1f}x) (target >= 5x)")
        c, c_cpu, loading_runs = summary(loading)
        print(
            f"Python only loading the pack's libraries: median {c:.2f} s, cpu {c_cpu:.2f} s (runs {loading_runs}); "
            f"with nothing else to do it would be {b / c:.1f}x faster than LibreOffice (cpu: {b_cpu / c_cpu:.1f}x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
