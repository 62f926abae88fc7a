"""One path through the app on a fresh register, as a community group would take it (offscreen Qt):

add an asset (typing in its council) → the council lists it → record the owner's disposal notice, received
Sun 31 Aug 2025 → record a charity's request to bid, received Wed 10 Sep 2025 → the dashboard and the asset page
show the interim moratorium ending Sat 11 Oct 2025 and the full moratorium ending Sat 28 Feb 2026.

Everything is entered through the forms except the listing, which has no form yet.
"""

from __future__ import annotations

import gc
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt

from assetreg.domain import entities as e
from assetreg.domain.enums import LegalForm
from assetreg.gui.context import AppContext
from assetreg.gui.display import ENTITY_ROLE
from assetreg.gui.forms.asset_form import AssetDialog
from assetreg.gui.forms.notice_form import DisposalNoticeDialog
from assetreg.gui.forms.request_form import BidderRequestDialog
from assetreg.gui.messages import Messages
from assetreg.gui.tables.deadline_table import COL_WHEN, LATER
from assetreg.gui.views.asset_page import DUE_DATE, DUE_WHAT, TAB_NOTICES, AssetPage
from assetreg.gui.views.assets_view import AssetsView
from assetreg.gui.views.dashboard_view import DashboardView
from assetreg.gui.widgets.form_widgets import GOOD, INFO, NEW
from assetreg.gui.widgets.timeline import FULL, INTERIM
from assetreg.services.records import Records
from assetreg.services.register import Register

INTERIM_END, FULL_END = date(2025, 10, 11), date(2026, 2, 28)


class StubMessages(Messages):
    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []

    def error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))

    def info(self, parent, title: str, text: str) -> None:
        self.infos.append((title, text))


@pytest.fixture(autouse=True)
def collect_garbage_on_the_gui_thread():
    """Loads run on a worker thread; collect here so a collection there never frees Qt objects (a crash)."""
    gc.collect()
    yield
    gc.collect()


@pytest.fixture
def context(register: Register):
    context = AppContext(register, StubMessages())
    yield context
    context.tasks.wait()


def loaded(qtbot, dashboard: DashboardView) -> DashboardView:
    dashboard.context.tasks.wait()
    qtbot.waitUntil(lambda: not dashboard.loading, timeout=120_000)
    return dashboard


def dates_shown(dashboard: DashboardView, section: int) -> list[tuple[str, date, str]]:
    """(rule, date, the words in the When column) of each row of a dashboard section."""
    proxy = dashboard.tables[section].model()
    rows = []
    for row in range(proxy.rowCount()):
        index = proxy.index(row, COL_WHEN)
        item = index.data(ENTITY_ROLE)
        rows.append((item.code, item.date, index.data()))
    return rows


