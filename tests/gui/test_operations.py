"""One write, one operation: every change is one undo step and one ``data_changed`` notice naming what changed
and who started it; undo and redo notify once too, and every view showing the record refreshes."""

from __future__ import annotations

import gc
from datetime import date

import pytest
from PySide6.QtWidgets import QDialog, QWidget

from assetreg.domain import entities as e
from assetreg.domain.enums import AssetCategory, LegalForm, PartyKind
from assetreg.domain.errors import ValidationError
from assetreg.domain.records import RecordKind
from assetreg.gui.context import REDO, UNDO, AppContext, ChangeNotice
from assetreg.gui.forms.notice_form import DisposalNoticeDialog
from assetreg.gui.messages import Messages
from assetreg.gui.undo import undo_history
from assetreg.gui.views.asset_page import AssetPage
from assetreg.gui.views.assets_view import AssetsView
from assetreg.gui.views.contacts_view import ContactsView
from assetreg.gui.views.dashboard_view import DashboardView
from assetreg.gui.views.trash_view import TrashView
from assetreg.gui.widgets.form_widgets import NEW
from assetreg.services.records import Records
from assetreg.services.register import Register

NOTICE_RECEIVED = date(2025, 8, 31)


class QuietMessages(Messages):
    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))

    def info(self, parent, title: str, text: str) -> None:
        pass

    def confirm(self, parent, title: str, text: str) -> bool:
        return True


@pytest.fixture(autouse=True)
def collect_garbage_on_the_gui_thread():
    """Loads run on a worker thread; collect here so a collection there never frees another test's widgets."""
    gc.collect()
    yield
    gc.collect()


@pytest.fixture
def context(qtbot, register: Register) -> AppContext:
    return AppContext(register, QuietMessages())


@pytest.fixture
def pub(register: Register) -> str:
    """A listed pub of a council, with its freeholder: the asset's reference."""
    records = Records(register)
    council = records.create(e.Authority(name="Sevenoaks District Council")).value
    asset = records.create(
        e.Asset(name="The Red Lion", category=AssetCategory.PUB, authority_ref=council.reference)
    ).value
    records.create(e.ListEntry(asset_ref=asset.reference, entered_on=date(2024, 3, 1)))
    brewery = records.create(e.Party(name="Greene Valley Brewing", kind=PartyKind.ORGANISATION)).value
    records.create(e.Interest(asset_ref=asset.reference, party_ref=brewery.reference, role="freeholder"))
    records.create(e.CommunityGroup(name="Ashcombe Pub Society", legal_form=LegalForm.CHARITY, is_own_group=True))
    return asset.reference


def notices(context: AppContext) -> list[ChangeNotice]:
    seen: list[ChangeNotice] = []
    context.data_changed.connect(seen.append)
    return seen


def notice_with_a_new_owner(qtbot, context: AppContext, asset_ref: str) -> DisposalNoticeDialog:
    dialog = DisposalNoticeDialog(context, asset_ref)
    qtbot.addWidget(dialog)
    dialog.kind.buttons[0].click()
    dialog.vacant.buttons[0].click()
    dialog.owner.set_value(NEW)
    dialog.owner_name.setText("Ashcombe Estates Ltd")
    dialog.received_on.line.setText("31/08/2025")
    return dialog


def test_a_save_with_a_new_owner_is_one_notice_naming_what_changed_and_who(qtbot, context, pub) -> None:
    seen = notices(context)
    dialog = notice_with_a_new_owner(qtbot, context, pub)
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    notice, records = dialog.changed.value, Records(context.register)
    owner = notice.owner_ref
    (interest,) = [i for i in records.list(RecordKind.INTEREST) if i.party_ref == owner]
    assert records.get(owner).name == "Ashcombe Estates Ltd" and notice.received_on == NOTICE_RECEIVED
    # one notice for the party, its interest in the asset and the disposal notice: three records, one signal
    assert len(seen) == 1
    (said,) = seen
    assert said.kinds == {RecordKind.PARTY, RecordKind.INTEREST, RecordKind.DISPOSAL_NOTICE}
    assert said.references == {owner, interest.reference, notice.reference}
    assert said.initiator is dialog and said.via == ""
    history = undo_history(context)
    assert history.stack.count() == 1 and history.stack.undoText() == "recording a disposal notice"

    history.stack.undo()  # all three go to the trash together, told once
    assert len(seen) == 2 and seen[1].via == UNDO and seen[1].initiator is None
    assert seen[1].kinds == said.kinds and {owner, notice.reference} <= seen[1].references
    assert {n.reference for n in records.trash(RecordKind.DISPOSAL_NOTICE)} == {notice.reference}
    assert {p.reference for p in records.trash(RecordKind.PARTY)} == {owner}

    history.stack.redo()  # restoring the owner brings back what went with it; the rest of the step is then done
    assert len(seen) == 3 and seen[2].via == REDO and seen[2].kinds == said.kinds
    assert records.get(notice.reference).owner_ref == owner and records.get(owner).name == "Ashcombe Estates Ltd"
    assert records.get(interest.reference).party_ref == owner
    assert not context.messages.errors and history.stack.count() == 1 and history.stack.canUndo()
    history.stack.undo()  # and it can be undone again
    assert not context.messages.errors and not records.list(RecordKind.DISPOSAL_NOTICE)


def test_a_refused_save_writes_nothing_and_tells_nobody(qtbot, context, pub) -> None:
    seen = notices(context)
    dialog = notice_with_a_new_owner(qtbot, context, pub)
    dialog.sent_on.line.setText("05/09/2025")  # after the day it was received: refused before anything is written
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert seen == [] and undo_history(context).stack.count() == 0
    assert [p.name for p in Records(context.register).list(RecordKind.PARTY)] == ["Greene Valley Brewing"]


