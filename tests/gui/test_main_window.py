"""The placeholder register window and its asset table model, on the demo register (offscreen Qt)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QLabel, QTableView

from assetreg.domain.enums import AssetCategory, Jurisdiction
from assetreg.domain.status import AssetStatus, NoticeStatus
from assetreg.gui.application import MainWindow
from assetreg.gui.asset_table import (
    COL_CATEGORY,
    COL_COUNCIL,
    COL_NAME,
    COL_POSTCODE,
    COL_REFERENCE,
    COL_STATUS,
    ENTITY_ROLE,
    SORT_ROLE,
    AssetTableModel,
)
from assetreg.services.assets import AssetSummary, list_assets
from assetreg.services.demo import write_demo_register
from assetreg.services.register import Register

DEMO_DAY = date(2025, 9, 15)
FIXED_NOW = datetime(2025, 9, 15, 10, 30, tzinfo=UTC)
DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo register as of Mon 15 Sep 2025, written once; tests only read it."""
    path = tmp_path_factory.mktemp("gui-demo") / "demo.assetreg"
    write_demo_register(path, today=DEMO_DAY)
    return path


@pytest.fixture
def demo_register(demo_path: Path):
    register = Register.open(demo_path)
    register.clock = lambda: FIXED_NOW
    yield register
    register.close()


@pytest.fixture
def window(qtbot, demo_register: Register) -> MainWindow:
    window = MainWindow(demo_register)
    qtbot.addWidget(window)
    return window


def table(window: MainWindow) -> QTableView:
    view = window.findChild(QTableView)
    assert view is not None
    return view


def source_model(window: MainWindow) -> AssetTableModel:
    proxy = table(window).model()
    assert isinstance(proxy, QSortFilterProxyModel)
    model = proxy.sourceModel()
    assert isinstance(model, AssetTableModel)
    return model


def column(model, col: int, role=DISPLAY) -> list:
    return [model.data(model.index(row, col), role) for row in range(model.rowCount())]


def summary(reference: str, status=AssetStatus.LISTED, name: str = "") -> AssetSummary:
    return AssetSummary(
        reference=reference,
        name=name or f"Asset {reference}",
        category=AssetCategory.PUB,
        status=status,
        authority="Sevenoaks District Council",
        authority_ref="AUTH-0001",
        jurisdiction=Jurisdiction.ENGLAND,
        address="The Street",
        postcode="TN14 6AD",
        uprn="",
    )


def test_one_row_per_asset(window: MainWindow, demo_register: Register) -> None:
    assets = list_assets(demo_register, today=DEMO_DAY)
    assert len(assets) >= 12
    assert source_model(window).rowCount() == len(assets)
    assert table(window).model().rowCount() == len(assets)
    assert source_model(window).columnCount() == 6


def test_headings(window: MainWindow) -> None:
    model = source_model(window)
    headings = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headings == ["Reference", "Name", "Status", "Council", "Postcode", "Category"]


def test_status_column_shows_labels(window: MainWindow, demo_register: Register) -> None:
    model = source_model(window)
    labels = column(model, COL_STATUS)
    assert "Interim moratorium" in labels
    assert "Full moratorium" in labels
    assert "Listed" in labels and "Expired" in labels and "Unsuccessful" in labels
    assert not any("-" in label for label in labels), labels  # labels, not codes like "interim-moratorium"
    expected = {a.reference: a.status.label for a in list_assets(demo_register, today=DEMO_DAY)}
    assert dict(zip(column(model, COL_REFERENCE), labels, strict=True)) == expected


def test_row_cells_match_the_summary(window: MainWindow) -> None:
    model = source_model(window)
    for row in range(model.rowCount()):
        asset = model.data(model.index(row, 0), ENTITY_ROLE)
        cells = [model.data(model.index(row, c)) for c in range(model.columnCount())]
        assert cells[COL_REFERENCE] == asset.reference
        assert cells[COL_NAME] == asset.name
        assert cells[COL_COUNCIL] == asset.authority
        assert cells[COL_POSTCODE] == asset.postcode
        assert cells[COL_CATEGORY] == asset.category.label


