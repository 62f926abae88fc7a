"""The trash (deleted records, restored with Enter or a button) and undo/redo of edits through the shared stack."""

from __future__ import annotations

import gc
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from assetreg.domain import entities as e
from assetreg.domain.enums import MarkState
from assetreg.domain.errors import NotFoundError, ValidationError
from assetreg.domain.records import RecordKind
from assetreg.gui.context import AppContext
from assetreg.gui.messages import Messages
from assetreg.gui.undo import UNDO_LIMIT, undo_history
from assetreg.gui.views.trash_view import (
    TRASH_DELETED,
    TRASH_KIND,
    TRASH_NAME,
    TRASH_PART_OF,
    TRASH_REFERENCE,
    TrashView,
)
from assetreg.services.records import Records


class RecordingMessages(Messages):
    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))


@pytest.fixture(autouse=True)
def collect_garbage_on_the_gui_thread():
    """Loads run on a worker thread; collect here so a collection there never frees another test's widgets."""
    gc.collect()
    yield
    gc.collect()


@pytest.fixture
def messages():
    return RecordingMessages()


@pytest.fixture
def context(qtbot, register, messages):
    return AppContext(register, messages)


@pytest.fixture
def records(register):
    return Records(register)


@pytest.fixture
def red_lion(records):
    asset = records.create(e.Asset(name="The Red Lion", postcode="SK1 1AA")).value
    notice = records.create(e.DisposalNotice(asset_ref=asset.reference, received_on=date(2025, 9, 1))).value
    return asset, notice


def changes_seen(context) -> list:
    seen = []
    context.data_changed.connect(seen.append)
    return seen


def loaded(qtbot, view: TrashView) -> TrashView:
    view.refresh()
    qtbot.waitUntil(lambda: not view.loading, timeout=120_000)
    return view


def cell(view: TrashView, row: int, column: int) -> str:
    return view.proxy.index(row, column).data()


# the trash


def test_the_trash_lists_a_deleted_asset_and_what_went_with_it(qtbot, context, records, red_lion):
    asset, notice = red_lion
    records.delete(asset.reference)
    view = loaded(qtbot, TrashView(context))
    qtbot.addWidget(view)
    assert view.name == "trash" and view.title() == "Trash"
    rows = {cell(view, r, TRASH_REFERENCE): r for r in range(view.proxy.rowCount())}
    assert set(rows) == {"AST-0001", "DN-0001"}
    first = rows["AST-0001"]
    assert cell(view, first, TRASH_KIND) == "Asset"
    assert cell(view, first, TRASH_NAME) == "The Red Lion"
    assert cell(view, first, TRASH_DELETED) == "Mon 15 Sep 2025 " + datetime(
        2025, 9, 15, 10, 30, tzinfo=UTC
    ).astimezone().strftime("%H:%M")
    assert cell(view, rows["DN-0001"], TRASH_KIND) == "Disposal notice"
    assert cell(view, rows["DN-0001"], TRASH_PART_OF) == "AST-0001"
    assert cell(view, rows["DN-0001"], TRASH_NAME) == "for The Red Lion"  # a notice has no name of its own
    assert [cell(view, r, TRASH_REFERENCE) for r in range(2)] == ["AST-0001", "DN-0001"]  # parents first
    assert view.count.text() == "2 deleted records"
    assert view.restore_button.isEnabled()


def test_a_cleared_pack_answer_is_named_by_its_section_and_application(qtbot, context, records, register):
    from assetreg.services.applications import save_pack_answer

    council = records.create(e.Authority(name="Sevenoaks District Council")).value.reference
    asset = records.create(e.Asset(name="Ashcombe Youth Centre")).value.reference
    application = records.create(e.TransferApplication(asset_ref=asset, authority_ref=council)).value.reference
    save_pack_answer(register, application, "need-and-support", "312 of 353 households would use it weekly.")
    save_pack_answer(register, application, "need-and-support", "")
    view = loaded(qtbot, TrashView(context))
    qtbot.addWidget(view)
    assert [cell(view, 0, c) for c in (TRASH_REFERENCE, TRASH_KIND, TRASH_NAME)] == [
        "ANS-0001",
        "Pack answer",
        "Evidence of need and support · TA-0001",
    ]


