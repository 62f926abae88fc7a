"""What's due's "In force now": every running moratorium, protected period and listing, with its end and days left.

A running moratorium is never "nothing due": the group can see at a glance what protects each asset today and
until when. The rows are the case account's (``Case.in_force``); nothing is worked out here.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QWidget

from ...domain.case import Case, InForce
from ...domain.dates import format_date
from ...domain.enums import Period
from .fitted_table import FittedTable, make_table
from .record_table import Column, RecordTableModel

COL_WHAT, COL_ASSET, COL_ENDS, COL_LEFT = range(4)


def _tr(text: str) -> str:
    return QCoreApplication.translate("InForceTable", text)


def days_left_text(days: int) -> str:
    if days == 0:
        return _tr("last day today")
    return _tr("1 day left") if days == 1 else _tr("{n} days left").format(n=days)


def _what(x: InForce) -> str:
    # Counted from the day the owner sent the notice, the council's received date not being known.
    return _tr("{period} (provisional)").format(period=x.period.label) if x.provisional else x.period.label


def _order(row: tuple[Case, InForce]) -> tuple[bool, date]:
    # Moratoria and protected periods before listings (which run for years), each soonest to end first.
    return row[1].period is Period.LISTING, row[1].ends_on


class InForceTable(FittedTable):
    """The things protecting land today; moratoria and protected periods first, then listings, soonest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(least=1, most=4, parent=parent)
        self.model_ = RecordTableModel(
            [
                Column(_tr("In force"), lambda row: _what(row[1]), _order),
                Column(_tr("Asset"), lambda row: f"{row[0].asset_name} ({row[0].asset_ref})"),
                Column(
                    _tr("Ends"),
                    lambda row: format_date(row[1].ends_on),
                    lambda row: row[1].ends_on,
                ),
                Column(
                    _tr("Time left"),
                    lambda row: days_left_text(row[1].days_left(row[0].day)),
                    lambda row: row[1].days_left(row[0].day),
                ),
            ],
            self,
        )
        make_table(self.model_, _tr("In force now"), COL_WHAT, self, COL_ASSET)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # On a small screen the dates below matter more: this table may shrink to one row and scroll.
        rows = self.verticalHeader().defaultSectionSize()
        height = self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth()
        return QSize(super().minimumSizeHint().width(), height)

    def set_rows(self, rows: list[tuple[Case, InForce]]) -> None:
        self.model_.set_rows(rows)

    def rows(self) -> list[tuple[Case, InForce]]:
        return self.model_.rows()
