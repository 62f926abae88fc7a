"""The assets register view on the demo register: search, filters, sorting, opening a record, refreshing."""

from __future__ import annotations

import gc
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QWidget

from assetreg.domain import entities as e
from assetreg.domain.enums import AssetCategory, Jurisdiction
from assetreg.domain.errors import AssetRegError
from assetreg.domain.records import RecordKind
from assetreg.domain.status import AssetStatus, NoticeStatus
from assetreg.gui.context import AppContext
from assetreg.gui.forms.asset_form import AssetDialog
from assetreg.gui.tables.asset_table import (
    COL_COUNCIL,
    COL_NAME,
    COL_POSTCODE,
    COL_REFERENCE,
    COL_STATUS,
    ENTITY_ROLE,
    SORT_ROLE,
    AssetTableModel,
    narrows,
    postcode_key,
    search_terms,
)
from assetreg.gui.views import assets_view
from assetreg.gui.views.assets_view import AssetsView
from assetreg.services.assets import AssetSummary, list_assets
from assetreg.services.demo import write_demo_register
from assetreg.services.records import Records
from assetreg.services.register import Changes, Register

DEMO_DAY = date(2025, 9, 15)
FIXED_NOW = datetime(2025, 9, 15, 10, 30, tzinfo=UTC)
ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
STOCKPORT = {"AST-0002", "AST-0006", "AST-0008"}
CAMDEN = {"AST-0003", "AST-0007", "AST-0010"}


class RecordingMessages:
    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))


