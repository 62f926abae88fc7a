"""The asset page on the demo register as of Mon 15 Sep 2025 (offscreen Qt): header, sections, timelines,
documents (attach, drop, open, remove) and history."""

from __future__ import annotations

import gc
import shutil
import weakref
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QDropEvent, QKeySequence, QPalette
from PySide6.QtWidgets import QAbstractButton, QLabel, QTableView

from assetreg.domain import entities as e
from assetreg.domain.counting import Counting, Length, Unit, period_end
from assetreg.domain.enums import LegalForm, NominationDecision
from assetreg.domain.records import RecordKind
from assetreg.gui.context import AppContext
from assetreg.gui.display import SORT_ROLE
from assetreg.gui.forms.asset_form import AssetDialog
from assetreg.gui.forms.notice_form import DisposalNoticeDialog
from assetreg.gui.forms.request_form import BidderRequestDialog
from assetreg.gui.messages import Messages
from assetreg.gui.tables.document_table import local_files
from assetreg.gui.tables.record_table import RecordTableModel
from assetreg.gui.views.asset_page import (
    APP_REFERENCE,
    DOC_FILE,
    DOC_SIZE,
    DOC_TITLE,
    DUE_WHAT,
    ENTITY_ROLE,
    ENTRY_ENDS,
    HIST_ACTION,
    HIST_RECORD,
    NOM_DECISION,
    STAGE_NAME,
    TAB_DOCUMENTS,
    TAB_HISTORY,
    TAB_NOTICES,
    AssetPage,
)
from assetreg.gui.widgets.notice_panel import REQ_COUNTS, REQ_REASON, REQ_RECEIVED
from assetreg.gui.widgets.timeline import FULL, INTERIM, PROTECTED
from assetreg.paths import attachments_dir
from assetreg.services.check import check_register
from assetreg.services.demo import write_demo_register
from assetreg.services.records import Records
from assetreg.services.register import Changes, Register

DEMO_DAY = date(2025, 9, 15)
FIXED_NOW = datetime(2025, 9, 15, 10, 30, tzinfo=UTC)


class StubMessages(Messages):
    """Answers every question with ``answer`` and records what the page said."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.errors: list[tuple[str, str]] = []
        self.questions: list[str] = []

    def error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))

    def info(self, parent, title: str, text: str) -> None:
        pass

    def confirm(self, parent, title: str, text: str) -> bool:
        self.questions.append(text)
        return self.answer


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo register and its attachments, written once; each test works on its own copy."""
    folder = tmp_path_factory.mktemp("asset-page-demo")
    write_demo_register(folder / "demo.assetreg", today=DEMO_DAY)
    return folder


@pytest.fixture
def demo_register(demo_folder: Path, tmp_path: Path):
    copy = tmp_path / "demo"
    shutil.copytree(demo_folder, copy)
    register = Register.open(copy / "demo.assetreg")
    register.user = "tester"
    register.clock = lambda: FIXED_NOW
    yield register
    register.close()


@pytest.fixture
def messages() -> StubMessages:
    return StubMessages()


@pytest.fixture
def page(qtbot, demo_register: Register, messages: StubMessages) -> AssetPage:
    page = AssetPage(AppContext(demo_register, messages))
    qtbot.addWidget(page)
    page.resize(1100, 750)
    return page


def rows(model, column: int = 0, role=Qt.ItemDataRole.DisplayRole) -> list:
    return [model.data(model.index(row, column), role) for row in range(model.rowCount())]


def entities(view: QTableView) -> list:
    return rows(view.model(), 0, ENTITY_ROLE)


def select_document(page: AssetPage, reference: str) -> None:
    proxy = page.documents_view.model()
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(ENTITY_ROLE).reference == reference)
    page.documents_view.selectRow(row)


def a_file(folder: Path, name: str = "Minutes of the AGM.txt", text: str = "Minutes: agreed to bid.\n") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# what the page shows


def test_name_title_and_what_it_shows_when_opened_directly(page: AssetPage) -> None:
    assert page.name == "asset" and page.title() == "Asset"
    assert page.reference() is None and page.detail is None
    assert not page.shows(Changes(frozenset({RecordKind.ASSET})))
    page.refresh()  # opened directly with nothing chosen: the first asset of the register
    assert page.reference() == "AST-0001"
    assert page.shows(Changes(frozenset({RecordKind.ASSET})))


