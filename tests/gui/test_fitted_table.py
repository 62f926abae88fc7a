"""Short lists are drawn as tall as their rows: a table of one row is not a tall empty box."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from assetreg.gui.tables.fitted_table import FittedTable, make_table


def rows_model(count: int) -> QStandardItemModel:
    model = QStandardItemModel(0, 2)
    model.setHorizontalHeaderLabels(["Received", "Notes"])
    for row in range(count):
        model.appendRow([QStandardItem(f"0{row + 1}/09/2025"), QStandardItem("Nominated by the parish council")])
    return model


def page_with(table: FittedTable) -> QWidget:
    """A page much taller than the table, the table its only stretching part: it must not take the spare height."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(QLabel("Nominations"))
    layout.addWidget(table, 1)
    page.resize(900, 700)
    return page


def test_a_one_row_table_is_as_tall_as_its_header_and_its_row(qtbot):
    model = rows_model(1)
    table = make_table(model, "Nominations", 0, FittedTable(1), 1)
    page = page_with(table)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    row = table.rowHeight(0)
    expected = table.horizontalHeader().height() + row + 2 * table.frameWidth()
    assert row > 0
    assert abs(table.height() - expected) <= 2, (table.height(), expected)
    assert table.height() < 3 * row + table.horizontalHeader().height()  # nowhere near the 170-odd pixels


def test_a_table_grows_with_its_rows_up_to_its_most_then_scrolls(qtbot):
    model = rows_model(1)
    table = make_table(model, "Nominations", 0, FittedTable(1, 4), 1)
    page = page_with(table)
    qtbot.addWidget(page)
    page.show()
    one = table.height()
    for row in range(1, 10):
        model.appendRow([QStandardItem(f"{row + 10}/09/2025"), QStandardItem("Another")])
    qtbot.waitUntil(lambda: table.height() > one)
    header = table.horizontalHeader().height() + 2 * table.frameWidth()
    assert abs(table.height() - (header + 4 * table.rowHeight(0))) <= 2
    assert table.verticalScrollBar().maximum() > 0


def test_the_asset_pages_one_row_lists_are_not_tall_empty_boxes(qtbot, tmp_path):
    from datetime import date

    from assetreg.gui.context import AppContext
    from assetreg.gui.views.asset_page import AssetPage
    from assetreg.services.demo import write_demo_register
    from assetreg.services.register import Register

    path = tmp_path / "demo.assetreg"
    write_demo_register(path, today=date(2025, 9, 15))
    with Register.open(path) as register:
        context = AppContext(register)
        page = AssetPage(context)
        qtbot.addWidget(page)
        page.resize(1200, 900)
        page.show()
        page.show_asset("AST-0005")
        context.tasks.wait()
        qtbot.waitUntil(lambda: not page.loading and page.nominations_view.model().rowCount() == 1, timeout=120_000)
        page.tabs.setCurrentIndex(0)
        qtbot.wait(50)
        for table in (page.nominations_view, page.entries_view):
            assert table.model().rowCount() == 1
            one_row = table.horizontalHeader().height() + table.rowHeight(0) + 2 * table.frameWidth()
            assert table.height() <= one_row + 2, (table.accessibleName(), table.height(), one_row)
        context.tasks.wait()


def test_a_table_sorts_by_raw_value_keeps_the_chosen_row_and_sorts_new_rows_alike(qtbot):
    from datetime import date

    from PySide6.QtCore import Qt

    from assetreg.gui.display import ENTITY_ROLE
    from assetreg.gui.tables.record_table import Column, RecordTableModel

    model = RecordTableModel(
        [
            Column("Name", lambda row: row[0]),
            Column("Ends", lambda row: str(row[1] or ""), lambda row: row[1]),  # a date, or nothing
        ]
    )
    model.set_rows([("Bell", date(2026, 3, 1)), ("Anchor", date(2025, 12, 24)), ("Crown", None)])
    table = make_table(model, "Listings", 0, FittedTable(1, 4), 0)
    qtbot.addWidget(table)
    names = lambda: [table.model().index(r, 0).data(ENTITY_ROLE)[0] for r in range(3)]  # noqa: E731
    assert names() == ["Anchor", "Bell", "Crown"]
    table.selectRow(1)  # the Bell
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert names() == ["Crown", "Bell", "Anchor"]
    assert table.selectionModel().selectedRows()[0].data(ENTITY_ROLE)[0] == "Bell"
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # dates and a missing one: ordered as their text
    assert names() == ["Crown", "Anchor", "Bell"]
    model.set_rows([("Dog", date(2020, 1, 1)), ("Eagle", date(2019, 5, 5)), ("Fox", date(2030, 1, 1))])
    assert names() == ["Eagle", "Dog", "Fox"]  # the rows set later come in the order chosen
