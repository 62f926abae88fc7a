"""The conditions of a group's eligibility as printed: one line each, marked shown, not known or not met."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from ..domain.eligibility import Eligibility, State
from ..domain.i18n import tr
from .house import ACCENT, WARN, grid_style, styles, text


def state_label(state: State) -> str:
    return {State.MET: tr("Shown"), State.UNKNOWN: tr("Not known"), State.FAILED: tr("Not met")}[state]


def eligibility_table(eligibility: Eligibility, width: float = 165 * mm) -> Table:
    """Each condition with its sentence; the state in the warning colour unless it is shown."""
    s = styles()
    rows = [
        [Paragraph(text(tr("Condition")), s.cell_bold), Paragraph(text(tr("What the register shows")), s.cell_bold)]
    ]
    for fact in eligibility.facts:
        colour = ACCENT if fact.state is State.MET else WARN
        rows.append(
            [
                Paragraph(f'<font color="{colour.hexval()}"><b>{text(state_label(fact.state))}</b></font>', s.cell),
                Paragraph(text(fact.sentence), s.cell),
            ]
        )
    table = Table(rows, colWidths=[24 * mm, width - 24 * mm], hAlign="LEFT")
    table.setStyle(grid_style())
    return table


def eligibility_flowables(eligibility: Eligibility, name: str) -> list[Flowable]:
    """The table of conditions and the one-sentence summary beneath it."""
    s = styles()
    summary = eligibility.summary(name)
    return [eligibility_table(eligibility), Paragraph(text(summary), s.body if eligibility.shown else s.warning)]


def eligibility_warnings(eligibility: Eligibility) -> list[str]:
    """A warning for each condition not met or not known, for the Rendered warnings."""
    return [
        (tr("Not met: {sentence}") if f.state is State.FAILED else tr("Not known: {sentence}")).format(
            sentence=f.sentence
        )
        for f in eligibility.facts
        if f.state is not State.MET
    ]