def test_opened_directly_it_shows_the_asset_last_looked_at(qtbot, page: AssetPage) -> None:
    page.show_asset("AST-0007")
    again = AssetPage(page.context)
    qtbot.addWidget(again)
    again.refresh()
    assert again.reference() == "AST-0007"


def test_header_of_the_red_lion(page: AssetPage) -> None:
    page.show_asset("AST-0001")
    header = " ".join(x.text() for x in (page.name_label, page.subtitle_label, page.status_label))
    assert "The Red Lion" in header and "AST-0001" in header and "Sevenoaks District Council" in header
    assert "Interim moratorium" in page.status_label.text()
    assert "21 days left" in page.status_label.text()  # notice received 26 Aug 2025; interim ends Mon 6 Oct 2025
    assert "Mon 6 Oct 2025" in page.status_label.text()
    assert "Listing: Listed" in page.listing_label.text()


def test_status_has_an_icon_and_words(page: AssetPage) -> None:
    page.show_asset("AST-0001")
    pixmap = page.status_icon.pixmap()
    assert pixmap is not None and not pixmap.isNull()
    assert page.status_icon.accessibleName() == "Interim moratorium"


def test_details_form(page: AssetPage) -> None:
    page.show_asset("ast-1")  # typed as a person might
    shown = {key: label.text() for key, label in page.detail_labels.items()}
    assert shown["category"] == "Pub"
    assert shown["council"] == "Sevenoaks District Council"
    assert shown["address"] == "The Street, Ashcombe, Sevenoaks"
    assert shown["postcode"] == "TN14 6AD"
    assert shown["uprn"] == "100062045123"
    assert shown["titles"] == "K123456"
    assert "skittle alley" in shown["description"]
    assert "Greene Valley Brewing" in shown["people"] and "(freeholder)" in shown["people"]


def test_red_lion_notice_has_one_timeline_with_the_interim_end(page: AssetPage) -> None:
    page.show_asset("AST-0001")
    assert len(page.timelines) == 1
    model = page.timelines[0].model()
    received = DEMO_DAY - timedelta(days=20)
    expected = period_end(received, Length(6, Unit.WEEKS), Counting.BW)
    assert expected == date(2025, 10, 6)
    assert model.notice_received_on == received
    assert model.period(INTERIM).end == expected
    assert model.period(FULL) is None and model.request is None
    assert model.today.day == DEMO_DAY
    assert page.tabs.tabText(TAB_NOTICES).startswith("Disposal notices (1)")


def test_plough_shows_a_full_moratorium_and_the_request(page: AssetPage) -> None:
    page.show_asset("AST-0002")
    assert "Full moratorium" in page.status_label.text()
    (timeline,) = page.timelines
    timeline.resize(700, timeline.sizeHint().height())
    assert list(timeline.bar_rects()) == [INTERIM, FULL, PROTECTED]
    model = timeline.model()
    assert model.request is not None and model.request.day == DEMO_DAY - timedelta(days=60)
    assert timeline.timeline_geometry().request_marker is not None
    assert model.period(FULL).end == date(2026, 1, 6)
    (requests,) = page.requests_models
    # the society's local connection and surplus are not recorded: it starts it only if it qualifies
    assert rows(requests, REQ_COUNTS) == ["Yes, if the group qualifies"]
    assert "full moratorium applies" in rows(requests, REQ_REASON)[0]


def test_listing_tables(page: AssetPage) -> None:
    page.show_asset("AST-0001")
    (nomination,) = entities(page.nominations_view)
    assert isinstance(nomination, e.Nomination) and nomination.asset_ref == "AST-0001"
    assert rows(page.nominations_model, NOM_DECISION) == ["Listed"]
    (entry,) = entities(page.entries_view)
    assert isinstance(entry, e.ListEntry)
    assert rows(page.entries_model, ENTRY_ENDS) == ["Wed 14 Jun 2028"]
    assert rows(page.entries_model, ENTRY_ENDS, SORT_ROLE) == ["2028-06-14"]
    assert page.challenges_view.isHidden()  # no review, appeal or claim: no empty table
    page.show_asset("AST-0010")  # The Swan: the owner's review is pending
    assert [c.kind.value for c in entities(page.challenges_view)] == ["listing-review"]
    assert not page.challenges_view.isHidden()