def test_a_plain_edit_is_its_own_operation_and_joins_an_open_one(context, pub) -> None:
    seen, history, starter = notices(context), undo_history(context), QWidget()
    history.update(pub, initiator=starter, name="The Red Lion Inn")
    assert len(seen) == 1 and seen[0].references == {pub} and seen[0].initiator is starter
    with history.operation("tidying up", initiator=starter) as operation:
        history.update(pub, postcode="TN13 1AA")  # the history's own methods join the open operation
        operation.create(e.Party(name="Ashcombe Estates Ltd"))
        context.notify(Records(context.register).update(pub, uprn="100062000000").changes)  # a service's own
    assert len(seen) == 2 and seen[1].kinds == {RecordKind.ASSET, RecordKind.PARTY}
    assert history.stack.count() == 2 and history.stack.undoText() == "tidying up"


def test_edits_made_before_an_error_are_still_one_step(context, pub) -> None:
    seen, history = notices(context), undo_history(context)
    with pytest.raises(ValidationError), history.operation("two edits, the second refused"):
        history.update(pub, name="The Red Lion Inn")
        history.update(pub, postcode="not a postcode")
    assert len(seen) == 1 and history.stack.count() == 1
    history.stack.undo()
    assert Records(context.register).get(pub).name == "The Red Lion"


def test_slow_work_runs_on_the_task_thread_and_is_one_step(qtbot, context, pub) -> None:
    import threading

    seen, history, threads, results = notices(context), undo_history(context), [], []

    def work(operation) -> str:
        threads.append(threading.current_thread())
        made = operation.create(e.Party(name="Ashcombe Estates Ltd"))
        operation.update(pub, name="The Red Lion Inn")
        return made.value.reference

    assert history.run("two edits off the GUI thread", work, done=results.append, in_background=True) is None
    qtbot.waitUntil(lambda: bool(results), timeout=60_000)
    assert threads[0] is not threading.main_thread()
    assert len(seen) == 1 and seen[0].kinds == {RecordKind.PARTY, RecordKind.ASSET}
    assert seen[0].references == {results[0], pub}
    history.stack.undo()
    records = Records(context.register)
    assert records.get(pub).name == "The Red Lion" and [p.reference for p in records.trash(RecordKind.PARTY)] == [
        results[0]
    ]


def settled(qtbot, *views) -> None:
    qtbot.waitUntil(lambda: not any(getattr(v, "loading", False) for v in views), timeout=120_000)


def test_every_view_refreshes_after_undo_and_redo_and_the_asset_page_is_never_empty(qtbot, context, pub) -> None:
    page, assets, contacts, trash, due = (
        AssetPage(context),
        AssetsView(context),
        ContactsView(context),
        TrashView(context),
        DashboardView(context),
    )
    views = (page, assets, contacts, trash, due)
    for view in views:
        qtbot.addWidget(view)
        view.refresh()
    page.show_asset(pub)
    settled(qtbot, *views)
    refreshed = {view: 0 for view in views}
    for view in views:
        view.refresh = (lambda v, original: lambda: (refreshed.__setitem__(v, refreshed[v] + 1), original())[1])(
            view, view.refresh
        )
    history, records = undo_history(context), Records(context.register)

    def shown_on_the_page() -> str:
        return page.detail.asset.name if page._stack.currentIndex() == 1 and page.detail else page._placeholder.text()

    history.delete(pub, initiator=page)  # deleted from its page: the page says where it went
    settled(qtbot, *views)
    assert "in the trash" in shown_on_the_page() and assets.count.text().startswith("0 ")
    assert [a.reference for a in records.trash(RecordKind.ASSET)] == [pub]
    history.restore(pub, initiator=trash)  # restored from the trash
    settled(qtbot, *views)
    assert shown_on_the_page() == "The Red Lion" and assets.count.text().startswith("1 ")
    before = dict(refreshed)

    for step in ("undo", "redo", "undo", "redo"):
        getattr(history.stack, step)()
        settled(qtbot, *views)
        # one notice, one refresh of each view that shows assets, their interests and the trash
        assert all(refreshed[v] == before[v] + 1 for v in views), (step, refreshed, before)
        before = dict(refreshed)
        if step == "undo":  # the restore taken back: in the trash again
            assert "in the trash" in shown_on_the_page() and assets.count.text().startswith("0 ")
        else:  # the restore made again: the asset is back on its page, never "There is no asset"
            assert shown_on_the_page() == "The Red Lion", shown_on_the_page()
            assert assets.count.text().startswith("1 ")
            assert not records.trash(RecordKind.ASSET)
    assert not context.messages.errors


def test_an_asset_saved_with_a_new_council_is_undone_and_redone_whole(qtbot, context) -> None:
    from assetreg.gui.forms.asset_form import AssetDialog

    seen, history, records = notices(context), undo_history(context), Records(context.register)
    dialog = AssetDialog(context)
    qtbot.addWidget(dialog)
    dialog.name.setText("Ashcombe Library")
    dialog.council.set_value(NEW)
    dialog.council_name.setText("Sevenoaks District Council")
    dialog.save()
    asset, council = dialog.changed.value.reference, dialog.changed.value.authority_ref
    assert len(seen) == 1 and seen[0].references == {asset, council} and seen[0].initiator is dialog
    for _ in range(2):
        history.stack.undo()
        assert [a.reference for a in records.trash(RecordKind.ASSET)] == [asset]
        history.stack.redo()  # the council comes back first, then the asset, never "is not in the trash"
        assert records.get(asset).authority_ref == council and records.get(council).name.startswith("Sevenoaks")
    assert not context.messages.errors and history.stack.count() == 1 and len(seen) == 5