def test_restore_brings_a_record_back_and_notifies(qtbot, context, records, red_lion):
    asset, notice = red_lion
    records.delete(asset.reference)
    view = loaded(qtbot, TrashView(context))
    qtbot.addWidget(view)
    seen = changes_seen(context)
    view.select_reference("AST-0001")
    qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert records.get("AST-0001").name == "The Red Lion"
    assert records.get("DN-0001").asset_ref == "AST-0001"  # deleted along with it, so restored with it
    assert seen and {RecordKind.ASSET, RecordKind.DISPOSAL_NOTICE} <= seen[-1].kinds
    qtbot.waitUntil(lambda: not view.loading, timeout=120_000)
    assert view.model.rowCount() == 0
    assert view.empty.isVisibleTo(view) and not view.table.isVisibleTo(view)


def test_enter_restores_the_chosen_record(qtbot, context, records, red_lion):
    records.delete(red_lion[0].reference)
    view = loaded(qtbot, TrashView(context))
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
    view.select_reference("AST-0001")
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert records.get("AST-0001").name == "The Red Lion"
    assert undo_history(context).stack.count() == 1  # restored once, not twice


def test_a_single_click_only_chooses(qtbot, context, records, red_lion):
    records.delete(red_lion[0].reference)
    view = loaded(qtbot, TrashView(context))
    qtbot.addWidget(view)
    view.show()
    rect = view.table.visualRect(view.proxy.index(1, TRASH_NAME))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.selected().reference == cell(view, 1, TRASH_REFERENCE)
    assert len(records.trash(RecordKind.ASSET)) == 1


def test_a_refused_restore_is_explained_and_nothing_changes(qtbot, context, records, messages, red_lion):
    records.delete(red_lion[0].reference)
    view = loaded(qtbot, TrashView(context))
    qtbot.addWidget(view)
    seen = changes_seen(context)
    view.select_reference("DN-0001")
    view.restore_button.click()
    ((title, text),) = messages.errors
    assert title == "DN-0001 was not restored"
    assert "AST-0001, which is deleted; restore AST-0001 instead" in text
    assert records.trash(RecordKind.DISPOSAL_NOTICE)[0].reference == "DN-0001"
    assert not seen
    assert not undo_history(context).stack.canUndo()


def test_an_empty_trash_says_so(qtbot, context):
    view = loaded(qtbot, TrashView(context))
    qtbot.addWidget(view)
    assert view.count.text() == ""
    assert view.empty.text() == "The trash is empty."
    assert view.empty.isVisibleTo(view)
    assert not view.restore_button.isEnabled()


def test_a_restore_from_the_trash_can_be_undone(qtbot, context, records, red_lion):
    records.delete(red_lion[0].reference)
    view = loaded(qtbot, TrashView(context))
    qtbot.addWidget(view)
    view.select_reference("AST-0001")
    view.restore_button.click()
    stack = undo_history(context).stack
    assert stack.undoText() == "restoring The Red Lion"
    stack.undo()
    assert {x.reference for x in records.trash(RecordKind.ASSET)} == {"AST-0001"}
    assert {x.reference for x in records.trash(RecordKind.DISPOSAL_NOTICE)} == {"DN-0001"}


# undo and redo


def test_one_history_per_context(context, register):
    history = undo_history(context)
    assert undo_history(context) is history
    assert isinstance(history.stack, QUndoStack)
    assert history.stack.undoLimit() == UNDO_LIMIT
    assert undo_history(AppContext(register)) is not history


def test_an_update_is_undone_and_redone_exactly(qtbot, context, records, red_lion):
    asset, _ = red_lion
    history = undo_history(context)
    seen = changes_seen(context)
    history.update(asset.reference, name="The Red Lion Inn", postcode="sk1 2bb")
    changed = records.get("AST-0001")
    assert (changed.name, changed.postcode) == ("The Red Lion Inn", "SK1 2BB")
    assert history.stack.undoText() == "change to The Red Lion Inn"
    assert len(seen) == 1 and seen[0].kinds == {RecordKind.ASSET}

    history.stack.undo()
    assert records.get("AST-0001") == asset
    assert history.stack.redoText() == "change to The Red Lion Inn"
    history.stack.redo()
    assert records.get("AST-0001") == changed
    history.stack.undo()
    assert records.get("AST-0001") == asset
    assert len(seen) == 4 and all(s.kinds == {RecordKind.ASSET} for s in seen)


def test_an_edit_that_changes_nothing_or_is_refused_leaves_nothing_to_undo(context, records, red_lion):
    history = undo_history(context)
    history.update("AST-0001", name="The Red Lion")
    assert not history.stack.canUndo()
    with pytest.raises(ValidationError):
        history.update("AST-0001", postcode="not a postcode")
    assert not history.stack.canUndo()
    assert records.get("AST-0001") == red_lion[0]