def test_coming_dates(page: AssetPage) -> None:
    page.show_asset("AST-0001")
    proxy = page.coming_view.model()
    dates = rows(proxy, 0, SORT_ROLE)
    assert dates == sorted(dates) and dates[0] >= DEMO_DAY.isoformat()
    what = rows(proxy, DUE_WHAT)
    row = what.index("Interim moratorium ends")
    assert rows(proxy, 0)[row] == "Mon 6 Oct 2025" and rows(proxy, 1)[row] == "in 21 days"
    assert "Full moratorium ends (if a request counts)" in what  # conditional, and says so


def test_overdue_dates_say_so(page: AssetPage) -> None:
    page.show_asset("AST-0010")  # The Swan: the council's review decision was due on Mon 8 Sep 2025
    proxy = page.coming_view.model()
    row = rows(proxy, DUE_WHAT).index("Review decision due")
    assert rows(proxy, 1)[row] == "7 days overdue"


def test_transfer_applications_with_stage_history(page: AssetPage) -> None:
    page.show_asset("AST-0012")
    assert rows(page.applications_model, APP_REFERENCE) == ["TA-0001"]
    stages = rows(page.stages_view.model(), STAGE_NAME)
    assert stages == ["Idea", "Expression of interest", "Invited", "Full application"]  # oldest first


def test_history_lists_the_audit_entries(page: AssetPage, demo_register: Register) -> None:
    page.show_asset("AST-0001")
    records = rows(page.history_model, HIST_RECORD)
    for reference in ("AST-0001", "NOM-0001", "LST-0001", "DN-0001", "DOC-0001"):
        assert reference in records
    assert len(records) == sum(
        len(Records(demo_register).history(r)) for r in dict.fromkeys(records)
    )  # every entry of those records, each once
    assert set(rows(page.history_model, HIST_ACTION)) == {"Added"}
    view = page.tabs.widget(TAB_HISTORY).view
    assert isinstance(view, QTableView)
    when = rows(view.model(), 0, SORT_ROLE)
    assert when == sorted(when, reverse=True)  # newest first


def test_unknown_asset_shows_a_sentence(page: AssetPage, messages: StubMessages) -> None:
    page.show_asset("AST-9999")
    assert page.reference() is None
    assert "AST-9999" in page._placeholder.text()
    page.show_asset("NOM-0001")
    assert "not an asset" in page._placeholder.text()


def test_refreshes_when_the_register_changes(page: AssetPage, demo_register: Register) -> None:
    page.show_asset("AST-0001")
    assert page.shows(Changes(frozenset({RecordKind.ASSET})))
    assert not page.shows(Changes())
    changed = Records(demo_register).update("AST-0001", name="The Red Lion Inn")
    page.context.notify(changed.changes)
    assert page.name_label.text() == "The Red Lion Inn"
    assert "Changed" in rows(page.history_model, HIST_ACTION)


def test_a_full_moratorium_end_the_council_published_is_shown_though_no_request_starts_one(page, demo_register):
    (notice,) = Records(demo_register).list(RecordKind.DISPOSAL_NOTICE, asset_ref="AST-0001")
    Records(demo_register).update(
        notice.reference, published_full_end_on=date(2026, 2, 25), published_basis="council's list"
    )
    page.show_asset("AST-0001")
    (said,) = [x.text() for x in page.findChildren(QLabel) if x.text().startswith("The council published")]
    assert said == (
        "The council published (council's list): full moratorium ends Wed 25 Feb 2026 (no request recorded here "
        "starts it: record the group's request if one was made in time)."
    )


# documents


def test_attach_a_file(page: AssetPage, demo_register: Register, tmp_path: Path) -> None:
    page.show_asset("AST-0001")
    source = a_file(tmp_path)
    page.attach_files([source])
    documents = rows(page.documents_model, 0, ENTITY_ROLE)
    added = next(d for d in documents if d.original_filename == "Minutes of the AGM.txt")
    assert added.asset_ref == "AST-0001" and added.title == "Minutes of the AGM"
    assert rows(page.documents_model, DOC_SIZE, SORT_ROLE)[documents.index(added)] == source.stat().st_size
    assert "Minutes of the AGM" in rows(page.documents_model, DOC_TITLE)
    assert page.tabs.tabText(TAB_DOCUMENTS) == "Documents (2)"
    assert check_register(demo_register).healthy
    assert added.reference in rows(page.history_model, HIST_RECORD)


