"""Transfer applications: the pipeline by stage; for the chosen one, its stage history and its pack checklist.

Each application is shown through its council's profile: the council's names for the stages, its target days or
round dates, and the pack sections it asks for. A group has a handful of applications, so they load at once.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date
from ...domain.entities import TransferApplication
from ...domain.enums import TransferType
from ...domain.errors import AssetRegError
from ...domain.records import RecordKind
from ...services.applications import (
    ApplicationOverview,
    ChecklistSection,
    PipelineRow,
    application_overview,
    pipeline,
)
from ...services.printing import pack_document
from ...services.register import Changes
from ...services.transfers import application_dates
from ..context import AppContext
from ..display import ENTITY_ROLE, plain
from ..forms import stage_dialog
from ..forms.application_form import ApplicationDialog
from ..printing import print_document
from ..tables.application_tables import (
    COL_PLAN,
    COL_STAGE,
    HIST_NOTES,
    HIST_ON,
    OVER_ICON,
    ROUND_ICON,
    WITHIN_ICON,
    PipelineModel,
    StageHistoryModel,
    date_line,
    days_text,
)
from ..tables.fitted_table import FittedTable, make_table
from ..undo import undo_history
from ..widgets import icons, typography
from ..widgets.application_checklist import PackChecklist
from .view import View

# What the view shows: applications, their steps, pack documents and answers, and their assets' and councils' names.
SHOWN = frozenset(
    {
        RecordKind.TRANSFER_APPLICATION,
        RecordKind.STAGE_CHANGE,
        RecordKind.PACK_ANSWER,
        RecordKind.DOCUMENT,
        RecordKind.ASSET,
        RecordKind.AUTHORITY,
    }
)


class ApplicationsView(View):
    """Every transfer application by stage; choose one to see its history and pack, move it on a stage, or write
    the group's answer to a section of its pack."""

    name = "applications"
    icon_name = "applications"
    heading = "Transfer applications"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.overview: ApplicationOverview | None = None
        self._today = date.min
        self._reloading = False  # the selection changes while the pipeline reloads: show the overview once
        self.pipeline_model = PipelineModel(self)
        self.history_model = StageHistoryModel(self)
        self.pipeline_table = make_table(
            self.pipeline_model, self.tr("Transfer applications"), COL_STAGE, FittedTable(3, 8), COL_PLAN
        )
        self.pipeline_table.selectionModel().selectionChanged.connect(self._on_chosen)
        self.pipeline_table.activated.connect(self._on_activated)
        self.history_table = make_table(
            self.history_model, self.tr("Stage history"), HIST_ON, FittedTable(2, 12), HIST_NOTES
        )
        self.checklist = PackChecklist(context)
        # What tests and the keyboard order reach through the view.
        self.checklist_model, self.checklist_table = self.checklist.checklist_model, self.checklist.checklist_table
        self.documents, self._write = self.checklist.documents, self.checklist.write_button
        self._build()

    def shows(self, changes: Changes) -> bool:
        return bool(changes.kinds & SHOWN)

    def rows(self) -> list[PipelineRow]:
        """The applications in the order the table shows them."""
        proxy = self.pipeline_table.model()
        return [proxy.index(r, 0).data(ENTITY_ROLE) for r in range(proxy.rowCount())]

    def selected(self) -> PipelineRow | None:
        for index in self.pipeline_table.selectionModel().selectedRows():
            return index.data(ENTITY_ROLE)
        return None

    def select_application(self, reference: str) -> bool:
        """Chooses the application with this reference; False if it is not in the pipeline."""
        for position, row in enumerate(self.rows()):
            if row.reference == reference:
                self.pipeline_table.selectRow(position)
                return True
        return False

    def refresh(self) -> None:
        chosen = self.selected()
        register = self.context.register
        self._today = register.today()
        try:
            rows = pipeline(register, self._today)
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("The applications could not be loaded"), str(error))
            return
        self._reloading = True
        try:
            self.pipeline_model.set_pipeline(rows, self._today)
            if not (chosen and self.select_application(chosen.reference)) and rows:
                self.pipeline_table.selectRow(0)
        finally:
            self._reloading = False
        self._summary.setText(self._summary_text(rows))
        self._show_overview()

    # Building

    def _build(self) -> None:
        heading = QLabel(self.title())
        typography.title(heading)
        self._summary = plain(QLabel())
        self._summary.setWordWrap(True)
        self._summary.setAccessibleName(self.tr("Summary"))
        pipeline_label = QLabel(self.tr("Pipe&line, by stage"))
        pipeline_label.setFont(self._bold())
        pipeline_label.setBuddy(self.pipeline_table)
        self.start_button = QPushButton(self.tr("&Start an application…"))
        self.start_button.setToolTip(self.tr("A new transfer application for one of the register's assets"))
        self.start_button.clicked.connect(self._on_start)
        self.context.writes(self.start_button)
        above = QHBoxLayout()
        above.addWidget(pipeline_label)
        above.addStretch(1)
        above.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(self._summary)
        layout.addSpacing(6)
        layout.addLayout(above)
        layout.addWidget(self.pipeline_table)
        layout.addSpacing(10)
        layout.addLayout(self._build_detail_header())
        layout.addWidget(self._build_detail(), 1)
        order = (
            self.start_button,
            self.pipeline_table,
            self._move,
            self.edit_button,
            self.print_button,
            self._open,
            self.delete_button,
            self.history_table,
            self._write,
            self.checklist_table,
        )
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)

    def _bold(self, heading: bool = False):
        return typography.heading_font(self) if heading else typography.strong_font(self)

    def _build_detail_header(self) -> QHBoxLayout:
        self._chosen_title = plain(QLabel())
        self._chosen_title.setFont(self._bold(heading=True))
        self._chosen_about = plain(QLabel())
        self._chosen_about.setWordWrap(True)
        self._plan_icon = QLabel()
        self._plan_text = plain(QLabel())
        self._plan_text.setWordWrap(True)
        self._move = QPushButton(self.tr("&Move to stage…"))
        self._move.setAccessibleName(self.tr("Move the chosen application to another stage"))
        self._move.clicked.connect(self._on_move)
        self._open = QPushButton(self.tr("&Open asset record"))
        self._open.setAccessibleName(self.tr("Open the asset record of the chosen application"))
        self._open.clicked.connect(self._on_open_clicked)
        self.print_button = QPushButton(self.tr("&Print pack…"))
        self.print_button.setToolTip(
            self.tr("The application pack with a cover letter, contents, answers and papers bound in, as a PDF")
        )
        self.print_button.setAccessibleName(self.tr("Print the pack of the chosen application"))
        self.print_button.clicked.connect(self._on_print_pack)
        self.edit_button = QPushButton(self.tr("Edit &details…"))
        self.edit_button.setToolTip(self.tr("Its council, process, dates, decision and notes"))
        self.edit_button.clicked.connect(self._on_edit)
        self.delete_button = QPushButton(self.tr("Delete applicatio&n…"))
        self.delete_button.clicked.connect(self._on_delete)
        self.context.writes(self._move, self.edit_button, self.delete_button)
        self._dates = plain(QLabel())
        self._dates.setWordWrap(True)
        self._dates.setAccessibleName(self.tr("Dates"))
        plan = QHBoxLayout()
        plan.setSpacing(6)
        plan.addWidget(self._plan_icon, 0, Qt.AlignmentFlag.AlignTop)
        plan.addWidget(self._plan_text, 1)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self._chosen_title)
        text.addWidget(self._chosen_about)
        text.addLayout(plan)
        text.addWidget(self._dates)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addLayout(text, 1)
        buttons = QVBoxLayout()
        first, second = QHBoxLayout(), QHBoxLayout()
        for button in (self._move, self.edit_button, self.print_button):
            first.addWidget(button)
        for button in (self._open, self.delete_button):
            second.addWidget(button)
        second.insertStretch(0, 1)
        buttons.addLayout(first)
        buttons.addLayout(second)
        buttons.addStretch(1)
        row.addLayout(buttons)
        return row

    def _build_detail(self) -> QSplitter:
        self._history_label = plain(QLabel())
        self._history_label.setFont(self._bold())
        self._history_label.setBuddy(self.history_table)
        left = QWidget()
        history = QVBoxLayout(left)
        history.setContentsMargins(0, 6, 8, 0)
        history.addWidget(self._history_label)
        history.addWidget(self.history_table)
        history.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.checklist)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([800, 1200])  # in proportion: the checklist's documents need the room
        splitter.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        return splitter

    # Showing

    def _summary_text(self, rows: list[PipelineRow]) -> str:
        if not rows:
            return self.tr(
                "No transfer applications yet. Start one with “Start an application…”; it will appear here with its "
                "stages and pack checklist."
            )
        over = sum(1 for r in rows if r.progress.over_by is not None)
        count = self.tr("1 application") if len(rows) == 1 else self.tr("{n} applications").format(n=len(rows))
        if over == 0:
            text = self.tr("{count}, none past its council's target for the stage.").format(count=count)
        else:
            text = self.tr("{count}, {over} past the council's target for the stage.").format(count=count, over=over)
        return text + " " + self.tr("Choose one to see its stage history and pack; press Enter to open its asset.")

    def _show_overview(self) -> None:
        row, chosen_section = self.selected(), self.chosen_section()
        self.overview = None
        if row is not None:
            try:
                self.overview = application_overview(self.context.register, row.reference, self._today)
            except AssetRegError as error:
                self.context.messages.error(self, self.tr("The application cannot be shown"), str(error))
        o = self.overview
        for button in (self._move, self._open, self.print_button, self.edit_button, self.delete_button):
            button.setEnabled(o is not None)
        self._show_dates(o)
        self.checklist.show_overview(o, chosen_section if row is not None else None)
        if o is None:
            self.history_model.set_history((), None, self._today)
            self._chosen_title.setText(self.tr("No application chosen"))
            for label in (self._chosen_about, self._plan_text):
                label.clear()
            self._plan_icon.clear()
            self._history_label.setText(self.tr("Stage histor&y"))
            return
        a, council = o.row.application, o.row.profile
        self._chosen_title.setText(f"{a.reference} · {o.row.asset_name}")
        about = [a.kind.label, o.row.authority_name, self._transfer_text(a)]
        self._chosen_about.setText(" · ".join(x for x in about if x))
        self._show_plan(o.row)
        self.history_model.set_history(o.history, council, self._today)
        steps = self.tr("1 step") if len(o.history) == 1 else self.tr("{n} steps").format(n=len(o.history))
        self._history_label.setText(self.tr("Stage histor&y ({steps})").format(steps=steps))

    def sections(self) -> list[ChecklistSection]:
        """The checklist's sections in the order the table shows them."""
        return self.checklist.sections()

    def chosen_section(self) -> tuple[str, ChecklistSection] | None:
        """The application shown and the checklist section chosen in it, if one is."""
        return self.checklist.chosen_section()

    def select_section(self, section: ChecklistSection | str) -> bool:
        """Chooses the checklist row of a section (or its code); False if the checklist has no such section."""
        return self.checklist.select_section(section)

    def _transfer_text(self, a: TransferApplication) -> str:
        if a.transfer_type is TransferType.LEASE:
            if a.lease_term_years:
                return self.tr("lease of {n} years").format(n=a.lease_term_years)
            return self.tr("lease")
        return {
            TransferType.BUY: self.tr("to buy"),
            TransferType.MANAGE: self.tr("to manage"),
        }.get(a.transfer_type, self.tr("other rights"))

    def _show_plan(self, row: PipelineRow) -> None:
        p, model = row.progress, self.pipeline_model
        if p.entered_on is None:
            text = self.tr("At “{stage}”; the date it was reached is not recorded.").format(stage=row.stage_name)
        else:
            text = self.tr("At “{stage}” since {date} ({days}).").format(
                stage=row.stage_name, date=format_date(p.entered_on), days=days_text(p.days_in_stage)
            )
        if row.decision_due is not None:
            due = row.decision_due.date
            days = (due - self._today).days
            plan = (self.tr("Decision due in {days}.") if days >= 0 else self.tr("Decision due {days} ago.")).format(
                days=days_text(abs(days))
            )
        elif p.next_milestone is not None:
            r, m = p.next_milestone
            days = (m.on - self._today).days
            plan = self.tr("Next round date: {what} ({round}), {date}, in {days}.").format(
                what=m.label, round=r.name, date=format_date(m.on), days=days_text(days)
            )
        else:
            plan = model.plan(row) + "."
        late = p.over_by is not None or (row.decision_due is not None and row.decision_due.date < self._today)
        kind = OVER_ICON if late else WITHIN_ICON if p.days_left is not None or row.decision_due else ROUND_ICON
        icons.set_label_icon(self._plan_icon, kind, self.fontMetrics().height())
        self._plan_text.setText(f"{text} {plan}")

    # Behaviour

    def _on_chosen(self, *_args) -> None:
        if not self._reloading:
            self._show_overview()

    def _on_activated(self, index: QModelIndex) -> None:
        row = index.data(ENTITY_ROLE)
        if row is not None:
            self.open_record.emit(row.asset_ref)

    def _on_open_clicked(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_record.emit(row.asset_ref)

    def _on_print_pack(self) -> None:
        row = self.selected()
        if row is None:
            return
        reference = row.reference
        print_document(
            self.context,
            self,
            self.tr("the pack for {asset}").format(asset=row.asset_name),
            lambda register: pack_document(register, reference),
            self.tr("Pack {reference} {asset} {{today}}").format(reference=reference, asset=row.asset_name),
        )

    def _on_move(self) -> None:
        o = self.overview
        if o is None:
            return
        steps = [s.changed_on for s in o.history]
        choice = stage_dialog.ask_stage(
            self,
            o.row.profile,
            o.row.stage,
            self.context.register.today(),
            max(steps) if steps else None,
            self.tr("Move {reference} to another stage").format(reference=o.row.reference),
        )
        if choice is None:
            return
        text = self.tr("moving {reference} to another stage").format(reference=o.row.reference)
        try:
            with undo_history(self.context).operation(text, initiator=self):
                stage_dialog.move_stage(self.context, o.row.reference, choice.stage, choice.on, choice.notes)
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("The stage was not changed"), str(error))

    def _show_dates(self, o: ApplicationOverview | None) -> None:
        """The application's dates from its asset's case account (the decision due, a review's last day…)."""
        self._dates.clear()
        if o is None:
            return
        try:
            dates = application_dates(self.context.register, o.row.reference, self._today)
        except AssetRegError as error:
            self._dates.setText(str(error))
            return
        self._dates.setVisible(bool(dates))
        self._dates.setText("\n".join(date_line(d, self._today) for d in dates))

    def exec_form(self, dialog) -> bool:
        """Shows a form until it is saved or cancelled (tests replace this to fill it in)."""
        return bool(dialog.exec())

    def _on_start(self) -> None:
        self._open_form(None)

    def _on_edit(self) -> None:
        if self.overview is not None:
            self._open_form(self.overview.row.application)

    def _open_form(self, application: TransferApplication | None) -> None:
        dialog = ApplicationDialog(self.context, application, parent=self)
        try:
            if self.exec_form(dialog) and dialog.changed is not None:
                self.refresh()
                self.select_application(dialog.changed.value.reference)
        finally:
            dialog.deleteLater()

    def _on_delete(self) -> None:
        o = self.overview
        if o is None:
            return
        reference = o.row.reference
        question = self.tr(
            "Delete {reference} for {asset}? Its stage history, answers and documents go to the trash with it, "
            "where they can be restored together."
        ).format(reference=reference, asset=o.row.asset_name)
        if not self.context.messages.confirm(self, self.tr("Delete an application"), question):
            return
        try:
            undo_history(self.context).delete(reference, initiator=self)
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("The application was not deleted"), str(error))
