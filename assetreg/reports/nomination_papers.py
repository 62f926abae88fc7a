"""The enclosures of a nomination: the list of papers it is sent with, and the bound-in pages that follow it.

Each paper is found among the asset's documents (``domain/enclosures.py``); the list says of each whether it is
bound in at the end, to be sent separately (a file that cannot be printed), or missing — and a missing paper the
nomination should not go without is a warning too.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Table

from ..domain.i18n import tr
from ..domain.printed import Attachment, NominationDocument
from .binding import PaperState, attachment_flowables, paper_state, paper_state_label
from .house import ACCENT, WARN, grid_style, heading, styles, text

WIDTHS = (62 * mm, 70 * mm, 33 * mm)  # paper | file | state


def bind(document: NominationDocument) -> dict[int, tuple[list[Flowable], str]]:
    """What binds each enclosure in, and its warning, keyed by the attachment's id (bound once, listed twice)."""
    return {id(a): attachment_flowables(a, level=1) for x in document.enclosures for a in x.attachments}


def enclosures_section(document: NominationDocument, bound: dict[int, tuple[list[Flowable], str]]) -> list[Flowable]:
    """The numbered list of enclosures with the state of each."""
    s = styles()
    rows = [[Paragraph(text(h), s.cell_bold) for h in (tr("Paper"), tr("File"), tr("State"))]]
    for enclosure in document.enclosures:
        if not enclosure.attachments:
            state = tr("Missing") if enclosure.needed else tr("Not enclosed")
            rows.append(
                [
                    Paragraph(text(enclosure.label), s.cell),
                    Paragraph(text("", blank="—"), s.cell),
                    _state(state, enclosure.needed),
                ]
            )
        for item in enclosure.attachments:
            state = paper_state(item, bound[id(item)][1])
            label = paper_state_label(state)
            if state is PaperState.BOUND:
                label = tr("Bound in at the end")
            elif state is PaperState.SEPARATE:
                label = tr("To be sent separately")
            rows.append(
                [
                    Paragraph(text(enclosure.label), s.cell),
                    Paragraph(text(_file(item)), s.cell),
                    _state(label[:1].upper() + label[1:], state not in (PaperState.BOUND, PaperState.SEPARATE)),
                ]
            )
    table = Table(rows, colWidths=list(WIDTHS), repeatRows=1, hAlign="LEFT")
    table.setStyle(grid_style())
    return [KeepTogether([heading(tr("6. Enclosures")), table])]


def bound_pages(document: NominationDocument, bound: dict[int, tuple[list[Flowable], str]]) -> list[Flowable]:
    """The enclosures that print, after the form, each under its own bookmark."""
    printing = [
        a for x in document.enclosures for a in x.attachments if paper_state(a, bound[id(a)][1]) is PaperState.BOUND
    ]
    if not printing:
        return []
    story: list[Flowable] = [PageBreak(), heading(tr("Enclosures bound in"))]
    for item in printing:
        story += bound[id(item)][0]
    return story


def enclosure_warnings(document: NominationDocument, bound: dict[int, tuple[list[Flowable], str]]) -> list[str]:
    """A warning for each needed paper not found, each file not bound in, and each file to send separately."""
    warnings = []
    for enclosure in document.enclosures:
        if not enclosure.attachments and enclosure.needed:
            warnings.append(
                tr("Missing enclosure: “{paper}”. Attach it to the asset before sending the nomination.").format(
                    paper=enclosure.label
                )
            )
        for item in enclosure.attachments:
            warning = bound[id(item)][1]
            if warning:
                warnings.append(warning)
            elif paper_state(item, warning) is PaperState.SEPARATE:
                warnings.append(
                    tr("{file} cannot be printed: send it with the nomination as a separate file.").format(
                        file=_file(item)
                    )
                )
    return warnings


def _file(item: Attachment) -> str:
    return f"{item.filename} ({item.reference})" if item.reference else item.filename


def _state(label: str, warn: bool) -> Paragraph:
    colour = WARN if warn else ACCENT
    return Paragraph(f'<font color="{colour.hexval()}"><b>{text(label)}</b></font>', styles().cell)