def test_sorted_by_reference_numerically_through_the_proxy(window: MainWindow) -> None:
    proxy = table(window).model()
    proxy.sort(COL_REFERENCE, Qt.SortOrder.AscendingOrder)
    references = column(proxy, COL_REFERENCE)
    assert references.index("AST-0002") < references.index("AST-0010")
    assert references == sorted(references, key=lambda r: int(r.split("-")[1]))

    proxy.sort(COL_REFERENCE, Qt.SortOrder.DescendingOrder)
    references = column(proxy, COL_REFERENCE)
    assert references.index("AST-0010") < references.index("AST-0002")
    assert references[0] == max(references, key=lambda r: int(r.split("-")[1]))


def test_window_opens_sorted_by_reference(window: MainWindow) -> None:
    references = column(table(window).model(), COL_REFERENCE)
    assert references[0] == "AST-0001"
    assert references == sorted(references, key=lambda r: int(r.split("-")[1]))


def test_reference_sort_is_numeric_beyond_four_digits(qtbot) -> None:
    """AST-10000 follows AST-9999, which a plain text sort would get wrong."""
    model = AssetTableModel()
    model.set_assets([summary(r) for r in ("AST-10000", "AST-0002", "AST-9999", "AST-0010", "AST-100000")])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(COL_REFERENCE, Qt.SortOrder.AscendingOrder)
    assert column(proxy, COL_REFERENCE) == ["AST-0002", "AST-0010", "AST-9999", "AST-10000", "AST-100000"]
    assert column(model, COL_REFERENCE, SORT_ROLE) == [10000, 2, 9999, 10, 100000]


def test_window_title_names_the_register(window: MainWindow, demo_path: Path) -> None:
    assert demo_path.name in window.windowTitle()
    assert "AssetReg" in window.windowTitle()


def test_count_label(window: MainWindow, demo_path: Path) -> None:
    texts = [label.text() for label in window.findChildren(QLabel)]
    rows = source_model(window).rowCount()
    assert any(str(rows) in text and str(demo_path) in text for text in texts), texts
    assert not any("%n" in text or "%1" in text for text in texts), texts


def test_entity_role_returns_the_summary(qtbot) -> None:
    rows = [summary("AST-0001", NoticeStatus.INTERIM_MORATORIUM), summary("AST-0002", AssetStatus.EXPIRED)]
    model = AssetTableModel()
    model.set_assets(rows)
    for row, expected in enumerate(rows):
        for col in range(model.columnCount()):
            assert model.data(model.index(row, col), ENTITY_ROLE) is expected
    assert model.data(model.index(0, COL_STATUS)) == "Interim moratorium"
    assert model.data(QModelIndex(), ENTITY_ROLE) is None


def test_entity_role_on_the_demo_through_the_proxy(window: MainWindow, demo_register: Register) -> None:
    expected = {a.reference: a for a in list_assets(demo_register, today=DEMO_DAY)}
    proxy = table(window).model()
    for row in range(proxy.rowCount()):
        asset = proxy.data(proxy.index(row, COL_NAME), ENTITY_ROLE)
        assert isinstance(asset, AssetSummary)
        assert asset == expected[asset.reference]
        assert proxy.data(proxy.index(row, COL_REFERENCE)) == asset.reference


def test_refresh_keeps_one_row_per_asset(window: MainWindow) -> None:
    before = source_model(window).rowCount()
    window.refresh()
    assert source_model(window).rowCount() == before


def test_empty_register(qtbot, register) -> None:
    window = MainWindow(register)
    qtbot.addWidget(window)
    assert source_model(window).rowCount() == 0
    assert register.path.name in window.windowTitle()
