"""The pack's evidence checklist and its declaration, telling the truth about every paper.

A paper is "bound in" only when its pages or picture are in the pack; a file that cannot be printed is "send
separately"; a section that asks only for a written answer (``pack_sections.py``) and has no papers is "not needed",
never "missing"; and the sections with no answer yet are listed under "Not yet written" rather than printed empty.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table

from ..domain.i18n import tr
from ..domain.printed import Attachment, PackDocument, PackSectionContent
from .binding import PaperState, paper_state, paper_state_label
from .house import ACCENT, MUTED, WARN, grid_style, heading, signature_block, spacer, styles, text

Bound = dict[int, tuple[list[Flowable], str]]


def section_state(section: PackSectionContent, bound: Bound) -> tuple[str, bool]:
    """The section's state in words, and whether it is a warning."""
    if not section.attachments:
        return (tr("Missing"), True) if section.asks_for_papers else (tr("Not needed"), False)
    states = {paper_state(a, bound[id(a)][1]) for a in section.attachments}
    if states & {PaperState.MISSING, PaperState.LEFT_OUT}:
        return tr("Incomplete"), True
    if states == {PaperState.BOUND}:
        return tr("Bound in"), False
    if states == {PaperState.SEPARATE}:
        return tr("Send separately"), False
    return tr("Bound in; send separately"), False


def papers_to_follow(document: PackDocument, bound: Bound) -> int:
    """How many papers are truly still to come: sections asking for papers with none, and files not bound in."""
    count = sum(1 for s in document.sections if s.asks_for_papers and not s.attachments)
    papers = [a for s in document.sections for a in s.attachments] + list(document.unfiled)
    return count + sum(
        1 for a in papers if paper_state(a, bound[id(a)][1]) in (PaperState.MISSING, PaperState.LEFT_OUT)
    )


def checklist(document: PackDocument, bound: Bound) -> list[Flowable]:
    s = styles()
    rows = [[Paragraph(text(h), s.cell_bold) for h in (tr("Section"), tr("Answer"), tr("Papers"), tr("Status"))]]
    shading = []
    for number, section in enumerate(document.sections, start=1):
        papers = [paper_line(item, bound[id(item)][1]) for item in section.attachments]
        status, warn = section_state(section, bound)
        colour = WARN if warn else ACCENT
        answered = tr("Written") if section.answer.strip() else tr("Not written")
        none = tr("None attached") if section.asks_for_papers else tr("None asked for")
        rows.append(
            [
                Paragraph(text(f"{number}. {section.name}"), s.cell),
                Paragraph(text(answered), s.cell),
                Paragraph("<br/>".join(papers) or text(none), s.cell),
                Paragraph(f'<font color="{colour.hexval()}"><b>{text(status)}</b></font>', s.cell),
            ]
        )
        if warn:
            shading.append(("BACKGROUND", (3, len(rows) - 1), (3, len(rows) - 1), colors.HexColor("#fbeee6")))
    for item in document.unfiled:
        state = paper_state(item, bound[id(item)][1])
        label = paper_state_label(state)
        rows.append(
            [
                Paragraph(text(tr("Other papers")), s.cell),
                Paragraph("", s.cell),
                Paragraph(paper_line(item, bound[id(item)][1]), s.cell),
                Paragraph(text(label[:1].upper() + label[1:]), s.cell),
            ]
        )
    table = Table(rows, colWidths=[55 * mm, 22 * mm, 68 * mm, 25 * mm], repeatRows=1, hAlign="LEFT")
    table.setStyle(grid_style())
    table.setStyle(shading)
    story: list[Flowable] = [CondPageBreak(70 * mm), heading(tr("Evidence checklist")), table]
    unwritten = [(n, x) for n, x in enumerate(document.sections, start=1) if not x.answer.strip()]
    if unwritten:
        story += [
            spacer(3),
            Paragraph(text(tr("Not yet written")), s.h2),
            Paragraph(
                text(tr("These sections have no answer yet, so they are not printed; write them before sending.")),
                s.note,
            ),
            *[Paragraph(text(f"{n}. {x.name}"), s.body) for n, x in unwritten],
        ]
    return story


def paper_line(item: Attachment, warning: str) -> str:
    """A paper's title and, in brackets, what became of it."""
    state = paper_state(item, warning)
    label = text(paper_state_label(state))
    if state in (PaperState.MISSING, PaperState.LEFT_OUT):
        return f'{text(item.title)} <font color="{WARN.hexval()}">({label})</font>'
    return f'{text(item.title)} <font color="{MUTED.hexval()}">({label})</font>'


def declaration(document: PackDocument, what: str) -> list[Flowable]:
    """The declaration, signed by two of the group's officers (most councils ask for two)."""
    s = styles()
    group = document.letterhead.name
    statement = tr(
        "We declare that, to the best of our knowledge, the information in this {what} and the papers with it are "
        "true and complete, and that we are authorised to make it on behalf of {group}."
    ).format(what=what, group=group)
    contact = document.letterhead.group.contact_name if document.letterhead.group is not None else ""

    def block(title: str, name: str) -> list[Flowable]:
        rows = [(tr("Signed"), ""), (tr("Name"), name), (tr("Position"), ""), (tr("Date"), "")]
        return [spacer(3), Paragraph(text(title), s.label), signature_block(rows)]

    return [
        CondPageBreak(120 * mm),
        KeepTogether(
            [
                heading(tr("Declaration")),
                Paragraph(text(statement), s.body),
                spacer(2),
                *block(tr("First signatory"), contact),
                *block(tr("Second signatory"), ""),
            ]
        ),
    ]