def test_attach_problems_are_reported(page: AssetPage, messages: StubMessages, tmp_path: Path) -> None:
    page.show_asset("AST-0001")
    page.attach_files([tmp_path / "not there.pdf"])
    source = a_file(tmp_path)
    page.attach_files([source])
    page.attach_files([source])  # the same content again, on the same asset
    assert len(messages.errors) == 2
    assert "not there.pdf" in messages.errors[0][1]
    assert "already attached" in messages.errors[1][1]
    assert rows(page.documents_model, DOC_FILE).count("Minutes of the AGM.txt") == 1


def test_remove_a_document_after_confirming(page: AssetPage, demo_register: Register, messages, tmp_path) -> None:
    page.show_asset("AST-0001")
    page.attach_files([a_file(tmp_path)])
    added = next(d for d in entities(page.documents_view) if d.original_filename == "Minutes of the AGM.txt")
    select_document(page, added.reference)
    assert page.remove_button.isEnabled() and page.open_button.isEnabled()
    messages.answer = False
    page.remove_button.click()
    assert added.reference in [d.reference for d in entities(page.documents_view)]
    messages.answer = True
    select_document(page, added.reference)
    page.remove_button.click()
    assert len(messages.questions) == 2 and "Minutes of the AGM" in messages.questions[-1]
    assert added.reference not in [d.reference for d in entities(page.documents_view)]
    assert added.reference in [d.reference for d in Records(demo_register).trash(RecordKind.DOCUMENT)]
    history = list(zip(rows(page.history_model, HIST_RECORD), rows(page.history_model, HIST_ACTION), strict=True))
    assert (added.reference, "Moved to the trash") in history  # still in the asset's history
    assert check_register(demo_register).healthy