def test_a_delete_is_undone_and_redone_exactly(context, records, red_lion):
    asset, notice = red_lion
    history = undo_history(context)
    seen = changes_seen(context)
    assert history.delete("ast-1").value == ["AST-0001", "DN-0001"]
    assert history.stack.undoText() == "deleting The Red Lion"
    with pytest.raises(NotFoundError):
        records.get("AST-0001")
    history.stack.undo()
    assert records.get("AST-0001") == asset and records.get("DN-0001") == notice
    assert records.trash(RecordKind.ASSET) == []
    history.stack.redo()
    assert [x.reference for x in records.trash(RecordKind.DISPOSAL_NOTICE)] == ["DN-0001"]
    with pytest.raises(NotFoundError):
        records.get("DN-0001")
    assert all({RecordKind.ASSET, RecordKind.DISPOSAL_NOTICE} <= s.kinds for s in seen)
    assert len(seen) == 3


def test_a_create_is_undone_and_redone_with_the_same_reference(context, records):
    history = undo_history(context)
    created = history.create(e.Asset(name="The Old Forge")).value
    assert created.reference == "AST-0001"
    assert history.stack.undoText() == "adding The Old Forge"
    history.stack.undo()
    assert records.list(RecordKind.ASSET) == []
    assert history.stack.redoText() == "adding The Old Forge"
    history.stack.redo()
    assert records.get("AST-0001") == created
    assert [x.reference for x in records.list(RecordKind.ASSET)] == ["AST-0001"]


def test_steps_are_undone_newest_first(context, records):
    history = undo_history(context)
    history.create(e.Asset(name="The Old Forge"))
    history.update("AST-0001", name="The New Forge")
    history.delete("AST-0001")
    assert history.stack.count() == 3
    history.stack.undo()
    assert records.get("AST-0001").name == "The New Forge"
    history.stack.undo()
    assert records.get("AST-0001").name == "The Old Forge"
    history.stack.undo()
    assert records.list(RecordKind.ASSET) == []
    for _ in range(3):
        history.stack.redo()
    assert records.list(RecordKind.ASSET) == [] and records.trash(RecordKind.ASSET)[0].name == "The New Forge"


def test_several_edits_undo_as_one(context, records):
    history = undo_history(context)
    with history.macro("adding two assets"):
        history.create(e.Asset(name="One"))
        history.create(e.Asset(name="Two"))
    assert history.stack.count() == 1 and history.stack.undoText() == "adding two assets"
    history.stack.undo()
    assert records.list(RecordKind.ASSET) == []
    history.stack.redo()
    assert [x.name for x in records.list(RecordKind.ASSET)] == ["One", "Two"]


def test_undo_never_overwrites_a_later_change_made_elsewhere(context, records, messages, red_lion):
    history = undo_history(context)
    history.update("AST-0001", name="The Red Lion Inn")
    records.update("AST-0001", name="The Lion")  # made outside the stack, e.g. by the command line
    history.stack.undo()
    assert records.get("AST-0001").name == "The Lion"
    ((title, text),) = messages.errors
    assert title == "This cannot be undone"
    assert "The Lion has been changed since" in text
    assert history.stack.count() == 0  # the step is dropped, not left to fail again


def test_undo_of_a_record_deleted_since_is_explained(context, records, messages, red_lion):
    history = undo_history(context)
    history.update("AST-0001", name="The Red Lion Inn")
    records.delete("AST-0001")
    history.stack.undo()
    assert messages.errors and "There is no asset AST-0001" in messages.errors[0][1]
    assert history.stack.count() == 0


def test_a_deadline_mark_in_the_trash_says_which_deadline_and_what_was_said(register) -> None:
    from assetreg.gui.views.trash_view import load_trash

    records = Records(register)
    records.create(e.UserDeadline(title="Ring the council", due_on=date(2025, 9, 10)))
    records.create(e.DeadlineMark(uid="tsk-1/task"))
    records.delete("MRK-0001")
    records.create(e.Asset(name="The Red Lion"))
    records.create(e.DisposalNotice(asset_ref="AST-0001", received_on=date(2025, 9, 1)))
    records.create(e.DeadlineMark(uid="DN-0001/ACV-IMP-END", state=MarkState.NOT_APPLICABLE))
    records.delete("MRK-0002")
    assert sorted((item.reference, item.label) for item in load_trash(register)) == [
        ("MRK-0001", "Task (TSK-0001) · Done"),
        ("MRK-0002", "Interim moratorium ends (DN-0001) · Not applicable"),
    ]
