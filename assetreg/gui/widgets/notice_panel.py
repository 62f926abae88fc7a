"""One disposal notice on the asset page: its status, its timeline, the council's published dates and the requests
to be treated as a potential bidder, with a button to record another request."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain import entities as e
from ...domain.dates import format_date
from ...domain.errors import AssetRegError
from ...domain.notice_case import published_summary
from ...services.assets import AssetDetail, NoticeDetail
from ...services.bidder_requests import AssessedRequest
from ...services.printing import bidder_request_document, late_reason
from ..context import AppContext
from ..display import SORT_ROLE, plain
from ..forms.disposal_forms import NoticeOutcomeDialog
from ..forms.notice_form import DisposalNoticeDialog
from ..forms.request_form import BidderRequestDialog
from ..printing import print_document
from ..tables.record_table import Column, RecordTableModel, day_text, iso_text
from ..views.asset_tabs.record_actions import RecordActions, confirm_delete, open_dialog
from . import icons
from .timeline import NoticeTimeline, timeline_model

REQ_REFERENCE, REQ_GROUP, REQ_RECEIVED, REQ_COUNTS, REQ_REASON = range(5)
_UP = Qt.SortOrder.AscendingOrder


def _tr(text: str) -> str:
    return QCoreApplication.translate("NoticePanel", text)


def table_view(
    model: RecordTableModel,
    name: str,
    view: QTableView | None = None,
    sort: tuple[int, Qt.SortOrder] = (0, _UP),
) -> QTableView:
    """A read-only, sortable, keyboard-friendly table over ``model`` (the asset page's tables are all alike)."""
    # Owned by the view, which is owned by the page: Qt deletes them together, on the GUI thread.
    view = view or QTableView()
    proxy = QSortFilterProxyModel(view)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view.setModel(proxy)
    view.setAccessibleName(name)
    view.setSortingEnabled(True)
    view.sortByColumn(*sort)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab leaves the table, so the page can be worked from the keyboard
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(round(view.fontMetrics().height() * 1.5))
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


def time_left(end: date, today: date) -> str:
    """How long a running period has left: " — 21 days left (ends Mon 6 Oct 2025)"."""
    days = (end - today).days
    if days < 0:
        return _tr(" — ended {end}").format(end=format_date(end))
    if days == 0:
        count = _tr("last day today")
    else:
        count = _tr("1 day left") if days == 1 else _tr("{n} days left").format(n=days)
    return _tr(" — {count} (ends {end})").format(count=count, end=format_date(end))


def counts_text(r: AssessedRequest) -> str:
    if r.verdict is None:
        return _tr("Not yet known")
    if not r.verdict.starts_full_moratorium:
        return _tr("No") if r.verdict.shown else _tr("Not yet known")
    if r.verdict.council_counted:  # counted only because the council's list says the group asked
        return (
            _tr("Yes, on the council's word")
            if r.verdict.shown
            else _tr("Yes, on the council's word, if the group qualifies")
        )
    return _tr("Yes") if r.verdict.shown else _tr("Yes, if the group qualifies")


def _fit_rows(view: QTableView) -> None:
    """Each row as tall as its wrapped text, and the table as tall as its rows (the page scrolls, not it)."""
    view.resizeRowsToContents()
    rows = sum(view.rowHeight(i) for i in range(view.model().rowCount()))
    view.setFixedHeight(view.horizontalHeader().sizeHint().height() + rows + 2 * view.frameWidth() + 4)


class NoticePanel(QGroupBox):
    """A disposal notice of the asset ``detail``: status, timeline, published dates, requests, and an action."""

    def __init__(
        self,
        context: AppContext,
        detail: AssetDetail,
        n: NoticeDetail,
        groups: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self._heading(n.notice), parent)
        self.context = context
        self.notice = n.notice
        self.case = n.case
        self.timeline: NoticeTimeline | None = None
        self.requests_model: RecordTableModel | None = None
        layout = QVBoxLayout(self)
        status = QHBoxLayout()
        icon = QLabel()
        icons.set_label_icon(icon, n.status)
        icon.setAccessibleName(n.status.label)
        text = plain(QLabel(), n.status.label + (time_left(n.period_ends_on, detail.today) if n.period_ends_on else ""))
        text.setWordWrap(True)
        self.request_button = QPushButton(self.tr("Record a request to &bid…"))
        self.request_button.setToolTip(
            self.tr("A community group's written request to be treated as a potential bidder")
        )
        self.request_button.setAccessibleName(
            self.tr("Record a request to bid against {ref}").format(ref=self.notice.reference)
        )
        self.request_button.clicked.connect(self._on_record_request)
        context.writes(self.request_button)
        self.print_button = QPushButton(self.tr("Print re&quest to bid…"))
        self.print_button.setToolTip(
            self.tr("The written request to be treated as a potential bidder, ready to send to the council, as a PDF")
        )
        self.print_button.setAccessibleName(
            self.tr("Print a request to bid for {ref}").format(ref=self.notice.reference)
        )
        self.print_button.clicked.connect(self._on_print_request)
        status.addWidget(icon)
        status.addWidget(text, 1)
        status.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        status.addWidget(self.request_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(status)
        # No Alt letters: an asset may have several notices, each with these buttons.
        self.edit_button = QPushButton(self.tr("Edit notice…"))
        self.outcome_button = QPushButton(self.tr("Withdrawn or sold…"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        ref = self.notice.reference
        self.edit_button.setAccessibleName(self.tr("Edit notice {ref}").format(ref=ref))
        self.outcome_button.setAccessibleName(self.tr("Notice {ref} withdrawn or sold").format(ref=ref))
        self.delete_button.setAccessibleName(self.tr("Delete notice {ref}").format(ref=ref))
        self.edit_button.clicked.connect(self._on_edit)
        self.outcome_button.clicked.connect(self._on_outcome)
        self.delete_button.clicked.connect(self._on_delete)
        context.writes(self.edit_button, self.outcome_button, self.delete_button)
        actions = QHBoxLayout()
        for button in (self.edit_button, self.outcome_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        if n.not_relevant:
            problem = plain(QLabel(), n.not_relevant)
            problem.setWordWrap(True)
            layout.addWidget(problem)
        elif n.case.periods:
            self.timeline = NoticeTimeline(timeline_model(n.case))
            layout.addWidget(self.timeline)
        published = published_summary(n.case)
        if published:
            label = plain(QLabel(), published)
            label.setWordWrap(True)
            layout.addWidget(label)
        if n.requests:
            self._add_requests(n, groups, layout)

    @staticmethod
    def _heading(notice: e.DisposalNotice) -> str:
        if notice.received_on:
            return _tr("{ref} · received by the council {date}").format(
                ref=notice.reference, date=format_date(notice.received_on)
            )
        if notice.sent_on:
            return _tr("{ref} · sent {date} (received date not known: dates are provisional)").format(
                ref=notice.reference, date=format_date(notice.sent_on)
            )
        return notice.reference

    def _add_requests(self, n: NoticeDetail, groups: dict[str, str], layout: QVBoxLayout) -> None:
        not_known = self.tr("Not known")  # the day of a request the council counts (the columns keep no panel)
        requests = RecordTableModel(
            [
                Column(self.tr("Reference"), lambda r: r.request.reference),
                Column(self.tr("Group"), lambda r: groups.get(r.request.group_ref, r.request.group_ref)),
                Column(
                    self.tr("Received"),
                    lambda r: day_text(r.request.received_on) or (not_known if r.request.council_counted else ""),
                    lambda r: iso_text(r.request.received_on),
                ),
                Column(self.tr("Starts the full moratorium"), counts_text),
                Column(self.tr("Why"), lambda r: r.verdict.why if r.verdict else ""),
            ],
            self,
        )
        requests.set_rows(n.requests)
        self.requests_model = requests
        view = table_view(requests, self.tr("Requests to be treated as a potential bidder"), sort=(REQ_RECEIVED, _UP))
        view.setWordWrap(True)
        view.horizontalHeader().setSectionResizeMode(REQ_REASON, QHeaderView.ResizeMode.Stretch)
        _fit_rows(view)
        # The reasons wrap to the width the table gets once laid out: fit the rows to it, or a row sized for
        # the first narrow layout stays tall, its words centred out of sight below an empty-looking table.
        view.horizontalHeader().sectionResized.connect(lambda *_: QTimer.singleShot(0, view, lambda: _fit_rows(view)))
        heading = QLabel(self.tr("Requests to be treated as a potential bidder"))
        heading.setBuddy(view)
        layout.addWidget(heading)
        layout.addWidget(view)
        self.requests_view = view
        self.request_actions = RecordActions(
            self.context, view, self.tr("request to bid"), self._edit_request, record=lambda r: r.request
        )
        layout.addLayout(self.request_actions.buttons())

    # behaviour

    def _on_print_request(self) -> None:
        reference = self.notice.reference
        late = late_reason(self.case)
        if late and not self.context.messages.confirm(
            self.window(),
            self.tr("The time for this request has run out"),
            self.tr(
                "{why} A request the council receives now does not start the full moratorium.\n\n"
                "Print the letter anyway, marked “Out of time” with this reason?"
            ).format(why=late),
        ):
            return
        print_document(
            self.context,
            self.window(),
            self.tr("the request to be treated as a potential bidder"),
            lambda register: bidder_request_document(register, reference, out_of_time=bool(late)),
            self.tr("Request to bid {reference} {{today}}").format(reference=reference),
        )

    def _edit_request(self, request: e.BidderRequest):
        return BidderRequestDialog(self.context, self.notice.reference, self.window(), existing=request)

    def _on_edit(self) -> None:
        try:
            dialog = DisposalNoticeDialog(self.context, self.notice.asset_ref, self.window(), existing=self.notice)
        except AssetRegError as error:
            self.context.messages.error(self, self.tr("The notice cannot be edited"), str(error))
            return
        open_dialog(dialog)

    def _on_outcome(self) -> None:
        open_dialog(NoticeOutcomeDialog(self.context, self.notice, self.window()))

    def _on_delete(self) -> None:
        confirm_delete(self.context, self.window(), self.notice)

    def _on_record_request(self) -> None:
        # The dialog belongs to the window, not to this panel: saving refreshes the page, which replaces its panels.
        try:
            dialog = BidderRequestDialog(self.context, self.notice.reference, self.window())
        except AssetRegError as error:  # the notice went to the trash since the page was shown
            self.context.messages.error(self, self.tr("The request cannot be recorded"), str(error))
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
