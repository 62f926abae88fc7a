"""One asset on one page: its details and status, then tabs for its listing, owners and occupiers, disposal
notices drawn as timelines, transfer applications, documents, and the audit trail of everything about it.

Each tab is a widget of ``asset_tabs``; this page holds the header (with the buttons that act on the asset as a
whole), the details and coming dates, and the history."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import entities as e
from ...domain.errors import AssetRegError, NotFoundError
from ...domain.records import RecordKind
from ...services.assets import AssetDetail, asset_detail, asset_history, first_asset
from ...services.deadlines import register_deadlines
from ...services.printing import nomination_document
from ...services.records import Records
from ...services.register import Changes
from ..context import AppContext
from ..display import ENTITY_ROLE, plain, status_icon  # noqa: F401 - tests import ENTITY_ROLE from here
from ..forms.application_form import ApplicationDialog
from ..forms.asset_form import AssetDialog
from ..forms.contact_forms import CouncilDialog
from ..forms.notice_form import DisposalNoticeDialog
from ..printing import print_document
from ..undo import undo_history
from ..widgets import icons, typography
from ..widgets.notice_panel import time_left
from .asset_tabs.applications import APP_REFERENCE, STAGE_NAME, ApplicationsTab  # noqa: F401 - tests use them
from .asset_tabs.coming import DUE_DATE, DUE_LEFT, DUE_WHAT, ComingDates  # noqa: F401 - tests use them
from .asset_tabs.documents import DOC_ADDED, DOC_FILE, DOC_REFERENCE, DOC_SIZE, DOC_TITLE, DocumentsTab  # noqa: F401
from .asset_tabs.history import (  # noqa: F401 - tests use them
    HIST_ACTION,
    HIST_FIELD,
    HIST_FROM,
    HIST_RECORD,
    HIST_TO,
    HIST_WHEN,
    HIST_WHO,
    HistoryTab,
)
from .asset_tabs.listing import CHAL_RECEIVED, ENTRY_ENDS, NOM_DECISION, NOM_RECEIVED, ListingTab  # noqa: F401
from .asset_tabs.notices import NoticesTab
from .asset_tabs.people import PeopleTab
from .asset_tabs.record_actions import confirm_delete, open_dialog
from .view import View

TAB_LISTING, TAB_PEOPLE, TAB_NOTICES, TAB_APPLICATIONS, TAB_DOCUMENTS, TAB_HISTORY = range(6)


class _FillingContent(QWidget):
    """Page content for a scroll area: fills the view, and scrolls only when smaller than its minimum."""

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        # The scroll area asks for the preferred height; answering with the minimum stops needless scrolling.
        layout = self.layout()
        return layout.totalMinimumHeightForWidth(width) if layout is not None else super().heightForWidth(width)


class AssetPage(View):
    """Everything about one asset. ``show_asset`` chooses it; every change to the register reloads it."""

    name = "asset"
    icon_name = "asset"
    heading = "Asset"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._reference: str | None = None
        self._trashed: str | None = None  # the asset shown until it went to the trash: shown again once restored
        self.detail: AssetDetail | None = None
        self._stack = QStackedWidget()
        self._placeholder = QLabel(self.tr("Choose an asset in the register to see everything about it here."))
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self.trash_button = QPushButton(self.tr("Show the trash"))
        self.trash_button.clicked.connect(self._on_show_trash)
        self.trash_button.hide()
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self._placeholder)
        empty_layout.addWidget(self.trash_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(1)
        self._stack.addWidget(empty)
        # At large text sizes the page scrolls rather than squeezing its sections.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._build_content())
        self._stack.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

    def reference(self) -> str | None:
        return self._reference

    # what the tabs hold, as the page has always offered it

    timelines = property(lambda self: self.notices_tab.timelines)
    requests_models = property(lambda self: self.notices_tab.requests_models)
    notice_panels = property(lambda self: self.notices_tab.notice_panels)

    def attach_files(self, files) -> None:
        """Copies each file into the register against this asset; problems are reported one by one."""
        self.documents_tab.attach_files(files)

    def selected_documents(self) -> list[e.Document]:
        return self.documents_tab.selected_documents()

    # building

    def _build_content(self) -> QWidget:
        content = _FillingContent()
        layout = QVBoxLayout(content)
        layout.addLayout(self._build_header())
        top = QHBoxLayout()
        top.addWidget(self._build_details(), 3)
        coming = self.coming = ComingDates()
        self.coming_model, self.coming_view = coming.model, coming.view
        top.addWidget(coming, 2)
        layout.addLayout(top)
        self.listing_tab = ListingTab(self.context)
        self.people_tab = PeopleTab(self.context)
        self.notices_tab = NoticesTab(self.context)
        self.applications_tab = ApplicationsTab()
        self.context.writes(self.applications_tab.start_button)
        self.applications_tab.start_button.clicked.connect(self._on_start_application)
        self.documents_tab = DocumentsTab(self.context, self._shown)
        self.history_tab = HistoryTab()
        self.history_model = self.history_tab.model
        # The tables and buttons tests and other views reach through the page.
        for tab, names in (
            (self.listing_tab, ("nominations_model", "entries_model", "challenges_model", "nominations_view")),
            (self.listing_tab, ("entries_view", "challenges_view", "nominate_button", "decision_button")),
            (self.listing_tab, ("removed_button", "challenge_button")),
            (self.applications_tab, ("applications_model", "stages_model", "applications_view", "stages_view")),
            (self.documents_tab, ("documents_model", "documents_view", "add_button", "open_button", "remove_button")),
        ):
            for name in names:
                setattr(self, name, getattr(tab, name))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Asset sections"))
        for tab in (self.listing_tab, self.people_tab, self.notices_tab, self.applications_tab, self.documents_tab):
            self.tabs.addTab(tab, "")
        self.tabs.addTab(self.history_tab, "")
        self.tabs.setMinimumHeight(self.fontMetrics().height() * 16)  # below this the page scrolls instead
        layout.addWidget(self.tabs, 1)
        return content

    def _build_header(self) -> QVBoxLayout:
        self.name_label = QLabel()
        typography.title(self.name_label)
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
        t = self.tr
        self.edit_button = QPushButton(t("Ed&it details…"))
        self.edit_button.setToolTip(t("Change the asset's name, council, address and other details"))
        self.notice_button = QPushButton(t("Record a &disposal notice…"))
        self.notice_button.setToolTip(t("The owner has told the council it intends to sell or lease the asset"))
        self.print_button = QPushButton(t("&Print nomination…"))
        self.print_button.setToolTip(
            t("A nomination of this asset for listing, with every element the regulations ask for, as a PDF")
        )
        self.delete_button = QPushButton(t("De&lete asset…"))
        self.delete_button.setToolTip(t("Move the asset, and everything recorded about it, to the trash"))
        self.edit_button.clicked.connect(self._on_edit)
        self.notice_button.clicked.connect(self._on_record_notice)
        self.print_button.clicked.connect(self._on_print_nomination)
        self.delete_button.clicked.connect(self._on_delete_asset)
        self.context.writes(self.edit_button, self.notice_button, self.delete_button)
        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        for button in (self.edit_button, self.notice_button, self.print_button, self.delete_button):
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
            if key == "council":  # the council's address and contacts, corrected where a person looks for them
                self.council_button = QPushButton(self.tr("Edit co&uncil…"))
                self.council_button.setToolTip(self.tr("Change the council's name, address and contacts"))
                self.council_button.clicked.connect(self._on_edit_council)
                self.context.writes(self.council_button)
                row = QHBoxLayout()
                row.addWidget(value, 1)
                row.addWidget(self.council_button, 0, Qt.AlignmentFlag.AlignTop)
                form.addRow(heading + ":", row)
            else:
                form.addRow(heading + ":", value)
            self.detail_labels[key] = value
        return box

    # showing an asset

    def show_asset(self, reference: str) -> None:
        """Loads the asset with this reference (for example "AST-0001") and shows it."""
        self._reference, self._trashed = reference, None
        QSettings().setValue("asset/last", reference)
        self.refresh()

    def shows(self, changes: Changes) -> bool:
        return (self._reference is not None or self._trashed is not None) and bool(changes)

    def refresh(self) -> None:
        if self._reference is None and self._trashed is not None and self._in_trash(self._trashed):
            self._show_trashed(self._trashed)
            return
        if self._reference is None:
            # Restored (by undo, redo or the trash): shown again. Opened directly: the asset last looked at,
            # else the first in the register.
            last = self._trashed or str(QSettings().value("asset/last", ""))
            self._reference, self._trashed = last or first_asset(self.context.register), None
        if self._reference is None:
            return
        register = self.context.register
        try:
            detail = asset_detail(register, self._reference)
            coming = register_deadlines(register, detail.today, asset_ref=detail.asset.reference)
            records = Records(register)
            groups = {g.reference: g.name for g in records.list(RecordKind.GROUP)}
            parties = {p.reference: p.name for p in records.list(RecordKind.PARTY)}
            history = self._history(detail)
        except NotFoundError as error:
            reference, self._reference, self.detail = self._reference, None, None
            if self._in_trash(reference):
                self._show_trashed(reference)
                return
            self._placeholder.setText(str(error))
            self.trash_button.hide()
            self._stack.setCurrentIndex(0)
            return
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("The asset cannot be shown"), str(error))
            return
        fresh = self.detail is None or self.detail.asset.reference != detail.asset.reference
        self.detail = detail
        self._fill(detail, coming, groups, parties, history)
        self._stack.setCurrentIndex(1)
        if fresh:
            # A newly shown asset opens where its clock is running: a moratorium's timeline, else the listing.
            running = any(n.status.is_running for n in detail.notices)
            self.tabs.setCurrentIndex(TAB_NOTICES if running else TAB_LISTING)

    def _in_trash(self, reference: str | None) -> bool:
        try:
            return reference is not None and any(
                a.reference == reference for a in Records(self.context.register).trash(RecordKind.ASSET)
            )
        except AssetRegError:
            return False

    def _show_trashed(self, reference: str) -> None:
        """A deleted asset: what happened, and where to get it back — never an empty page."""
        self._trashed, self.detail = reference, None
        self._placeholder.setText(
            self.tr(
                "{reference} and everything recorded about it are in the trash. Choose Edit › Undo, or restore it "
                "from the trash, to have it back; or choose another asset in the register."
            ).format(reference=reference)
        )
        self.trash_button.show()
        self._stack.setCurrentIndex(0)

    def _history(self, detail: AssetDetail) -> list[e.AuditEntry]:
        """The audit trail of the asset and every record about it, including its documents in the trash."""
        return asset_history(self.context.register, detail)

    def _fill(self, d: AssetDetail, coming, groups: dict[str, str], parties: dict[str, str], history) -> None:
        a = d.asset
        self.name_label.setText(a.name)
        council = d.authority.name if d.authority else self.tr("no council recorded")
        self.subtitle_label.setText(f"{a.reference} · {a.category.label} · {council}")
        icons.set_label_icon(self.status_icon, d.status, self.fontMetrics().height() * 3 // 2)
        self.status_icon.setAccessibleName(d.status.label)
        ends = d.case.status_ends_on
        self.status_label.setText(d.status.label + (self._left(ends) if ends else ""))
        listing = ""
        if d.status is not d.listing_status:
            listing = self.tr("Listing: {status}").format(status=d.listing_status.label)
            listing += self._left(d.listing_ends_on) if d.listing_ends_on else ""
        if d.case.sale_worth_saying:
            listing = "\n".join(x for x in (listing, d.case.sale_said) if x)
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
        self.coming.fill(coming, d.today)
        self.listing_tab.fill(d, groups)
        self.people_tab.fill(d)
        self.notices_tab.fill(d, groups, parties)
        self.applications_tab.fill(d)
        self.council_button.setEnabled(d.authority is not None)
        self.documents_model.set_rows(d.documents)
        self.history_tab.fill(history)
        counts = (
            (self.tr("Listing"), self.listing_tab.count()),
            (self.tr("Owners and occupiers"), self.people_tab.count()),
            (self.tr("Disposal notices"), self.notices_tab.count()),
            (self.tr("Transfer applications"), len(d.applications)),
            (self.tr("Documents"), len(d.documents)),
            (self.tr("History"), len(history)),
        )
        for tab, (text, count) in enumerate(counts):
            self.tabs.setTabText(tab, f"{text} ({count})")

    # words

    def _today(self) -> date:
        return self.detail.today if self.detail else self.context.register.today()

    def _left(self, end: date) -> str:
        return time_left(end, self._today())

    # behaviour

    def _shown(self) -> tuple[str, str] | None:
        return (self.detail.asset.reference, self.detail.asset.name) if self.detail else None

    def _on_edit(self) -> None:
        if self.detail is None:
            return
        open_dialog(AssetDialog(self.context, self.detail.asset, self.window()))

    def _on_edit_council(self) -> None:
        if self.detail is not None and self.detail.authority is not None:
            open_dialog(CouncilDialog(self.context, self.detail.authority, self.window()))

    def _on_start_application(self) -> None:
        if self.detail is not None:
            asset = self.detail.asset.reference
            open_dialog(ApplicationDialog(self.context, asset_ref=asset, parent=self.window()))

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
        open_dialog(dialog)

    def _on_notice_recorded(self) -> None:
        self.tabs.setCurrentIndex(TAB_NOTICES)  # where the new notice's timeline is

    def _on_delete_asset(self) -> None:
        if self.detail is None:
            return
        reference = self.detail.asset.reference
        if confirm_delete(self.context, self, self.detail.asset) and self._reference == reference:
            self._reference = None
            self._show_trashed(reference)

    def _on_show_trash(self) -> None:
        window = self.window()
        if hasattr(window, "show_view"):
            window.show_view("trash")
        undo_history(self.context)  # the Undo action of the window is ready for the deleted asset
