"""One asset on one page: its details and status, listing history, disposal notices drawn as timelines,
transfer applications, documents (attach, open, remove) and the audit trail of everything about it."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QUrl,
)
from PySide6.QtGui import QAction, QDesktopServices, QFont, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain import entities as e
from ..domain.dates import format_date
from ..domain.errors import AssetRegError, NotFoundError
from ..domain.records import RecordKind
from ..services.assets import AssetDetail, asset_detail, first_asset
from ..services.deadlines import register_deadlines
from ..services.documents import attach, document_file
from ..services.printing import nomination_document
from ..services.records import Records
from ..services.register import Changes
from .asset_form import AssetDialog
from .context import AppContext
from .display import ENTITY_ROLE, plain, status_icon
from .document_table import DocumentTable
from .fitted_table import FittedTable
from .notice_form import DisposalNoticeDialog
from .notice_panel import NoticePanel, table_view, time_left
from .printing import print_document
from .record_table import (
    Column,
    RecordTableModel,
    day_text,
    entry_end,
    iso_text,
    moment_text,
    size_text,
    stage_text,
    weakly,
)
from .timeline import NoticeTimeline
from .undo import undo_history
from .view import View

_Index = QModelIndex | QPersistentModelIndex

NOM_REFERENCE, NOM_NOMINATOR, NOM_RECEIVED, NOM_DECISION, NOM_DECIDED, NOM_COUNCIL_REF = range(6)
CHAL_REFERENCE, CHAL_ENTRY, CHAL_KIND, CHAL_RECEIVED, CHAL_OUTCOME = range(5)
ENTRY_REFERENCE, ENTRY_KIND, ENTRY_ENTERED, ENTRY_ENDS, ENTRY_REMOVED, ENTRY_COUNCIL_REF = range(6)
APP_REFERENCE, APP_KIND, APP_TYPE, APP_STAGE, APP_SUBMITTED = range(5)
STAGE_NAME, STAGE_ON, STAGE_NOTES = range(3)
DOC_TITLE, DOC_FILE, DOC_SIZE, DOC_ADDED, DOC_REFERENCE = range(5)
HIST_WHEN, HIST_WHO, HIST_RECORD, HIST_ACTION, HIST_FIELD, HIST_FROM, HIST_TO = range(7)
DUE_DATE, DUE_LEFT, DUE_WHAT = range(3)
_UP = Qt.SortOrder.AscendingOrder
TAB_LISTING, TAB_NOTICES, TAB_APPLICATIONS, TAB_DOCUMENTS, TAB_HISTORY = range(5)


class _FillingContent(QWidget):
    """Page content for a scroll area: fills the view, and scrolls only when smaller than its minimum."""

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        # The scroll area asks for the preferred height; answering with the minimum stops needless scrolling.
        layout = self.layout()
        return layout.totalMinimumHeightForWidth(width) if layout is not None else super().heightForWidth(width)


class AssetPage(View):
    """Everything about one asset. ``show_asset`` chooses it; every change to the register reloads it."""

    name = "asset"
    icon_kind = QStyle.StandardPixmap.SP_FileDialogInfoView

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._reference: str | None = None
        self._groups: dict[str, str] = {}  # community group names by reference
        self.detail: AssetDetail | None = None
        self.timelines: list[NoticeTimeline] = []
        self.requests_models: list[RecordTableModel] = []
        self.notice_panels: list[NoticePanel] = []
        self._build_models()
        self._stack = QStackedWidget()
        self._placeholder = QLabel(self.tr("Choose an asset in the register to see everything about it here."))
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._stack.addWidget(self._placeholder)
        # At large text sizes the page scrolls rather than squeezing its sections.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._build_content())
        self._stack.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

    def title(self) -> str:
        return self.tr("Asset")

    def reference(self) -> str | None:
        return self._reference

    # building

    def _build_models(self) -> None:
        t = self.tr
        self.coming_model = RecordTableModel(
            [
                Column(t("Date"), lambda d: format_date(d.date), lambda d: iso_text(d.date)),
                Column(t("When"), weakly(self._days_text), lambda d: iso_text(d.date)),
                Column(
                    t("What"),
                    weakly(self._coming_text),
                    tip=lambda d: d.deadline.explanation if d.deadline else d.action,
                ),
            ],
            self,
        )
        self.nominations_model = RecordTableModel(
            [
                Column(t("Reference"), lambda n: n.reference),
                Column(t("Nominated by"), weakly(self._nominator_text)),
                Column(t("Received"), lambda n: day_text(n.received_on), lambda n: iso_text(n.received_on)),
                Column(t("Decision"), lambda n: n.decision.label),
                Column(t("Decided"), lambda n: day_text(n.decided_on), lambda n: iso_text(n.decided_on)),
                Column(t("Council's reference"), lambda n: n.council_reference),
            ],
            self,
        )
        self.entries_model = RecordTableModel(
            [
                Column(t("Reference"), lambda x: x.reference),
                Column(t("List"), lambda x: x.kind.label),
                Column(t("Entered"), lambda x: day_text(x.entered_on), lambda x: iso_text(x.entered_on)),
                Column(t("Ends"), lambda x: day_text(entry_end(x)), lambda x: iso_text(entry_end(x))),
                Column(t("Removed"), lambda x: day_text(x.removed_on), lambda x: iso_text(x.removed_on)),
                Column(t("Council's reference"), lambda x: x.council_reference),
            ],
            self,
        )
        self.challenges_model = RecordTableModel(
            [
                Column(t("Reference"), lambda c: c.reference),
                Column(t("List entry"), lambda c: c.list_entry_ref),
                Column(t("Kind"), lambda c: c.kind.label),
                Column(t("Received"), lambda c: day_text(c.received_on), lambda c: iso_text(c.received_on)),
                Column(t("Outcome"), lambda c: c.outcome.label),
            ],
            self,
        )
        self.applications_model = RecordTableModel(
            [
                Column(t("Reference"), lambda a: a.application.reference),
                Column(t("Kind"), lambda a: a.application.kind.label),
                Column(t("Transfer"), lambda a: a.application.transfer_type.label),
                Column(t("Stage"), lambda a: stage_text(a.application.stage)),
                Column(
                    t("Submitted"),
                    lambda a: day_text(a.application.submitted_on),
                    lambda a: iso_text(a.application.submitted_on),
                ),
            ],
            self,
        )
        self.stages_model = RecordTableModel(
            [
                Column(t("Stage"), lambda s: stage_text(s.stage)),
                Column(t("Date"), lambda s: day_text(s.changed_on), lambda s: iso_text(s.changed_on)),
                Column(t("Notes"), lambda s: s.notes),
            ],
            self,
        )
        self.documents_model = RecordTableModel(
            [
                Column(t("Title"), lambda d: d.title),
                Column(t("File name"), lambda d: d.original_filename),
                Column(t("Size"), lambda d: size_text(d.size_bytes), lambda d: d.size_bytes),
                Column(
                    t("Added"), lambda d: moment_text(d.added_at) if d.added_at else "", lambda d: iso_text(d.added_at)
                ),
                Column(t("Reference"), lambda d: d.reference),
            ],
            self,
        )
        self.history_model = RecordTableModel(
            [
                Column(t("When"), lambda h: moment_text(h[1].at), lambda h: f"{iso_text(h[1].at)}#{h[0]:08d}"),
                Column(t("Who"), lambda h: h[1].user),
                Column(t("Record"), lambda h: h[1].record_reference),
                Column(t("What"), weakly(self._action_text)),
                Column(t("Field"), lambda h: h[1].field),
                Column(t("From"), lambda h: h[1].old_value),
                Column(t("To"), lambda h: h[1].new_value),
            ],
            self,
        )

    def _table(
        self,
        model: RecordTableModel,
        name: str,
        view: QTableView | None = None,
        sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder),
    ) -> QTableView:
        return table_view(model, name, view, sort)

    def _build_content(self) -> QWidget:
        content = _FillingContent()
        layout = QVBoxLayout(content)
        layout.addLayout(self._build_header())
        top = QHBoxLayout()
        top.addWidget(self._build_details(), 3)
        coming = QGroupBox(self.tr("Coming and overdue dates"))
        self.coming_view = self._table(self.coming_model, self.tr("Coming and overdue dates"))
        # As tall as the details beside it, and never shorter than three rows.
        self.coming_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        header = self.coming_view.horizontalHeader().sizeHint().height() + 2 * self.coming_view.frameWidth()
        self.coming_view.setMinimumHeight(header + 3 * self.coming_view.verticalHeader().defaultSectionSize())
        QVBoxLayout(coming).addWidget(self.coming_view)
        top.addWidget(coming, 2)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Asset sections"))
        self.tabs.addTab(self._build_listing(), "")
        self.tabs.addTab(self._build_notices(), "")
        self.tabs.addTab(self._build_applications(), "")
        self.tabs.addTab(self._build_documents(), "")
        self.tabs.addTab(
            self._table(self.history_model, self.tr("History"), sort=(HIST_WHEN, Qt.SortOrder.DescendingOrder)), ""
        )
        self.tabs.setMinimumHeight(self.fontMetrics().height() * 16)  # below this the page scrolls instead
        layout.addWidget(self.tabs, 1)
        return content

    def _build_header(self) -> QVBoxLayout:
        self.name_label = QLabel()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.subtitle_label = QLabel()
        self.status_icon = QLabel()
        self.status_label = QLabel()
        self.listing_label = QLabel()
        for label in (self.name_label, self.subtitle_label, self.status_label, self.listing_label):
            plain(label)  # the asset's own name and its council's, as typed
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        status = QHBoxLayout()
        status.addWidget(self.status_icon)
        status.addWidget(self.status_label, 1)
        self.edit_button = QPushButton(self.tr("Ed&it details…"))
        self.edit_button.setToolTip(self.tr("Change the asset's name, council, address and other details"))
        self.notice_button = QPushButton(self.tr("Record a &disposal notice…"))
        self.notice_button.setToolTip(self.tr("The owner has told the council it intends to sell or lease the asset"))
        self.print_button = QPushButton(self.tr("&Print nomination…"))
        self.print_button.setToolTip(
            self.tr("A nomination of this asset for listing, with every element the regulations ask for, as a PDF")
        )
        self.edit_button.clicked.connect(self._on_edit)
        self.notice_button.clicked.connect(self._on_record_notice)
        self.print_button.clicked.connect(self._on_print_nomination)
        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        for button in (self.edit_button, self.notice_button, self.print_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        header = QVBoxLayout()
        header.addLayout(top)
        header.addWidget(self.subtitle_label)
        header.addLayout(status)
        header.addWidget(self.listing_label)
        return header

    def _build_details(self) -> QGroupBox:
        box = QGroupBox(self.tr("Details"))
        form = QFormLayout(box)
        self.detail_labels: dict[str, QLabel] = {}
        for key, heading in (
            ("category", self.tr("Category")),
            ("council", self.tr("Council")),
            ("people", self.tr("Owners and occupiers")),
            ("address", self.tr("Address")),
            ("postcode", self.tr("Postcode")),
            ("uprn", self.tr("UPRN")),
            ("titles", self.tr("Title numbers")),
            ("description", self.tr("Description")),
        ):
            value = plain(QLabel())
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(heading + ":", value)
            self.detail_labels[key] = value
        return box

    def _build_listing(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        # Each as tall as its rows (a nomination is usually one), so all three lists fit in the tab.
        nominations, entries = self.nominations_model, self.entries_model
        self.nominations_view = self._table(nominations, self.tr("Nominations"), FittedTable(1), (NOM_RECEIVED, _UP))
        self.entries_view = self._table(entries, self.tr("List entries"), FittedTable(1), (ENTRY_ENTERED, _UP))
        name = self.tr("Reviews, appeals and compensation")
        self.challenges_view = self._table(self.challenges_model, name, FittedTable(1), (CHAL_RECEIVED, _UP))
        for heading, view in (
            (self.tr("Nominations"), self.nominations_view),
            (self.tr("List entries"), self.entries_view),
            (name, self.challenges_view),
        ):
            label = QLabel(heading)
            label.setBuddy(view)
            layout.addWidget(label)
            layout.addWidget(view)
        layout.addStretch(1)
        self._challenges_heading = label  # shown only when there is a review, appeal or claim
        return page

    def _build_notices(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName(self.tr("Disposal notices"))
        self._notices_box = QWidget()
        self._notices_layout = QVBoxLayout(self._notices_box)
        scroll.setWidget(self._notices_box)
        return scroll

    def _build_applications(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.applications_view = self._table(self.applications_model, self.tr("Transfer applications"), FittedTable(1))
        self.stages_view = self._table(self.stages_model, self.tr("Stage history"), FittedTable(1, 12), (STAGE_ON, _UP))
        self.applications_view.selectionModel().currentRowChanged.connect(self._on_application_chosen)
        self._stages_heading = QLabel(self.tr("Stage history"))
        self._stages_heading.setBuddy(self.stages_view)
        layout.addWidget(self.applications_view)
        layout.addWidget(self._stages_heading)
        layout.addWidget(self.stages_view)
        layout.addStretch(1)
        return page

    def _build_documents(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.documents_view = self._table(self.documents_model, self.tr("Documents"), DocumentTable())
        self.documents_view.files_dropped.connect(self._on_files_dropped)
        self.documents_view.activated.connect(self._on_open_document)
        self.documents_view.selectionModel().selectionChanged.connect(self._on_document_selection)
        remove_action = QAction(self.tr("Remove document"), self.documents_view)
        remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove_action.triggered.connect(self._on_remove_documents)
        self.documents_view.addAction(remove_action)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add files…"))
        self.open_button = QPushButton(self.tr("&Open"))
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.add_button.clicked.connect(self._on_add_documents)
        self.open_button.clicked.connect(self._on_open_document)
        self.remove_button.clicked.connect(self._on_remove_documents)
        hint = QLabel(self.tr("Drop files on the list to attach them."))
        hint.setWordWrap(True)
        for widget in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(widget)
        buttons.addWidget(hint, 1)
        layout.addWidget(self.documents_view, 1)
        layout.addLayout(buttons)
        self._on_document_selection()
        return page

    # showing an asset

    def show_asset(self, reference: str) -> None:
        """Loads the asset with this reference (for example "AST-0001") and shows it."""
        self._reference = reference
        QSettings().setValue("asset/last", reference)
        self.refresh()

    def shows(self, changes: Changes) -> bool:
        return self._reference is not None and bool(changes)

    def refresh(self) -> None:
        if self._reference is None:
            # Opened directly: the asset last looked at, else the first in the register.
            self._reference = str(QSettings().value("asset/last", "")) or first_asset(self.context.register)
        if self._reference is None:
            return
        register = self.context.register
        try:
            detail = asset_detail(register, self._reference)
            coming = register_deadlines(register, detail.today, asset_ref=detail.asset.reference)
            groups = {g.reference: g.name for g in Records(register).list(RecordKind.GROUP)}
            history = self._history(detail)
        except NotFoundError as error:
            self._reference, self.detail = None, None
            self._placeholder.setText(str(error))
            self._stack.setCurrentIndex(0)
            return
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("The asset cannot be shown"), str(error))
            return
        fresh = self.detail is None or self.detail.asset.reference != detail.asset.reference
        self.detail = detail
        self._fill(detail, coming, groups, history)
        self._stack.setCurrentIndex(1)
        if fresh:
            # A newly shown asset opens where its clock is running: a moratorium's timeline, else the listing.
            self.tabs.setCurrentIndex(1 if any(n.status.is_running for n in detail.notices) else 0)

    def _history(self, detail: AssetDetail) -> list[tuple[int, e.AuditEntry]]:
        """The audit trail of the asset and every record about it, including its documents in the trash."""
        records = Records(self.context.register)
        ref = detail.asset.reference
        references = [ref]
        references += [x.reference for x, _ in detail.interests]
        for group in (detail.nominations, detail.list_entries, detail.challenges, detail.exempt_disposals):
            references += [x.reference for x in group]
        for n in detail.notices:
            references += [n.notice.reference] + [r.request.reference for r in n.requests]
        for a in detail.applications:
            references += [a.application.reference] + [s.reference for s in a.stages]
        references += [d.reference for d in detail.documents] + [t.reference for t in detail.tasks]
        references += [d.reference for d in records.trash(RecordKind.DOCUMENT) if d.asset_ref == ref]
        entries = [entry for reference in dict.fromkeys(references) for entry in records.history(reference)]
        entries.sort(key=lambda entry: entry.at)
        return list(enumerate(entries))

    def _fill(self, d: AssetDetail, coming, groups: dict[str, str], history) -> None:
        a = d.asset
        self.name_label.setText(a.name)
        council = d.authority.name if d.authority else self.tr("no council recorded")
        self.subtitle_label.setText(f"{a.reference} · {a.category.label} · {council}")
        icon = status_icon(d.status)
        size = self.fontMetrics().height() * 3 // 2
        self.status_icon.setPixmap(icon.pixmap(size, size))
        self.status_icon.setAccessibleName(d.status.label)
        ends = d.case.status_ends_on
        self.status_label.setText(d.status.label + (self._left(ends) if ends else ""))
        listing = ""
        if d.status is not d.listing_status:
            listing = self.tr("Listing: {status}").format(status=d.listing_status.label)
            listing += self._left(d.listing_ends_on) if d.listing_ends_on else ""
        if d.case.listing is not None:  # who the owner may sell to matters only while the land is listed
            listing = "\n".join(x for x in (listing, d.case.owner_may_dispose_to.label + ".") if x)
        self.listing_label.setText(listing)
        self.listing_label.setVisible(bool(listing))
        values = {
            "category": a.category.label,
            "council": council,
            "people": "; ".join(f"{party.name} ({interest.role.label.lower()})" for interest, party in d.interests),
            "address": a.address,
            "postcode": a.postcode,
            "uprn": a.uprn,
            "titles": ", ".join(a.title_numbers),
            "description": a.description,
        }
        for key, value in values.items():
            self.detail_labels[key].setText(value or "—")
        self.coming_model.set_rows(coming)
        self._groups = groups
        self.nominations_model.set_rows(d.nominations)
        self.challenges_model.set_rows(d.challenges)
        self._challenges_heading.setVisible(bool(d.challenges))
        self.challenges_view.setVisible(bool(d.challenges))
        self.entries_model.set_rows(d.list_entries)
        self.applications_model.set_rows(d.applications)
        self._on_application_chosen()
        self.documents_model.set_rows(d.documents)
        self.history_model.set_rows(history)
        self._fill_notices(d, groups)
        counts = (
            (self.tr("Listing"), len(d.nominations) + len(d.list_entries) + len(d.challenges)),
            (self.tr("Disposal notices"), len(d.notices) + len(d.exempt_disposals)),
            (self.tr("Transfer applications"), len(d.applications)),
            (self.tr("Documents"), len(d.documents)),
            (self.tr("History"), len(history)),
        )
        for tab, (text, count) in enumerate(counts):
            self.tabs.setTabText(tab, f"{text} ({count})")

    def _fill_notices(self, d: AssetDetail, groups: dict[str, str]) -> None:
        while self._notices_layout.count():
            old = self._notices_layout.takeAt(0).widget()
            if old is not None:
                old.hide()  # at once: deleteLater waits for the event loop
                old.deleteLater()
        self.timelines, self.requests_models, self.notice_panels = [], [], []
        if not d.notices and not d.exempt_disposals:
            none = QLabel(
                self.tr(
                    "No disposal notice has been recorded for this asset. When the council tells you the owner "
                    "intends to sell, use Record a disposal notice… above."
                )
            )
            none.setWordWrap(True)
            self._notices_layout.addWidget(none)
        for notice in d.notices:
            panel = NoticePanel(self.context, d, notice, groups)
            self.notice_panels.append(panel)
            if panel.timeline is not None:
                self.timelines.append(panel.timeline)
            if panel.requests_model is not None:
                self.requests_models.append(panel.requests_model)
            self._notices_layout.addWidget(panel)
        for exempt in d.exempt_disposals:
            text = self.tr(
                "Exempt disposal on {date}: {exemption}. The new owner must give a fresh notice before "
                "its own relevant disposal."
            ).format(date=format_date(exempt.disposed_on), exemption=exempt.exemption.label)
            label = plain(QLabel(), text + (f" {exempt.notes}" if exempt.notes else ""))
            label.setWordWrap(True)
            self._notices_layout.addWidget(label)
        self._notices_layout.addStretch(1)

    # words

    def _today(self) -> date:
        return self.detail.today if self.detail else self.context.register.today()

    def _left(self, end: date) -> str:
        return time_left(end, self._today())

    def _days_text(self, item) -> str:
        days = (item.date - self._today()).days
        if days == 0:
            return self.tr("today")
        if days < 0:  # only dates still worth acting on are listed once passed
            return self.tr("{n} days overdue").format(n=-days) if days < -1 else self.tr("1 day overdue")
        return self.tr("in {n} days").format(n=days) if days > 1 else self.tr("tomorrow")

    def _coming_text(self, item) -> str:
        if item.deadline is None:
            return item.label
        if item.deadline.conditional:
            return self.tr("{name} (if a request counts)").format(name=item.deadline.rule.name)
        return item.deadline.rule.name

    def _nominator_text(self, nomination: e.Nomination) -> str:
        return self._groups.get(nomination.nominator_ref, nomination.nominator_ref)

    def _action_text(self, entry: tuple[int, e.AuditEntry]) -> str:
        action = entry[1].action
        return {
            "create": self.tr("Added"),
            "update": self.tr("Changed"),
            "delete": self.tr("Moved to the trash"),
            "restore": self.tr("Restored"),
        }.get(action, action)

    # behaviour

    def _on_application_chosen(self, *_args) -> None:
        index = self.applications_view.currentIndex()
        chosen = index.data(ENTITY_ROLE) if index.isValid() else None
        if chosen is None and self.applications_model.rowCount():
            chosen = self.applications_model.rows()[0]
        self.stages_model.set_rows(chosen.stages if chosen else ())
        self._stages_heading.setText(
            self.tr("Stage history of {ref}").format(ref=chosen.application.reference)
            if chosen
            else self.tr("Stage history")
        )

    def _on_edit(self) -> None:
        if self.detail is None:
            return
        self._open_dialog(AssetDialog(self.context, self.detail.asset, self.window()))

    def _on_print_nomination(self) -> None:
        if self.detail is None:
            return
        asset = self.detail.asset
        print_document(
            self.context,
            self,
            self.tr("the nomination of {name}").format(name=asset.name),
            lambda register: nomination_document(register, asset.reference),
            self.tr("Nomination {reference} {name} {{today}}").format(reference=asset.reference, name=asset.name),
        )

    def _on_record_notice(self) -> None:
        if self.detail is None:
            return
        try:
            dialog = DisposalNoticeDialog(self.context, self.detail.asset.reference, self.window())
        except AssetRegError as error:  # the asset went to the trash since the page was shown
            self.context.messages.error(self, self.tr("The notice cannot be recorded"), str(error))
            return
        dialog.accepted.connect(self._on_notice_recorded)
        self._open_dialog(dialog)

    def _on_notice_recorded(self) -> None:
        self.tabs.setCurrentIndex(TAB_NOTICES)  # where the new notice's timeline is

    @staticmethod
    def _open_dialog(dialog: QDialog) -> None:
        # Window-modal and not blocking: saving notifies every view, which may rebuild parts of this page.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def selected_documents(self) -> list[e.Document]:
        rows = self.documents_view.selectionModel().selectedRows()
        if not rows and self.documents_view.currentIndex().isValid():
            rows = [self.documents_view.currentIndex()]
        return [index.data(ENTITY_ROLE) for index in rows]

    def _on_document_selection(self, *_args) -> None:
        chosen = bool(self.documents_view.selectionModel().selectedRows())
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _on_add_documents(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files to {name}").format(name=self._name()))
        self.attach_files([Path(p) for p in chosen])

    def _on_files_dropped(self, files: list[Path]) -> None:
        self.attach_files(files)

    def attach_files(self, files: Iterable[Path]) -> None:
        """Copies each file into the register against this asset; problems are reported one by one."""
        if self._reference is None:
            return
        changes = Changes()
        for path in files:
            try:
                changes |= attach(self.context.register, path, asset_ref=self._reference).changes
            except AssetRegError as error:
                self.context.messages.error(self, self.tr("The file was not attached"), str(error))
        self.context.notify(changes)

    def _on_open_document(self, *_args) -> None:
        for document in self.selected_documents()[:1]:
            try:
                stored = document_file(self.context.register, document.reference)
                # The stored file is named by its hash; open a copy under its own name so the right program opens.
                folder = Path(tempfile.gettempdir()) / "assetreg-open" / document.reference
                folder.mkdir(parents=True, exist_ok=True)
                copy = folder / Path(document.original_filename).name
                shutil.copyfile(stored, copy)
            except (AssetRegError, OSError) as error:
                self.context.messages.error(self, self.tr("The document cannot be opened"), str(error))
                continue
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy))):
                self.context.messages.error(
                    self,
                    self.tr("The document cannot be opened"),
                    self.tr("No program on this computer opens {name}.").format(name=document.original_filename),
                )

    def _on_remove_documents(self) -> None:
        documents = self.selected_documents()
        if not documents:
            return
        names = ", ".join(f"{d.title} ({d.reference})" for d in documents)
        question = self.tr("Remove {names} from {asset}? It goes to the trash and can be restored.").format(
            names=names, asset=self._name()
        )
        if not self.context.messages.confirm(self, self.tr("Remove documents"), question):
            return
        history = undo_history(self.context)  # Ctrl+Z brings them back
        with history.macro(self.tr("removing documents from {asset}").format(asset=self._name())):
            for document in documents:
                try:
                    history.delete(document.reference)
                except AssetRegError as error:
                    self.context.messages.error(self, self.tr("The document was not removed"), str(error))

    def _name(self) -> str:
        return self.detail.asset.name if self.detail else ""
