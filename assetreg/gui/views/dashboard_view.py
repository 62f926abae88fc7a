"""The dashboard, shown at start: what is overdue, what is due in the next 14 days and in the next 90, and why.

Each section is a table over its own ``DeadlineTableModel``; the pane below says why the chosen date applies
(how it was counted, the rule and its citation). The dates are worked out off the GUI thread: on a register of
100,000 assets that takes seconds.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.asset_deadlines import AssetDeadline
from ...domain.dates import format_date
from ...domain.enums import MarkState
from ...domain.errors import AssetRegError
from ...services.deadlines import DEFAULT_WITHIN_DAYS, WhatsDue, kept_ready, whats_due
from ...services.register import Changes
from ..context import AppContext
from ..display import ENTITY_ROLE
from ..printing import print_deadline_report
from ..tables.deadline_table import (
    COL_ASSET,
    COL_RULE,
    COL_WHEN,
    HORIZON_DAYS,
    INFORMATION_ICON,
    NOT_SHOWN,
    OVERDUE,
    SOON,
    SOON_DAYS,
    WARNING_ICON,
    DeadlineTableModel,
    SectionTable,
    section_of,
)
from ..tables.fitted_table import SAMPLED_ROWS
from ..tables.in_force_table import InForceTable
from ..widgets import icons, typography
from ..widgets.deadline_marks import mark_item
from .view import View


class DashboardView(View):
    """What's due: overdue dates, then the next 14 days, then days 15 to 90; choose one to see why."""

    name = "dashboard"
    icon_name = "due"
    heading = "What's due"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._loaded = self._selecting = self._afresh = False
        self._error = ""  # why the last load failed
        self._today: date | None = None
        self.models = tuple(DeadlineTableModel(self) for _ in range(3))
        # What is overdue is the most urgent: it keeps room for more of its rows when the window is short.
        self.tables = tuple(
            SectionTable(model, first_served=section == OVERDUE) for section, model in enumerate(self.models)
        )
        self._heading = QLabel(self.title())
        typography.title(self._heading)
        self._status = QLabel()
        self._status.setWordWrap(True)
        self._status.setAccessibleName(self.tr("Summary"))
        layout = QVBoxLayout(self)
        typography.page(layout)
        self.print_button = QPushButton(self.tr("&Print for a meeting…"))
        self.print_button.setToolTip(
            self.tr("What is overdue and what is due in the next {days} days, grouped by asset, as a PDF").format(
                days=DEFAULT_WITHIN_DAYS
            )
        )
        self.print_button.clicked.connect(self.print_report)
        top = QHBoxLayout()
        top.addWidget(self._heading, 1)
        top.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self._status)
        self.in_force = InForceTable()
        self.in_force.activated.connect(self._on_in_force_activated)
        self._in_force_title = QLabel(self.tr("In force &now"))
        typography.heading(self._in_force_title)
        self._in_force_title.setBuddy(self.in_force)
        layout.addSpacing(8)
        layout.addWidget(self._in_force_title)
        layout.addWidget(self.in_force)
        self._titles, self._captions, self._empties = [], [], []
        for section, table in enumerate(self.tables):
            layout.addSpacing(8)
            layout.addLayout(self._section_header(section, table))
            self._empties.append(QLabel())
            self._empties[-1].setIndent(table.iconSize().width() + 12)
            layout.addWidget(self._empties[-1])
            layout.addWidget(table)
            table.activated.connect(self._on_activated)
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            table.customContextMenuRequested.connect(lambda point, t=table: self._on_context_menu(t, point))
            table.selectionModel().selectionChanged.connect(lambda *_, t=table: self._on_selection_changed(t))
        layout.addSpacing(10)
        layout.addWidget(self._detail_pane(), 1)
        layout.addStretch(0)  # on a tall screen, the room left over goes below everything
        chain = (self.in_force, *self.tables, self._detail, self._open, self.done_button, self.not_applicable_button)
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)
        self._show_sections()

    def print_report(self) -> None:
        """The deadline report for a meeting, made in the background and opened."""
        print_deadline_report(self.context, self)

    def shows(self, changes: Changes) -> bool:
        return not changes.kinds <= NOT_SHOWN

    def selected_item(self) -> AssetDeadline | None:
        for table in self.tables:
            for index in table.selectionModel().selectedRows():
                return index.data(ENTITY_ROLE)
        return None

    def refresh(self) -> None:
        """Works the dates out again in the background; the tables keep what they show until that is done."""
        register = self.context.register
        today = register.today()
        try:  # every date worked out, not read back (a first look, an update): say why it takes longer
            self._afresh = not kept_ready(register, today)
        except AssetRegError:  # the load says what is wrong
            self._afresh = False
        self.load(lambda: whats_due(register, today, within=HORIZON_DAYS), self._on_loaded, self._on_load_failed)
        self._today, self._error = today, ""
        self._show_sections()

    # Building

    def _section_header(self, section: int, table: QTableView) -> QHBoxLayout:
        icon = QLabel()
        side = max(table.iconSize().height(), 16)
        icons.set_label_icon(icon, WARNING_ICON if section == OVERDUE else INFORMATION_ICON, side)
        title = QLabel()
        typography.heading(title)
        title.setBuddy(table)  # Alt+O, Alt+1 and Alt+9 go to the sections
        caption = QLabel()
        self._titles.append(title)
        self._captions.append(caption)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(icon)
        row.addWidget(title)
        row.addSpacing(8)
        row.addWidget(caption, 1)
        return row

    def _detail_pane(self) -> QFrame:
        pane = QFrame()
        pane.setFrameShape(QFrame.Shape.StyledPanel)
        self._detail = QTextBrowser()
        self._detail.setAccessibleName(self.tr("Why this date applies"))
        self._detail.setFrameShape(QFrame.Shape.NoFrame)
        self._detail.setTabChangesFocus(True)
        self._detail.viewport().setAutoFillBackground(False)  # the pane's own background, light or dark
        # Room for a long explanation when the window has it, without a tall empty box on a big screen.
        lines = self.fontMetrics().lineSpacing()
        self._detail.setMinimumHeight(lines * 5 + 12)  # (the overdue dates above come first)
        self._detail.setMaximumHeight(lines * 11 + 12)
        self._detail.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._open = QPushButton(self.tr("&Open asset record"))
        self._open.setAccessibleName(self.tr("Open the asset record"))
        self._open.clicked.connect(self._on_open_clicked)
        # Seeing to a date takes it off the lists; Ctrl+Z puts it back.
        self.done_button = QPushButton(self.tr("&Mark done"))
        self.done_button.setToolTip(self.tr("The group has done this: take it off What's due (Ctrl+Z puts it back)"))
        self.done_button.clicked.connect(lambda: self._mark_selected(MarkState.DONE))
        self.not_applicable_button = QPushButton(self.tr("Not app&licable"))
        self.not_applicable_button.setToolTip(
            self.tr("This date does not apply to the group: take it off What's due (Ctrl+Z puts it back)")
        )
        self.not_applicable_button.clicked.connect(lambda: self._mark_selected(MarkState.NOT_APPLICABLE))
        self.context.writes(self.done_button, self.not_applicable_button)
        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        for button in (self._open, self.done_button, self.not_applicable_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(pane)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(12)
        layout.addWidget(self._detail, 1)
        layout.addLayout(buttons)
        pane.setMaximumHeight(self._detail.maximumHeight() + 16 + 2 * pane.frameWidth())
        self._show_detail(None)
        return pane

    # Showing

    def _show_sections(self) -> None:
        waiting = not self._loaded  # nothing to show yet: say so rather than "Nothing due"
        placeholder = self.tr("Not available.") if self._error else self.tr("Loading…")
        names = (self.tr("Over&due"), self.tr("Next &14 days"), self.tr("Next 15–&90 days"))
        spoken = (self.tr("Overdue"), self.tr("Next 14 days"), self.tr("Next 15 to 90 days"))
        running = len(self.in_force.rows())
        self._in_force_title.setText(self.tr("In force &now ({n})").format(n=running) if running else "")
        self._in_force_title.setVisible(running > 0)
        self.in_force.setVisible(running > 0)
        empty = (
            self.tr("Nothing overdue."),
            self.tr("Nothing due in the next 14 days."),
            self.tr("Nothing due in the next 15 to 90 days."),
        )
        for section, table in enumerate(self.tables):
            count = self.models[section].rowCount()
            self._titles[section].setText(names[section] if waiting else f"{names[section]} ({count})")
            self._captions[section].setText(self._caption(section))
            self._empties[section].setText(placeholder if waiting else empty[section])
            self._empties[section].setVisible(count == 0)
            table.setVisible(count > 0)
            table.setAccessibleName(self.tr("{section}: {n} dates").format(section=spoken[section], n=count))
        self._status.setText(self._summary())

    def _caption(self, section: int) -> str:
        if section == OVERDUE:
            return self.tr("Passed, and still worth doing")
        if self._today is None:
            return ""
        first, last = (0, SOON_DAYS) if section == SOON else (SOON_DAYS + 1, HORIZON_DAYS)
        return self.tr("{first} to {last}").format(
            first=format_date(self._today + timedelta(first)), last=format_date(self._today + timedelta(last))
        )

    def _summary(self) -> str:
        if self.loading and self._afresh:
            return self.tr(
                "Working out every date: the first time, or after an update of AssetReg or a change of settings, "
                "this takes a minute or so on a large register. The rest of the window can be used meanwhile."
            )
        if self.loading:
            return self.tr("Loading…")
        if self._error:
            return self.tr("The dates could not be worked out: {error}").format(error=self._error)
        if not self._loaded or self._today is None:
            return ""
        overdue, soon, later = (model.rowCount() for model in self.models)
        running = len(self.in_force.rows())
        return self.tr(
            "Today is {today}. {running} in force, {overdue} overdue, {soon} due in the next 14 days, {later} more "
            "in the next 90 days. Choose a date to see why it applies; press Enter to open its asset."
        ).format(today=format_date(self._today), running=running, overdue=overdue, soon=soon, later=later)

    def _show_detail(self, item: AssetDeadline | None) -> None:
        self._open.setEnabled(bool(item and item.asset_ref))
        self.done_button.setEnabled(item is not None)
        self.not_applicable_button.setEnabled(item is not None)
        if item is None:
            self._detail.setHtml(f"<p>{html.escape(self.tr('Choose a date above to see why it applies.'))}</p>")
            return
        model, d = self.models[OVERDUE], item.deadline  # every section counts from the same day
        when = model.when(item).replace(" · ", ", ") + "."
        if item.send_by is not None:
            send_by = self.tr("Send it by {date} so that it arrives in time.")
            when += " " + send_by.format(date=format_date(item.send_by))
        rows = [(self.tr("When"), when), (self.tr("What to do"), item.action), (self.tr("Why"), model.why(item))]
        if d is not None:
            rows.append((self.tr("Rule"), self.tr("{code}, {citation}").format(code=d.code, citation=d.rule.citation)))
            notes = [self.tr("provisional (counted from the date sent)")] if d.provisional else []
            notes += [self.tr("conditional (see why)")] if d.conditional else []
            if d.act_by is not None:
                notes.append(self.tr("not a working day, so act by {date}").format(date=format_date(d.act_by)))
            if notes:
                note = "; ".join(notes)
                rows.append((self.tr("Please note"), note[:1].upper() + note[1:] + "."))
        if not item.asset_ref:
            rows.append((self.tr("Asset"), self.tr("This task is not tied to an asset.")))
        e = html.escape
        where = f" — {e(model.asset(item))}" if item.asset_ref else ""
        heading = f"<p style='margin:0 0 6px 0'><b>{e(d.rule.name if d is not None else item.label)}</b>{where}</p>"
        cell = "<td style='padding:2px 14px 2px 0'><b>{}</b></td><td style='padding:2px 0'>{}</td>"
        body = "".join(f"<tr>{cell.format(e(label), e(text))}</tr>" for label, text in rows)
        self._detail.setHtml(f"{heading}<table>{body}</table>")

    def _align_columns(self) -> None:
        # The three tables sit one above another, so their columns line up. Measured from the text (the first
        # rows of each section are enough) rather than cell by cell, which is slow on a large register.
        metrics = self.tables[0].fontMetrics()
        padding = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 24
        icon = self.tables[0].iconSize().width() + 8
        widths = {}
        for column in (COL_WHEN, COL_ASSET, COL_RULE):
            needed = [t.horizontalHeader().sectionSizeFromContents(column).width() for t in self.tables]
            texts = {model.text(item, column) for model in self.models for item in model.items()[:SAMPLED_ROWS]}
            needed += [metrics.horizontalAdvance(text) + padding for text in texts]
            widths[column] = max(needed) + (icon if column == COL_WHEN else 0)
        # A very long asset name is cut short in the table; the pane below shows it whole.
        widths[COL_ASSET] = min(widths[COL_ASSET], metrics.averageCharWidth() * 40)
        for table in self.tables:
            table.set_column_widths(widths)

    # Behaviour

    def _on_loaded(self, due: WhatsDue) -> None:
        today, items = due.day, due.deadlines
        self.in_force.set_rows(list(due.in_force))
        chosen = self.selected_item()
        sections: tuple[list[AssetDeadline], ...] = ([], [], [])
        for item in items:
            section = section_of(item, today)
            if section is not None:
                sections[section].append(item)
        for model, rows in zip(self.models, sections, strict=True):
            model.set_items(rows, today)
        self._today, self._loaded = today, True
        self._show_sections()
        self._align_columns()
        self._reselect(chosen)

    def _on_load_failed(self, error: Exception) -> None:
        self._error = str(error) or type(error).__name__
        self._show_sections()

    def _reselect(self, chosen: AssetDeadline | None) -> None:
        # Keep the user's place after a change; otherwise explain the most pressing date straight away.
        for table in self.tables if chosen is not None else ():
            proxy = table.model()
            for row in range(proxy.rowCount()):
                if proxy.index(row, 0).data(ENTITY_ROLE).uid == chosen.uid:
                    table.selectRow(row)
                    return
        first = next((table for table in self.tables if table.model().rowCount()), None)
        if first is None:
            self._show_detail(None)
        else:
            first.selectRow(0)

    def _on_selection_changed(self, table: QTableView) -> None:
        if self._selecting:
            return
        if table.selectionModel().hasSelection():
            self._selecting = True  # one chosen date across the three tables
            for other in self.tables:
                if other is not table:
                    other.clearSelection()
            self._selecting = False
        self._show_detail(self.selected_item())

    def _on_in_force_activated(self, index: QModelIndex) -> None:
        case, _ = index.data(ENTITY_ROLE)
        self.open_record.emit(case.asset_ref)

    def _on_activated(self, index: QModelIndex) -> None:
        self._open_asset_of(index.data(ENTITY_ROLE))

    def _on_open_clicked(self) -> None:
        self._open_asset_of(self.selected_item())

    def _mark_selected(self, state: MarkState) -> None:
        item = self.selected_item()
        if item is not None:
            mark_item(self.context, item, state, self)  # the change refreshes the view, and the date leaves it

    def _on_context_menu(self, table: QTableView, point: QPoint) -> None:
        index = table.indexAt(point)
        if not index.isValid():
            return
        table.selectRow(index.row())
        item = index.data(ENTITY_ROLE)
        menu = QMenu(self)
        done = menu.addAction(self.tr("&Mark done"), lambda: mark_item(self.context, item, MarkState.DONE, self))
        not_applicable = menu.addAction(
            self.tr("Not app&licable"), lambda: mark_item(self.context, item, MarkState.NOT_APPLICABLE, self)
        )
        self.context.writes(done, not_applicable)
        menu.addSeparator()
        opened = menu.addAction(self.tr("&Open asset record"), lambda: self._open_asset_of(item))
        opened.setEnabled(bool(item.asset_ref))
        menu.exec(table.viewport().mapToGlobal(point))

    def _open_asset_of(self, item: AssetDeadline | None) -> None:
        if item is not None and item.asset_ref:  # a task tied to no asset has no record to open
            self.open_record.emit(item.asset_ref)
