"""A case carried from start to finish through the app's own dialogs only (offscreen Qt), as a new user would:

(a) a council and an asset with its owner → our nomination → the council lists it → the owner's notice → our
request to bid → the asset page and What's due show the full moratorium in force with its end date;
(b) the notice's received date corrected through Edit notice moves every date; the asset deleted, restored from
the trash, and all of it undone and redone, with the page right after every step.
"""

from __future__ import annotations

import gc
from datetime import UTC, date, datetime

import pytest

from assetreg.domain import entities as e
from assetreg.domain.enums import LegalForm, NominationDecision
from assetreg.domain.records import RecordKind
from assetreg.gui.context import AppContext
from assetreg.gui.forms.asset_form import AssetDialog
from assetreg.gui.forms.interest_form import InterestDialog
from assetreg.gui.forms.listing_forms import DecisionDialog, NominationDialog
from assetreg.gui.forms.notice_form import DisposalNoticeDialog
from assetreg.gui.forms.request_form import BidderRequestDialog
from assetreg.gui.messages import Messages
from assetreg.gui.undo import undo_history
from assetreg.gui.views.asset_page import TAB_NOTICES, AssetPage
from assetreg.gui.views.dashboard_view import DashboardView
from assetreg.gui.views.trash_view import TrashView
from assetreg.gui.widgets.form_widgets import NEW
from assetreg.gui.widgets.timeline import FULL, INTERIM
from assetreg.services.records import Records
from assetreg.services.register import Register

LISTING_END = date(2029, 2, 28)  # five years from the entry on Fri 1 Mar 2024
INTERIM_END, FULL_END = date(2025, 10, 11), date(2026, 2, 28)  # notice received Sun 31 Aug 2025
CORRECTED_FULL_END = date(2026, 2, 25)  # received Tue 26 Aug 2025 instead


