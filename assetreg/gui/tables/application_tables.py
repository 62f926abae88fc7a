"""The applications view's tables: the pipeline, one application's stage history, and its pack checklist."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ...domain import entities as e
from ...domain.council_profiles import CouncilProfile, Process
from ...domain.dates import format_date
from ...domain.enums import ApplicationKind
from ...domain.records import reference_number
from ...services.applications import ChecklistSection, PipelineRow
from ..display import SORT_ROLE
from ..widgets import icons
from .record_table import RowsTableModel

_Index = QModelIndex | QPersistentModelIndex
DISPLAY, DECORATION, TOOLTIP = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole,
)

COL_ASSET, COL_KIND, COL_COUNCIL, COL_STAGE, COL_SINCE, COL_PLAN = range(6)
HIST_STAGE, HIST_ON, HIST_LASTED, HIST_NOTES = range(4)
CHECK_SECTION, CHECK_ANSWER, CHECK_STATUS, CHECK_DOCUMENTS = range(4)

OVER_ICON, WITHIN_ICON, ROUND_ICON = "warning", "good", "soon"  # icons.py names
PRESENT_ICON, MISSING_ICON = "good", "missing"
_LAST = 1 << 30  # sorts after every real value
_TIP_CHARS = 600  # of an answer, in its tooltip


def icon(name: str) -> QIcon:
    return icons.icon(name)


def words_text(text: str) -> str:
    """How long an answer is: "1 word", "212 words" (council forms often set a limit in words)."""
    count = len(text.split())
    if count == 1:
        return QApplication.translate("applications", "1 word")
    return QApplication.translate("applications", "{n} words").format(n=f"{count:,}")


def days_text(days: int) -> str:
    return (
        QApplication.translate("applications", "1 day")
        if days == 1
        else f"{days} " + QApplication.translate("applications", "days")
    )


class PipelineModel(RowsTableModel):
    """Every application: where it is, since when, and how that compares with its council's plan."""

    def __init__(self, parent=None) -> None:
        t = self.tr
        super().__init__(
            (t("Asset"), t("Kind"), t("Council"), t("Stage"), t("In stage since"), t("Against plan")),
            parent,
        )
        self._today = date.min

    def set_pipeline(self, rows: list[PipelineRow], today: date) -> None:
        self._today = today
        self.set_rows(rows)

    def cell(self, row: PipelineRow, column: int, role: int) -> Any:
        if role == DISPLAY:
            return self.text(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == DECORATION and column == COL_PLAN:
            return self._plan_icon(row)
        if role == TOOLTIP:
            return self._tooltip(row, column)
        return None

    def text(self, row: PipelineRow, column: int) -> str:
        a = row.application
        if column == COL_ASSET:
            return f"{a.asset_ref} {row.asset_name}"
        if column == COL_KIND:
            return kind_text(a.kind)
        if column == COL_COUNCIL:
            return row.authority_name
        if column == COL_STAGE:
            return row.stage_name
        if column == COL_SINCE:
            return self.since(row)
        return self.plan(row)

    def since(self, row: PipelineRow) -> str:
        """When it entered its stage and how long ago: "Fri 15 Aug 2025 · 31 days"."""
        p = row.progress
        if p.entered_on is None:
            return self.tr("Date not recorded")
        return f"{format_date(p.entered_on)} · {days_text(p.days_in_stage)}"

    def plan(self, row: PipelineRow) -> str:
        """Against the council's plan, in words: over or within its target, or its next round date."""
        p = row.progress
        if p.ended:
            return self.tr("Finished at this stage")
        if p.target_days is not None:
            if p.days_in_stage is None:
                return self.tr("Target {days}; date not recorded").format(days=days_text(p.target_days))
            if p.over_by is not None:
                return self.tr("{over} over the {days} target").format(
                    over=days_text(p.over_by), days=days_text(p.target_days)
                )
            return self.tr("{left} left of {days}").format(left=days_text(p.days_left), days=days_text(p.target_days))
        if row.decision_due is not None:
            return self.tr("Decision due {date}").format(date=format_date(row.decision_due.date))
        if p.next_milestone is not None:
            _, milestone = p.next_milestone
            return self.tr("Next: {what}, {date}").format(what=milestone.label, date=format_date(milestone.on))
        if row.profile.process is Process.ROUNDS:
            return self.tr("No round date ahead")
        plan = row.profile.stage(row.stage)
        return plan.target_text if plan is not None and plan.target_text else self.tr("No target set")

    def _plan_icon(self, row: PipelineRow) -> QIcon | None:
        p = row.progress
        if p.ended:
            return None
        if p.over_by is not None:
            return icon(OVER_ICON)
        if p.days_left is not None:
            return icon(WITHIN_ICON)
        if row.decision_due is not None:
            return icon(OVER_ICON if row.decision_due.date < self._today else WITHIN_ICON)
        return icon(ROUND_ICON) if p.next_milestone is not None else None

    def _sort_key(self, row: PipelineRow, column: int) -> Any:
        a, p = row.application, row.progress
        if column == COL_ASSET:
            return reference_number(a.asset_ref)
        if column == COL_STAGE:  # along the council's stages, then the order the applications were made
            return row.stage_position * 1_000_000 + reference_number(a.reference)
        if column == COL_SINCE:
            return p.entered_on.toordinal() if p.entered_on else _LAST
        if column == COL_PLAN:  # most pressing first: furthest over, then fewest days left, then the nearest round
            if p.over_by is not None:
                return -p.over_by
            if p.days_left is not None:
                return p.days_left
            if row.decision_due is not None:  # a statutory date: with the days left of the council's targets
                return (row.decision_due.date - self._today).days
            if p.next_milestone is not None:
                return 100_000 + (p.next_milestone[1].on - self._today).days
            return _LAST
        return self.text(row, column).casefold()

    def _tooltip(self, row: PipelineRow, column: int) -> str:
        if column in (COL_STAGE, COL_PLAN):
            return profile_summary(row.profile, row.stage)
        if column == COL_KIND:
            return row.application.kind.label
        if column == COL_ASSET:
            return self.tr("{reference}: the application for {asset}").format(
                reference=row.reference, asset=self.text(row, column)
            )
        return self.text(row, column)


class StageHistoryModel(RowsTableModel):
    """An application's dated steps, with how long it stayed at each."""

    def __init__(self, parent=None) -> None:
        t = self.tr
        super().__init__((t("Stage"), t("Reached on"), t("Time there"), t("Notes")), parent)
        self._profile: CouncilProfile | None = None
        self._ends: list[date | None] = []
        self._today = date.min

    def set_history(self, history: tuple[e.StageChange, ...], council: CouncilProfile | None, today: date) -> None:
        self._profile, self._today = council, today
        # A step lasts until the next one; the last is the current stage, still running.
        self._ends = [s.changed_on for s in history[1:]] + [None]
        self.set_rows([(i, s) for i, s in enumerate(history)])

    def steps(self) -> list[e.StageChange]:
        return [s for _, s in self.rows()]

    def cell(self, row: tuple[int, e.StageChange], column: int, role: int) -> Any:
        position, step = row
        if role == SORT_ROLE:
            return position if column in (HIST_STAGE, HIST_ON, HIST_LASTED) else step.notes.casefold()
        if role not in (DISPLAY, TOOLTIP):
            return None
        if column == HIST_STAGE:
            return self._profile.stage_name(step.stage) if self._profile else step.stage
        if column == HIST_ON:
            return format_date(step.changed_on)
        if column == HIST_LASTED:
            end = self._ends[position]
            if end is None:
                return self.tr("{days} (now)").format(days=days_text((self._today - step.changed_on).days))
            return days_text((end - step.changed_on).days)
        return step.notes


class ChecklistModel(RowsTableModel):
    """The pack sections an application's council asks for: each answered or not, and its documents or none."""

    def __init__(self, parent=None) -> None:
        t = self.tr
        super().__init__((t("Pack section"), t("Answer"), t("Documents"), t("Attached")), parent)

    def cell(self, row: ChecklistSection, column: int, role: int) -> Any:
        if role == DISPLAY:
            return self.text(row, column)
        if role == DECORATION and column == CHECK_STATUS:
            return icon(PRESENT_ICON if row.present else MISSING_ICON)
        if role == DECORATION and column == CHECK_ANSWER:
            return icon(PRESENT_ICON if row.answered else MISSING_ICON)
        if role == SORT_ROLE:
            if column == CHECK_SECTION:
                return self._rows.index(row)
            if column == CHECK_ANSWER:
                return len(row.answer.split())
            return len(row.documents) if column == CHECK_STATUS else self.text(row, column).casefold()
        if role == TOOLTIP:
            return self._answer_tip(row) if column == CHECK_ANSWER else self._section_tip(row)
        return None

    def text(self, row: ChecklistSection, column: int) -> str:
        if column == CHECK_SECTION:
            return row.name
        if column == CHECK_ANSWER:
            return words_text(row.answer) if row.answered else self.tr("Not written")
        if column == CHECK_STATUS:
            if not row.present:
                return self.tr("Missing")
            count = len(row.documents)
            return self.tr("1 document") if count == 1 else self.tr("{n} documents").format(n=count)
        return "\n".join(d.title for d in row.documents) or self.tr("Nothing attached yet")

    def _section_tip(self, row: ChecklistSection) -> str:
        tip = f"<p><b>{html.escape(row.name)}</b></p><p>{html.escape(row.description)}</p>"
        if row.documents:
            files = "".join(f"<li>{html.escape(d.original_filename)} ({d.reference})</li>" for d in row.documents)
            tip += f"<ul>{files}</ul>"
        return tip + f"<p><i>{html.escape(self.tr('Double-click or press Enter to write the answer.'))}</i></p>"

    def _answer_tip(self, row: ChecklistSection) -> str:
        if not row.answered:
            return f"<p>{html.escape(self.tr('No answer written yet. Double-click or press Enter to write it.'))}</p>"
        # The opening of the answer, paragraph by paragraph; the dialog shows all of it.
        shown = row.answer if len(row.answer) <= _TIP_CHARS else row.answer[:_TIP_CHARS].rsplit(" ", 1)[0] + " …"
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in shown.split("\n\n") if p.strip())
        return f"<p><b>{html.escape(row.name)}</b></p>{paragraphs.replace(chr(10), '<br>')}"