def test_asset_notice_and_request_give_the_interim_and_full_moratorium(qtbot, register: Register, context) -> None:
    assert register.today() == date(2025, 9, 15)  # Mon 15 Sep 2025
    dashboard = DashboardView(context)
    qtbot.addWidget(dashboard)
    dashboard.refresh()
    assert dates_shown(loaded(qtbot, dashboard), LATER) == []  # an empty register has nothing due

    # 1. A new asset from the register's "New asset…" button; its council is typed in on the way.
    assets = AssetsView(context)
    qtbot.addWidget(assets)
    opened: list[str] = []
    assets.open_record.connect(opened.append)
    assets.new_asset.click()
    asset_form = assets.findChild(AssetDialog)
    assert asset_form is not None and asset_form.isVisible() and asset_form.isModal()
    qtbot.keyClicks(asset_form.name, "The Red Lion")
    asset_form.council.set_value(NEW)
    qtbot.keyClicks(asset_form.council_name, "Sevenoaks District Council")
    qtbot.keyClicks(asset_form.postcode, "tn14 6ad")
    asset_form.save()
    assert asset_form.result() == AssetDialog.DialogCode.Accepted
    asset = asset_form.changed.value
    assert opened == [asset.reference] == ["AST-0001"]  # the new asset opens on its own page
    assert Records(register).get(asset.authority_ref).name == "Sevenoaks District Council"

    # 2. The council lists it (no form for listings yet).
    listing = Records(register).create(e.ListEntry(asset_ref=asset.reference, entered_on=date(2024, 3, 1)))
    context.notify(listing.changes)

    # 3. The owner's notice, from the asset page: the questions first, then the day the council received it.
    page = AssetPage(context)
    qtbot.addWidget(page)
    page.show_asset(asset.reference)
    assert page.status_label.text() == "Listed" + page._left(date(2029, 2, 28))
    page.notice_button.click()
    notice_form = page.findChild(DisposalNoticeDialog)
    assert notice_form is not None and notice_form.isVisible()
    notice_form.kind.buttons[0].click()  # the freehold
    notice_form.vacant.buttons[0].click()  # with vacant possession
    qtbot.keyClicks(notice_form.received_on.line, "31/08/2025")
    assert notice_form.received_on.read_back.text() == "Sun 31 Aug 2025"
    assert notice_form.relevance.kind == GOOD
    assert "Sat 11 Oct 2025" in notice_form.dates_note.text()
    notice_form.save()
    assert notice_form.result() == DisposalNoticeDialog.DialogCode.Accepted
    assert page.tabs.currentIndex() == TAB_NOTICES
    (panel,) = page.notice_panels
    assert "Interim moratorium" in page.status_label.text()
    assert page.timelines[0].model().period(INTERIM).end == INTERIM_END
    # The dashboard heard of the change and worked its dates out again.
    interim = [row for row in dates_shown(loaded(qtbot, dashboard), LATER) if row[0] == "ACV-IMP-END"]
    assert interim == [("ACV-IMP-END", INTERIM_END, "Sat 11 Oct 2025 · in 26 days")]

    # 4. A charity's request to be treated as a potential bidder, from the notice's own panel.
    panel.request_button.click()
    request_form = page.findChild(BidderRequestDialog)
    assert request_form is not None and request_form.group.value() == NEW  # no group in the register yet
    qtbot.keyClicks(request_form.group_name, "Ashcombe Community Pub Society")
    request_form.group_type.set_value(LegalForm.CHARITY)
    qtbot.keyClicks(request_form.received_on.line, "10/09/2025")
    # It counts, if the society is a community interest group: its local connection is not recorded yet.
    verdict = (
        "The request was received on Wed 10 Sep 2025, during the interim moratorium that ends on Sat 11 Oct 2025, "
        "so the full moratorium applies. That holds only if the group is a community interest group (reg 12), "
        "which the register does not fully show: The group's local connection with the land is not recorded "
        "(reg 4): record how its activities are connected with the land's area."
    )
    assert (request_form.warning.kind, request_form.warning.text()) == (INFO, verdict)
    request_form.save()
    assert request_form.result() == BidderRequestDialog.DialogCode.Accepted
    ((title, said),) = context.messages.infos
    assert title == "Request recorded" and said == verdict  # the form said before saving what the case says
    (timeline,) = page.timelines
    assert timeline.model().period(FULL).end == FULL_END
    coming = page.coming_view.model()
    rows = [(coming.index(r, DUE_WHAT).data(), coming.index(r, DUE_DATE).data()) for r in range(coming.rowCount())]
    assert ("Full moratorium ends", "Sat 28 Feb 2026") in rows  # no longer "if a request counts"
    # The request is in, so the interim end is no longer a date to act on; the full moratorium's end is months off.
    assert [row[0] for row in dates_shown(loaded(qtbot, dashboard), LATER)] == []

    # 5. Later, once the interim moratorium is over: Mon 1 Dec 2025.
    register.clock = lambda: datetime(2025, 12, 1, 10, 30, tzinfo=UTC)
    page.refresh()
    assert page.status_label.text() == "Full moratorium — 89 days left (ends Sat 28 Feb 2026)"
    assert page.notice_panels[0].title().startswith("DN-0001 · received by the council Sun 31 Aug 2025")
    dashboard.refresh()
    full = [row for row in dates_shown(loaded(qtbot, dashboard), LATER) if row[0] == "ACV-FMP-END"]
    assert full == [("ACV-FMP-END", FULL_END, "Sat 28 Feb 2026 · in 89 days")]
    assert context.messages.errors == []


def test_the_actions_are_reachable_from_the_keyboard(qtbot, register: Register, context) -> None:
    """Ctrl+N on the register and the page's mnemonics (Alt+E, Alt+D, Alt+B) open the forms."""
    records = Records(register)
    asset = records.create(e.Asset(name="The Red Lion")).value
    records.create(e.ListEntry(asset_ref=asset.reference, entered_on=date(2024, 3, 1)))
    records.create(e.DisposalNotice(asset_ref=asset.reference, received_on=date(2025, 8, 31)))
    assets = AssetsView(context)
    qtbot.addWidget(assets)
    assets.show()
    qtbot.waitExposed(assets)
    assets.activateWindow()
    assets.search.setFocus()
    qtbot.waitUntil(assets.search.hasFocus)
    qtbot.keyClick(assets.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = assets.findChild(AssetDialog)
    assert dialog is not None
    # The form opened on the key press, so it has the Ctrl release; else Qt thinks Ctrl is still held.
    qtbot.keyRelease(dialog, Qt.Key.Key_Control)
    dialog.reject()
    page = AssetPage(context)
    qtbot.addWidget(page)
    page.show_asset(asset.reference)
    for button, mnemonic in (
        (page.edit_button, "Ed&it details…"),
        (page.notice_button, "Record a &disposal notice…"),
        (page.notice_panels[0].request_button, "Record a request to &bid…"),
    ):
        assert button.text() == mnemonic
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