class AnsweringMessages(Messages):
    """Says yes to every question and keeps what was said."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.questions: list[str] = []

    def error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))

    def info(self, parent, title: str, text: str) -> None:
        pass

    def confirm(self, parent, title: str, text: str) -> bool:
        self.questions.append(text)
        return True


@pytest.fixture(autouse=True)
def collect_garbage_on_the_gui_thread():
    gc.collect()
    yield
    gc.collect()


@pytest.fixture
def context(register: Register):
    context = AppContext(register, AnsweringMessages())
    yield context
    context.tasks.wait()


def in_force(qtbot, dashboard: DashboardView) -> list[list[str]]:
    dashboard.refresh()
    dashboard.context.tasks.wait()
    qtbot.waitUntil(lambda: not dashboard.loading, timeout=10_000)
    proxy = dashboard.in_force.model()
    return [[proxy.data(proxy.index(r, c)) for c in range(3)] for r in range(proxy.rowCount())]


def opened(page: AssetPage, kind):
    (dialog,) = [d for d in page.findChildren(kind) if d.isVisible()]  # one closed earlier may await deletion
    return dialog


def type_date(qtbot, edit, text: str) -> None:
    edit.line.clear()
    qtbot.keyClicks(edit.line, text)


def saved(dialog, steps, stack) -> None:
    """Saves a form and checks it was accepted as exactly one undo step."""
    before = stack.count()
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted, {n: f.problem() for n, f in dialog.fields.items()}
    assert stack.count() == before + 1
    steps.append(stack.text(stack.count() - 1))


def a_listed_case_with_a_request(qtbot, context, page: AssetPage) -> list[str]:
    register = context.register
    stack = undo_history(context).stack
    steps: list[str] = []
    # There is no council form in this branch: the council goes in through Records.
    council = Records(register).create(e.Authority(name="Sevenoaks District Council")).value
    asset_form = AssetDialog(context, parent=page)
    qtbot.keyClicks(asset_form.name, "The Red Lion")
    asset_form.council.set_value(council.reference)
    saved(asset_form, steps, stack)
    asset = asset_form.changed.value
    page.show_asset(asset.reference)
    assert page.status_label.text() == "Not nominated"

    # The owner, typed in as a new party, becomes the asset's freeholder.
    page.people_tab.add_button.click()
    owner_form = opened(page, InterestDialog)
    owner_form.party.choice.set_value(NEW)
    qtbot.keyClicks(owner_form.party.new_name, "Greene Valley Brewing")
    saved(owner_form, steps, stack)
    assert page.detail_labels["people"].text() == "Greene Valley Brewing (freeholder)"

    # Our nomination, by a group typed in on the way.
    page.nominate_button.click()
    nomination_form = opened(page, NominationDialog)
    nomination_form.group.choice.set_value(NEW)
    qtbot.keyClicks(nomination_form.group.new_name, "Ashcombe Pub Society")
    nomination_form.group.new_type.set_value(LegalForm.CHARITY)
    qtbot.keyClicks(nomination_form.reasons, "The only pub in the village; the darts league meets here.")
    type_date(qtbot, nomination_form.received_on, "10/01/2024")
    saved(nomination_form, steps, stack)
    (nomination,) = page.nominations_model.rows()
    assert nomination.decision is NominationDecision.PENDING

    # The council's decision: listed, entered on the list the day it decided.
    page.decision_button.click()
    decision_form = opened(page, DecisionDialog)
    type_date(qtbot, decision_form.decided_on, "01/03/2024")
    assert decision_form.entered_on.text() == "01/03/2024"  # offered from the decision date
    type_date(qtbot, decision_form.notice_given_on, "04/03/2024")
    saved(decision_form, steps, stack)
    assert page.nominations_model.rows()[0].decision is NominationDecision.LISTED
    (entry,) = page.entries_model.rows()
    assert entry.entered_on == date(2024, 3, 1) and entry.nomination_ref == nomination.reference
    assert page.status_label.text() == "Listed" + page._left(LISTING_END)

    # The owner's notice: the owner is offered from the asset's freeholders.
    page.notice_button.click()
    notice_form = opened(page, DisposalNoticeDialog)
    assert notice_form.owner.currentText() == "Greene Valley Brewing (freeholder)"
    notice_form.kind.buttons[0].click()
    notice_form.vacant.buttons[0].click()
    type_date(qtbot, notice_form.received_on, "31/08/2025")
    saved(notice_form, steps, stack)
    assert page.tabs.currentIndex() == TAB_NOTICES

    # Our request to bid, from the notice's panel: our group is offered first.
    (panel,) = page.notice_panels
    panel.request_button.click()
    request_form = opened(page, BidderRequestDialog)
    assert request_form.group.currentText() == "Ashcombe Pub Society"
    type_date(qtbot, request_form.received_on, "10/09/2025")
    saved(request_form, steps, stack)
    assert page.timelines[0].model().period(INTERIM).end == INTERIM_END
    # Later, once the interim moratorium is over: Mon 1 Dec 2025.
    register.clock = lambda: datetime(2025, 12, 1, 10, 30, tzinfo=UTC)
    page.refresh()
    return steps


def full_moratorium_shown(qtbot, page: AssetPage, dashboard: DashboardView, end: date) -> None:
    from assetreg.domain.dates import format_date

    assert page.status_label.text().startswith("Full moratorium")
    assert f"(ends {format_date(end)})" in page.status_label.text()
    (timeline,) = page.timelines
    assert timeline.model().period(FULL).end == end
    assert ["Full moratorium", "The Red Lion (AST-0001)", format_date(end)] in in_force(qtbot, dashboard)


def test_a_case_from_nomination_to_full_moratorium(qtbot, context) -> None:
    page = AssetPage(context)
    qtbot.addWidget(page)
    dashboard = DashboardView(context)
    qtbot.addWidget(dashboard)
    steps = a_listed_case_with_a_request(qtbot, context, page)
    assert len(steps) == 6  # asset, owner, nomination, decision, notice, request: one undo step each
    assert page.status_label.text() == "Full moratorium — 89 days left (ends Sat 28 Feb 2026)"
    full_moratorium_shown(qtbot, page, dashboard, FULL_END)
    owner = Records(context.register).get(page.notice_panels[0].notice.owner_ref)
    assert owner.name == "Greene Valley Brewing"
    assert context.messages.errors == []


def test_correct_the_notice_delete_restore_undo_and_redo(qtbot, context) -> None:
    page = AssetPage(context)
    qtbot.addWidget(page)
    dashboard = DashboardView(context)
    qtbot.addWidget(dashboard)
    a_listed_case_with_a_request(qtbot, context, page)
    stack = undo_history(context).stack
    steps: list[str] = []

    # Edit notice…: the form opens filled in; the corrected day moves every date.
    page.notice_panels[0].edit_button.click()
    edit_form = opened(page, DisposalNoticeDialog)
    assert edit_form.received_on.text() == "31/08/2025" and edit_form.kind.value() is not None
    type_date(qtbot, edit_form.received_on, "26/08/2025")
    saved(edit_form, steps, stack)
    assert len(Records(context.register).list(RecordKind.DISPOSAL_NOTICE)) == 1  # corrected, not added
    full_moratorium_shown(qtbot, page, dashboard, CORRECTED_FULL_END)

    # Delete asset…: it asks, naming what goes with it, then says where the asset went.
    page.delete_button.click()
    assert "DN-0001" in context.messages.questions[-1] and "The Red Lion" in context.messages.questions[-1]
    assert "AST-0001" in page._placeholder.text() and page.trash_button.isVisibleTo(page)
    assert page.detail is None
    assert not any("AST-0001" in row[1] for row in in_force(qtbot, dashboard))

    # Restored from the trash view: the page shows it again, corrected dates and all.
    trash = TrashView(context)
    qtbot.addWidget(trash)
    trash.refresh()
    context.tasks.wait()
    qtbot.waitUntil(lambda: not trash.loading, timeout=10_000)
    trash.select_reference("AST-0001")
    trash._on_restore()
    assert page.detail is not None and page.detail.asset.reference == "AST-0001"
    full_moratorium_shown(qtbot, page, dashboard, CORRECTED_FULL_END)

    def deleted() -> None:
        assert page.detail is None and "in the trash" in page._placeholder.text()

    def shown(end: date) -> None:
        assert page.detail is not None and page.name_label.text() == "The Red Lion"
        full_moratorium_shown(qtbot, page, dashboard, end)

    # Undo the restore, the delete and the correction; then redo them all.
    for step, check in (
        (stack.undo, deleted),
        (stack.undo, lambda: shown(CORRECTED_FULL_END)),
        (stack.undo, lambda: shown(FULL_END)),
        (stack.redo, lambda: shown(CORRECTED_FULL_END)),
        (stack.redo, deleted),
        (stack.redo, lambda: shown(CORRECTED_FULL_END)),
    ):
        step()
        check()
    assert context.messages.errors == []