def kind_text(kind: ApplicationKind) -> str:
    """A short name for the kind, for a table column (the full one is in the tooltip)."""
    if kind is ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST:
        return QApplication.translate("applications", "Scottish request")
    return QApplication.translate("applications", "Council transfer")


def profile_summary(council: CouncilProfile, stage: str) -> str:
    """The council's plan for a stage, as rich text for a tooltip."""
    tr = QApplication.translate
    lines = [f"<b>{html.escape(council.name)}</b>"]
    plan = council.stage(stage)
    if plan is not None and plan.target_days is not None:
        lines.append(html.escape(tr("applications", "Target: {days}.").format(days=days_text(plan.target_days))))
    if plan is not None and plan.note:
        lines.append(html.escape(plan.note))
    milestones = council.milestones()
    if milestones:
        dates = "".join(
            f"<li>{html.escape(r.name)}: {html.escape(m.label)}, {format_date(m.on)}</li>" for r, m in milestones
        )
        lines.append(html.escape(tr("applications", "Round dates:")) + f"<ul>{dates}</ul>")
    if not council.stages_from_source:
        lines.append(
            html.escape(tr("applications", "The council's own stages are not recorded; the usual ones stand."))
        )
    return "<p>" + "<br>".join(lines) + "</p>"


def date_line(item, today: date) -> str:
    """One of an application's dates: "Asset transfer decision due: Thu 15 Jan 2026 (SCOT-ATR-DECIDE)", and
    whether it is met or passed."""
    tr = QApplication.translate
    name = item.deadline.rule.name if item.deadline is not None else item.label
    text = f"{name}: {format_date(item.date)} ({item.code})"
    if item.done:
        return text + " — " + tr("applications", "met")
    if item.date < today:
        return text + " — " + tr("applications", "passed")
    return text