def test_a_dropped_file_is_attached(page: AssetPage, tmp_path: Path) -> None:
    page.show_asset("AST-0001")
    source = a_file(tmp_path, "Valuation report.txt", "Valuation: £450,000.\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    assert local_files(mime) == [source]
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.documents_view.dropEvent(event)
    assert event.isAccepted()
    assert "Valuation report.txt" in rows(page.documents_model, DOC_FILE)


def test_a_drop_without_files_is_ignored(page: AssetPage) -> None:
    page.show_asset("AST-0001")
    mime = QMimeData()
    mime.setText("just words")
    mime_link = QMimeData()
    mime_link.setUrls([QUrl("https://example.org/plan.pdf")])
    before = page.documents_model.rowCount()
    for data in (mime, mime_link):
        assert local_files(data) == []
        event = QDropEvent(
            QPointF(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
        page.documents_view.dropEvent(event)
        assert not event.isAccepted()
    assert page.documents_model.rowCount() == before


def test_open_a_document_opens_a_copy_under_its_own_name(page: AssetPage, monkeypatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    page.show_asset("AST-0001")
    (document,) = entities(page.documents_view)
    select_document(page, document.reference)
    page.open_button.click()
    (url,) = opened
    path = Path(url.toLocalFile())
    assert path.name == document.original_filename == "Red Lion nomination plan.txt"
    assert "Site plan" in path.read_text(encoding="utf-8")


def test_open_reports_a_missing_file(page: AssetPage, demo_register: Register, messages, monkeypatch) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: pytest.fail("nothing should open"))
    shutil.rmtree(attachments_dir(demo_register.path))
    page.show_asset("AST-0001")
    (document,) = entities(page.documents_view)
    select_document(page, document.reference)
    page.open_button.click()
    assert len(messages.errors) == 1 and "missing" in messages.errors[0][1]


# lifetime


def test_the_page_is_freed_without_the_garbage_collector(qtbot, demo_register: Register) -> None:
    """No reference cycles: a cycle is freed by the GC, maybe on a worker thread, where deleting widgets crashes."""
    page = AssetPage(AppContext(demo_register, StubMessages()))
    page.show_asset("AST-0002")
    models = weakref.ref(page.requests_models[0]), weakref.ref(page.documents_model), weakref.ref(page)
    was_enabled = gc.isenabled()  # the app's context may have switched automatic collection off
    gc.disable()
    try:
        del page
        assert [ref() for ref in models] == [None, None, None]
    finally:
        if was_enabled:
            gc.enable()


# keyboard, screen readers, palettes


def test_every_table_is_a_sortable_model_with_an_entity_role(page: AssetPage) -> None:
    page.show_asset("AST-0002")
    views = page.findChildren(QTableView)
    assert len(views) >= 9
    for view in views:
        assert view.accessibleName(), view
        assert view.isSortingEnabled()
        assert view.focusPolicy() & Qt.FocusPolicy.TabFocus
        source = view.model().sourceModel()
        assert isinstance(source, RecordTableModel)
        if source.rowCount():
            assert source.data(source.index(0, 0), ENTITY_ROLE) is not None


def test_buttons_are_keyboard_reachable_with_mnemonics(page: AssetPage) -> None:
    page.show_asset("AST-0001")
    for button in (page.add_button, page.open_button, page.remove_button):
        assert "&" in button.text()
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert not page.open_button.isEnabled()  # until a document is chosen
    delete = QKeySequence(QKeySequence.StandardKey.Delete)
    assert any(action.shortcut() == delete for action in page.documents_view.actions())  # Delete removes
    assert page.timelines[0].focusPolicy() & Qt.FocusPolicy.TabFocus
    assert page.timelines[0].accessibleDescription()
    names = {b.text() for b in page.findChildren(QAbstractButton)}
    assert "&Add files…" in names


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, rgb in (
        (QPalette.ColorRole.Window, (35, 35, 38)),
        (QPalette.ColorRole.WindowText, (230, 230, 230)),
        (QPalette.ColorRole.Base, (25, 25, 25)),
        (QPalette.ColorRole.AlternateBase, (40, 40, 44)),
        (QPalette.ColorRole.Text, (230, 230, 230)),
        (QPalette.ColorRole.Button, (55, 55, 60)),
        (QPalette.ColorRole.ButtonText, (230, 230, 230)),
        (QPalette.ColorRole.Mid, (80, 80, 85)),
        (QPalette.ColorRole.Highlight, (42, 130, 218)),
        (QPalette.ColorRole.HighlightedText, (255, 255, 255)),
    ):
        palette.setColor(role, QColor(*rgb))
    return palette


def mean_lightness(image) -> float:
    samples = [
        QColor(image.pixel(x, y)).lightness() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    ]
    return sum(samples) / len(samples)


def test_renders_light_and_dark(page: AssetPage, qtbot) -> None:
    page.show_asset("AST-0002")
    page.tabs.setCurrentIndex(TAB_NOTICES)
    page.show()
    qtbot.waitExposed(page)
    light = page.grab().toImage()
    page.setPalette(dark_palette())
    dark = page.grab().toImage()
    for image in (light, dark):
        assert not image.isNull()
        assert len({image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}) > 10
    assert mean_lightness(dark) < 100 < mean_lightness(light)
    timeline = page.timelines[0]
    assert timeline.palette().color(QPalette.ColorRole.WindowText).lightness() > 200  # the picture follows the page


# actions: edit the details, record a notice, record a request


def test_edit_details_opens_the_asset_form_and_saving_refreshes_the_page(qtbot, page: AssetPage) -> None:
    page.show_asset("AST-0001")
    assert page.edit_button.text() == "Ed&it details…"
    page.edit_button.click()
    dialog = page.findChild(AssetDialog)
    assert dialog is not None and dialog.isVisible() and dialog.isModal()
    assert dialog.name.text() == "The Red Lion" and dialog.postcode.text() == "TN14 6AD"
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "The Red Lion Inn")
    dialog.save()
    assert page.name_label.text() == "The Red Lion Inn"
    assert "Changed" in rows(page.history_model, HIST_ACTION)


def test_record_a_disposal_notice_from_the_page(qtbot, page: AssetPage, demo_register: Register) -> None:
    page.show_asset("AST-0003")  # the library: listed, no notice yet
    page.tabs.setCurrentIndex(0)
    assert page.notice_panels == []
    page.notice_button.click()
    dialog = page.findChild(DisposalNoticeDialog)
    assert dialog is not None and dialog.windowTitle().endswith(page.detail.asset.name)
    dialog.kind.buttons[0].click()
    dialog.vacant.buttons[0].click()
    qtbot.keyClicks(dialog.received_on.line, "01/09/2025")
    dialog.save()
    assert page.tabs.currentIndex() == TAB_NOTICES  # where the new notice is
    (panel,) = page.notice_panels
    assert panel.notice.received_on == date(2025, 9, 1)
    assert "Interim moratorium" in page.status_label.text()


def test_a_requests_rows_fit_its_wrapped_reason_once_laid_out(qtbot, page: AssetPage) -> None:
    page.show_asset("AST-0002")
    page.tabs.setCurrentIndex(TAB_NOTICES)
    page.show()
    (panel,) = page.notice_panels
    view = panel.requests_view
    # sized first for a narrow layout, the row was several times too tall, its words centred out of sight
    qtbot.waitUntil(lambda: view.rowHeight(0) == view.sizeHintForRow(0))
    assert view.height() < view.horizontalHeader().height() + view.rowHeight(0) + 12  # the table fits its rows


def test_record_a_request_from_a_notice_panel(qtbot, page: AssetPage, messages: StubMessages) -> None:
    page.show_asset("AST-0001")  # the Red Lion's notice was received 20 days ago
    (panel,) = page.notice_panels
    assert panel.request_button.text() == "Record a request to &bid…"
    assert panel.request_button.accessibleName() == f"Record a request to bid against {panel.notice.reference}"
    panel.request_button.click()
    dialog = page.findChild(BidderRequestDialog)
    assert dialog is not None and dialog.notice.reference == panel.notice.reference
    qtbot.keyClicks(dialog.received_on.line, "10/09/2025")
    dialog.save()
    assert messages.errors == []
    (panel,) = page.notice_panels  # a fresh panel, with the request in its table
    assert rows(page.requests_models[0], REQ_COUNTS) == ["Yes, if the group qualifies"]
    assert "Full moratorium ends" in rows(page.coming_view.model(), DUE_WHAT)


def test_a_request_the_council_counts_says_it_is_counted_on_the_councils_word(qtbot, page: AssetPage) -> None:
    page.show_asset("AST-0001")
    (panel,) = page.notice_panels
    records = Records(page.context.register)
    group = records.create(e.CommunityGroup(name="Red Lion Friends", legal_form=LegalForm.CHARITY)).value
    records.create(e.BidderRequest(notice_ref=panel.notice.reference, group_ref=group.reference, council_counted=True))
    page.show_asset("AST-0001")
    # (the charity's local connection with the land is not recorded)
    assert rows(page.requests_models[0], REQ_COUNTS) == ["Yes, on the council's word, if the group qualifies"]
    assert rows(page.requests_models[0], REQ_RECEIVED) == ["Not known"]


def test_the_page_actions_have_mnemonics(qtbot, page: AssetPage) -> None:
    page.show_asset("AST-0001")
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.edit_button.setFocus()
    qtbot.waitUntil(page.edit_button.hasFocus)
    qtbot.keyClick(page.edit_button, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.findChild(DisposalNoticeDialog) is not None)  # a mnemonic clicks after a moment
    dialog = page.findChild(DisposalNoticeDialog)
    qtbot.keyRelease(dialog, Qt.Key.Key_Alt)  # the release goes to the form now in front, as it would for a person
    dialog.reject()


def test_an_asset_listed_without_its_day_says_so_and_its_requests_are_not_yet_known(
    page: AssetPage, demo_register: Register
) -> None:
    records = Records(demo_register)
    asset = records.create(e.Asset(name="The Plough", authority_ref="AUTH-0001")).value
    records.create(e.Nomination(asset_ref=asset.reference, decision=NominationDecision.LISTED))
    notice = records.create(
        e.DisposalNotice(asset_ref=asset.reference, received_on=DEMO_DAY - timedelta(days=10))
    ).value
    group = records.create(e.CommunityGroup(name="Plough Friends", legal_form=LegalForm.CHARITY)).value
    records.create(e.BidderRequest(notice_ref=notice.reference, group_ref=group.reference, received_on=DEMO_DAY))
    page.show_asset(asset.reference)
    assert page.status_label.text() == "Listed (day of entry not recorded)"
    assert page.listing_label.text().startswith("Who the owner may sell to is not known")
    (requests,) = page.requests_models
    assert rows(requests, REQ_COUNTS) == ["Not yet known"]  # not "No": the listing's day is all that is missing
    assert rows(requests, REQ_REASON)[0].startswith("Whether the request starts the full moratorium is not known yet")