@pytest.fixture(autouse=True)
def collect_garbage_on_the_gui_thread():
    """Loads run on a worker thread; a garbage collection there would delete Qt objects earlier tests left behind,
    off the thread that owns them (a crash). So collect here, on the GUI thread, before and after each test."""
    gc.collect()
    yield
    gc.collect()


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo register as of Mon 15 Sep 2025, written once and copied for each test that writes to it."""
    path = tmp_path_factory.mktemp("assets-view-demo") / "demo.assetreg"
    write_demo_register(path, today=DEMO_DAY)
    return path


@pytest.fixture
def demo_register(demo_path: Path, tmp_path: Path):
    path = tmp_path / "demo.assetreg"
    shutil.copyfile(demo_path, path)
    register = Register.open(path)
    register.user = "tester"
    register.clock = lambda: FIXED_NOW
    yield register
    register.close()


@pytest.fixture
def context(qtbot, demo_register: Register):
    context = AppContext(demo_register, messages=RecordingMessages())
    yield context
    context.tasks.wait()


def loaded(qtbot, view: AssetsView) -> AssetsView:
    qtbot.waitUntil(lambda: not view.loading, timeout=120_000)
    return view


@pytest.fixture
def view(qtbot, context: AppContext) -> AssetsView:
    view = AssetsView(context)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.refresh()
    return loaded(qtbot, view)


def references(view: AssetsView) -> list[str]:
    model = view.table.model()
    return [model.data(model.index(row, COL_REFERENCE)) for row in range(model.rowCount())]


def search(view: AssetsView, text: str) -> set[str]:
    view.search.setText(text)
    return set(references(view))


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)


def summary(reference: str, status=AssetStatus.LISTED, postcode: str = "TN14 6AD") -> AssetSummary:
    return AssetSummary(
        reference=reference,
        name=f"Asset {reference}",
        category=AssetCategory.PUB,
        status=status,
        authority="Sevenoaks District Council",
        authority_ref="AUTH-0001",
        jurisdiction=Jurisdiction.ENGLAND,
        address="The Street",
        postcode=postcode,
        uprn="",
    )


# loading


def test_name_and_title(view: AssetsView) -> None:
    assert view.name == "assets"
    assert view.title() == "Assets"


def test_every_asset_of_the_demo_is_a_row(view: AssetsView, demo_register: Register) -> None:
    expected = [a.reference for a in list_assets(demo_register, today=DEMO_DAY)]
    assert len(expected) == 14
    assert references(view) == expected  # opened sorted by reference
    assert view.count.text() == "14 of 14 assets"
    assert view.table.horizontalHeader().sortIndicatorSection() == COL_REFERENCE


def test_says_it_is_loading_until_the_assets_arrive(qtbot, context: AppContext) -> None:
    view = AssetsView(context)
    qtbot.addWidget(view)
    view.refresh()
    assert view.loading
    assert view.count.text() == "Loading assets…"
    loaded(qtbot, view)
    assert view.count.text() == "14 of 14 assets"


def test_an_empty_register(qtbot, register: Register) -> None:
    context = AppContext(register)
    view = AssetsView(context)
    qtbot.addWidget(view)
    view.refresh()
    loaded(qtbot, view)
    assert view.table.model().rowCount() == 0
    assert view.count.text() == "0 of 0 assets"
    assert [view.status_filter.itemText(i) for i in range(view.status_filter.count())] == ["All statuses"]


def test_a_failed_load_is_reported_and_not_left_loading(qtbot, context: AppContext, monkeypatch) -> None:
    def broken(register):
        raise AssetRegError("The register is damaged.")

    monkeypatch.setattr(assets_view, "list_assets", broken)
    view = AssetsView(context)
    qtbot.addWidget(view)
    view.refresh()
    loaded(qtbot, view)
    assert context.messages.errors == [("The assets could not be loaded", "The register is damaged.")]
    assert "Loading" not in view.count.text()


# searching


def test_search_by_part_of_a_name(view: AssetsView) -> None:
    assert search(view, "lion") == {"AST-0001"}
    assert search(view, "LION") == {"AST-0001"}
    assert view.count.text() == "1 of 14 assets"


def test_search_by_postcode(view: AssetsView) -> None:
    assert search(view, "sk4") == {"AST-0002"}
    assert search(view, "sk") == STOCKPORT
    assert search(view, "sk4 4ny") == {"AST-0002"}
    assert search(view, "sk44ny") == {"AST-0002"}  # typed without the space
    assert search(view, "tn14 6a") == {"AST-0001", "AST-0004", "AST-0011", "AST-0012"}


def test_search_by_uprn_digits(view: AssetsView) -> None:
    assert search(view, "100062045") == {"AST-0001"}
    assert search(view, "5023741") == {"AST-0003"}


def test_search_by_council(view: AssetsView) -> None:
    assert search(view, "camden") == CAMDEN
    assert search(view, "stockport metropolitan") == STOCKPORT


def test_search_by_address(view: AssetsView) -> None:
    assert search(view, "forge lane") == {"AST-0004"}
    assert search(view, "heaton moor") == {"AST-0002"}


def test_search_by_reference(view: AssetsView) -> None:
    assert search(view, "ast-0003") == {"AST-0003"}
    assert search(view, "AST-0011") == {"AST-0011"}


def test_words_match_in_any_order_and_apostrophes_are_optional(view: AssetsView) -> None:
    assert search(view, "lion red") == {"AST-0001"}
    assert search(view, "bulls head") == {"AST-0007"}
    assert search(view, "the street ashcombe") == {"AST-0001", "AST-0011"}


def test_typing_on_and_deleting_give_the_same_rows_as_a_fresh_search(view: AssetsView) -> None:
    for text in ("s", "st", "sto", "stoc", "stock", "stockp", "stock", "st", "s", ""):
        view.search.setText(text)
        fresh = AssetTableModel()
        fresh.set_assets(list_assets(view.context.register))
        fresh.sort(COL_REFERENCE)
        fresh.set_search(text)
        expected = [fresh.asset(row).reference for row in range(fresh.rowCount())]
        assert references(view) == expected, text
    assert len(references(view)) == 14


def test_no_match_says_so_in_the_count(view: AssetsView) -> None:
    assert search(view, "zzz") == set()
    assert view.count.text() == "0 of 14 assets"
    assert search(view, "") == set(references(view)) and len(references(view)) == 14


# filters


def test_filters_list_what_is_present_with_all_first(view: AssetsView) -> None:
    statuses = [view.status_filter.itemText(i) for i in range(view.status_filter.count())]
    assert statuses == [
        "All statuses",
        "Not nominated",
        "Draft nomination",
        "Nominated",
        "Listed",
        "Under review",
        "Interim moratorium",
        "Full moratorium",
        "Protected period",
        "Unsuccessful",
        "Expired",
    ]
    councils = [view.council_filter.itemText(i) for i in range(view.council_filter.count())]
    assert councils[0] == "All councils"
    assert councils[1:] == sorted(councils[1:]) and len(councils) == 7
    categories = [view.category_filter.itemText(i) for i in range(view.category_filter.count())]
    assert categories[0] == "All categories"
    assert "Pub" in categories and "Heritage" not in categories  # only the categories in use


def test_filters_combine_with_each_other_and_with_the_search(view: AssetsView) -> None:
    choose(view.status_filter, "Listed")
    assert set(references(view)) == {"AST-0003", "AST-0006", "AST-0008"}
    choose(view.council_filter, "Stockport Metropolitan Borough Council")
    assert set(references(view)) == {"AST-0006", "AST-0008"}
    assert search(view, "crown") == {"AST-0006"}
    assert view.count.text() == "1 of 14 assets"
    choose(view.status_filter, "All statuses")
    assert set(references(view)) == {"AST-0006"}
    assert search(view, "") == STOCKPORT


def test_category_filter(view: AssetsView) -> None:
    choose(view.category_filter, "Pub")
    assert set(references(view)) == {"AST-0001", "AST-0002", "AST-0006", "AST-0007", "AST-0008", "AST-0010"}
    assert search(view, "camden") == {"AST-0007", "AST-0010"}
    choose(view.status_filter, "Protected period")
    assert set(references(view)) == {"AST-0007"}


def test_clear_resets_search_and_filters(view: AssetsView) -> None:
    assert not view.clear_filters.isEnabled()
    choose(view.council_filter, "London Borough of Camden")
    view.search.setText("swan")
    assert view.clear_filters.isEnabled()
    view.clear_filters.click()
    assert view.search.text() == ""
    assert view.council_filter.currentIndex() == 0
    assert view.count.text() == "14 of 14 assets"
    assert not view.clear_filters.isEnabled()


# sorting


def test_sorted_by_reference_numerically(view: AssetsView, qtbot) -> None:
    view.table.sortByColumn(COL_REFERENCE, DESC)
    assert references(view)[:3] == ["AST-0014", "AST-0013", "AST-0012"]
    view.table.sortByColumn(COL_REFERENCE, ASC)
    assert references(view)[:3] == ["AST-0001", "AST-0002", "AST-0003"]

    model = AssetTableModel()
    model.set_assets([summary(r) for r in ("AST-10000", "AST-0002", "AST-9999", "AST-0010", "AST-100000")])
    model.sort(COL_REFERENCE, ASC)
    assert [model.asset(row).reference for row in range(5)] == [
        "AST-0002",
        "AST-0010",
        "AST-9999",
        "AST-10000",
        "AST-100000",
    ]


def test_sorted_by_status_in_life_cycle_order(view: AssetsView) -> None:
    view.table.sortByColumn(COL_STATUS, ASC)
    model = view.table.model()
    labels = [model.data(model.index(row, COL_STATUS)) for row in range(model.rowCount())]
    assert labels == [
        "Not nominated",
        "Not nominated",
        "Not nominated",
        "Draft nomination",
        "Nominated",
        "Listed",
        "Listed",
        "Listed",
        "Under review",
        "Interim moratorium",
        "Full moratorium",
        "Protected period",
        "Unsuccessful",
        "Expired",
    ]
    assert references(view)[:3] == ["AST-0012", "AST-0013", "AST-0014"]  # ties stay in reference order
    view.table.sortByColumn(COL_STATUS, DESC)
    assert model.data(model.index(0, COL_STATUS)) == "Expired"


def test_sorted_by_name_council_and_postcode(view: AssetsView) -> None:
    model = view.table.model()

    def column(col: int) -> list[str]:
        return [model.data(model.index(row, col)) for row in range(model.rowCount())]

    view.table.sortByColumn(COL_NAME, ASC)
    assert column(COL_NAME) == sorted(column(COL_NAME), key=str.casefold)
    view.table.sortByColumn(COL_COUNCIL, DESC)
    assert column(COL_COUNCIL) == sorted(column(COL_COUNCIL), key=str.casefold, reverse=True)
    view.table.sortByColumn(COL_POSTCODE, ASC)
    assert column(COL_POSTCODE)[:2] == ["IV27 4AB", "N6 6QX"]


def test_sorting_keeps_the_search(view: AssetsView) -> None:
    view.search.setText("sevenoaks")
    view.table.sortByColumn(COL_NAME, DESC)
    assert references(view) == ["AST-0001", "AST-0004", "AST-0012", "AST-0011"]
    assert view.search.text() == "sevenoaks"


def test_postcode_districts_sort_by_number() -> None:
    assert sorted(["SK10 1AA", "SK4 4NY", "SK1 2AB", "M1 1AA"], key=postcode_key) == [
        "M1 1AA",
        "SK1 2AB",
        "SK4 4NY",
        "SK10 1AA",
    ]


def test_search_words_and_narrowing() -> None:
    assert search_terms("  The  Bull's HEAD ") == ("the", "bulls", "head")
    assert narrows(("red", "li"), ("red", "l"))
    assert narrows(("red",), ())
    assert not narrows(("re",), ("red",))
    assert not narrows(("red",), ("red", "l"))


# roles and display


def test_entity_role_gives_the_summary(view: AssetsView, demo_register: Register) -> None:
    expected = {a.reference: a for a in list_assets(demo_register, today=DEMO_DAY)}
    model = view.table.model()
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            asset = model.data(model.index(row, col), ENTITY_ROLE)
            assert isinstance(asset, AssetSummary)
            assert asset == expected[model.data(model.index(row, COL_REFERENCE))]
    assert model.data(QModelIndex(), ENTITY_ROLE) is None


def test_sort_role_gives_raw_values(view: AssetsView) -> None:
    model = view.table.model()
    assert model.data(model.index(0, COL_REFERENCE), SORT_ROLE) == 1
    ranks = [model.data(model.index(row, COL_STATUS), SORT_ROLE) for row in range(model.rowCount())]
    assert all(isinstance(rank, int) for rank in ranks)


def test_status_has_words_and_an_icon_not_colour_alone(view: AssetsView) -> None:
    model = view.table.model()
    for row in range(model.rowCount()):
        index = model.index(row, COL_STATUS)
        asset = model.data(index, ENTITY_ROLE)
        assert model.data(index) == asset.status.label
        icon = model.data(index, Qt.ItemDataRole.DecorationRole)
        assert isinstance(icon, QIcon) and not icon.isNull()
        assert model.data(index, Qt.ItemDataRole.ForegroundRole) is None  # no colour coding
    model = AssetTableModel()
    model.set_assets([summary("AST-0001", NoticeStatus.INTERIM_MORATORIUM), summary("AST-0002")])
    warning = model.data(model.index(0, COL_STATUS), Qt.ItemDataRole.DecorationRole)
    listed = model.data(model.index(1, COL_STATUS), Qt.ItemDataRole.DecorationRole)
    assert warning.cacheKey() != listed.cacheKey()  # a moratorium does not look like a plain listing


def test_headings_fit_their_columns(view: AssetsView) -> None:
    header = view.table.horizontalHeader()
    metrics = header.fontMetrics()
    for col in range(view.model.columnCount()):
        heading = view.model.headerData(col, Qt.Orientation.Horizontal)
        assert header.sectionSize(col) > metrics.horizontalAdvance(heading), heading


# keyboard and opening a record


def test_enter_on_a_row_opens_it(qtbot, view: AssetsView) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(2, COL_NAME))
    with qtbot.waitSignal(view.open_record) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == ["AST-0003"]


def test_double_click_opens_a_row(qtbot, view: AssetsView) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.search.setText("swan")
    rect = view.table.visualRect(view.model.index(0, COL_NAME))
    with qtbot.waitSignal(view.open_record) as opened:
        # QTest's double click is only the second click: the first press comes before it, as with a real mouse.
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == ["AST-0010"]


def test_ctrl_f_focuses_the_search_and_down_goes_to_the_results(qtbot, view: AssetsView) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    qtbot.keyClicks(view.search, "camden")
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.table.hasFocus()
    assert view.model.asset(view.table.currentIndex().row()).reference == "AST-0003"


def test_escape_clears_the_search(qtbot, view: AssetsView) -> None:
    view.search.setText("lion")
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == ""
    assert len(references(view)) == 14


def test_the_chosen_asset_stays_chosen_while_searching(view: AssetsView) -> None:
    view.table.selectRow(2)
    view.search.setText("library")
    assert view.model.asset(view.table.currentIndex().row()).reference == "AST-0003"
    assert view.table.selectionModel().isRowSelected(view.table.currentIndex().row())


def test_tab_order_and_accessible_names(view: AssetsView) -> None:
    controls = [
        view.search,
        view.new_asset,
        view.status_filter,
        view.council_filter,
        view.category_filter,
        view.clear_filters,
        view.table,
    ]
    chain: list[QWidget] = []
    widget = view.search
    for _ in range(200):
        if widget in controls and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain == controls
    for control in controls:
        assert control.accessibleName(), control
    assert view.table.tabKeyNavigation() is False  # Tab leaves the table instead of walking its cells
    labels = {label.buddy() for label in view.findChildren(QLabel) if label.buddy()}
    assert labels == {view.status_filter, view.council_filter, view.category_filter}


# refreshing


def test_a_new_asset_appears_after_the_change_is_announced(qtbot, view: AssetsView, context: AppContext) -> None:
    view.search.setText("fox")
    assert references(view) == []
    changed = Records(context.register).create(
        e.Asset(name="The Fox and Hounds", authority_ref="AUTH-0001", address="Fox Lane", postcode="TN14 6AH")
    )
    assert changed.changes == Changes(frozenset({RecordKind.ASSET}))
    context.notify(changed.changes)
    assert view.loading
    loaded(qtbot, view)
    assert view.model.asset_count == 15
    assert references(view) == ["AST-0015"]  # the search typed before the refresh still applies
    assert view.count.text() == "1 of 15 assets"
    view.search.clear()
    assert len(references(view)) == 15


def test_changes_it_does_not_show_are_ignored(view: AssetsView, context: AppContext) -> None:
    assert not view.shows(Changes(frozenset({RecordKind.DOCUMENT})))
    assert not view.shows(Changes(frozenset({RecordKind.USER_DEADLINE, RecordKind.PARTY})))
    context.notify(Changes(frozenset({RecordKind.DOCUMENT})))
    assert not view.loading
    for kind in (
        RecordKind.ASSET,
        RecordKind.AUTHORITY,
        RecordKind.NOMINATION,
        RecordKind.LIST_ENTRY,
        RecordKind.CHALLENGE,
        RecordKind.DISPOSAL_NOTICE,
        RecordKind.BIDDER_REQUEST,
    ):
        assert view.shows(Changes(frozenset({kind, RecordKind.DOCUMENT}))), kind


def test_a_refresh_while_loading_loads_again(qtbot, view: AssetsView, monkeypatch) -> None:
    calls = []

    def counting(register):
        calls.append(1)
        return list_assets(register)

    monkeypatch.setattr(assets_view, "list_assets", counting)
    view.refresh()
    view.refresh()  # a second change arrives before the first load is back
    loaded(qtbot, view)
    qtbot.waitUntil(lambda: len(calls) == 2 and not view.loading, timeout=120_000)
    assert view.count.text() == "14 of 14 assets"


def test_a_chosen_filter_survives_a_refresh(qtbot, view: AssetsView) -> None:
    choose(view.council_filter, "Cornwall Council")
    view.refresh()
    loaded(qtbot, view)
    assert view.council_filter.currentText() == "Cornwall Council"
    assert set(references(view)) == {"AST-0005", "AST-0009"}


# adding an asset


def test_new_asset_opens_the_asset_form_and_the_saved_asset_opens(qtbot, view: AssetsView, context) -> None:
    assert view.new_asset.text() == "&New asset…" and view.new_asset.accessibleName() == "New asset"
    opened: list[str] = []
    view.open_record.connect(opened.append)
    view.new_asset.click()
    dialog = view.findChild(AssetDialog)
    assert dialog is not None and dialog.isModal() and dialog.windowTitle() == "New asset"
    qtbot.keyClicks(dialog.name, "The Fox and Hounds")
    dialog.council.set_value("AUTH-0001")
    qtbot.keyClicks(dialog.postcode, "TN14 6AH")
    dialog.save()
    assert opened == ["AST-0015"]
    loaded(qtbot, view)  # the register heard of the change
    assert view.model.asset_count == 15 and "AST-0015" in references(view)


def test_ctrl_n_opens_the_asset_form(qtbot, view: AssetsView) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = view.findChild(AssetDialog)
    assert dialog is not None and dialog.isVisible()
    # The form opened on the key press, so it has the Ctrl release; else Qt thinks Ctrl is still held.
    qtbot.keyRelease(dialog, Qt.Key.Key_Control)
    dialog.reject()  # cancelling writes nothing
    assert view.model.asset_count == 14


def test_deleting_the_last_asset_while_it_is_selected_leaves_the_list_whole(qtbot, view, context, caplog) -> None:
    # The list shrinks under its own selection (a delete, an undone import): the view asks which asset was
    # chosen as the reset is announced, and the model must still answer from the rows it had.
    last = len(references(view)) - 1
    view.table.selectRow(last)
    chosen = references(view)[last]
    changed = Records(context.register).delete(chosen)
    context.notify(changed.changes)
    loaded(qtbot, view)
    assert chosen not in references(view) and len(references(view)) == last
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
    model = view.table.model()
    assert all(model.data(model.index(row, COL_REFERENCE)) for row in range(model.rowCount()))
