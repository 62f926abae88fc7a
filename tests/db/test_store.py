"""Where a register is kept, as the services ask it (``OpenedRegister.store``): who may write, and where and how
it is backed up — a file and a shared register each answer for themselves."""

from __future__ import annotations

from pathlib import Path

from assetreg.db.store import Store
from assetreg.services.backups import backup_folder, daily_backup, list_backups, make_backup, set_backup_folder
from assetreg.services.lock import read_lock


def test_a_file_is_guarded_by_its_lock_file_and_backed_up_daily_beside_it(file_register) -> None:
    path = file_register.path
    assert file_register.opened.store == Store(
        lock_file_of=path,
        backup_name=path.stem,
        usual_backup_folder=path.with_name(f"{path.stem}-backups"),
        daily_backups=True,
        backed_up_by_copying_rows=False,
        upgrade_copies_beside=path,
    )
    assert file_register.claim() is None and read_lock(path).user == "tester"
    made = daily_backup(file_register)
    assert made is not None and made.path.parent == path.with_name(f"{path.stem}-backups")
    assert made.path.name.startswith(f"{path.stem}-") and made.path.name.endswith("-daily.assetreg")
    assert daily_backup(file_register) is None  # once a day


def test_a_shared_register_queues_writers_on_its_server_and_is_backed_up_as_a_copy_named_after_it(
    shared_register, tmp_path: Path
) -> None:
    database = shared_register.opened.url.split("@/")[1].split("?")[0]
    store = shared_register.opened.store
    assert store == Store(
        lock_file_of=None,
        backup_name=database,
        usual_backup_folder=tmp_path / "data" / "shared-backups" / database,
        daily_backups=False,
        backed_up_by_copying_rows=True,
        upgrade_copies_beside=None,
    )
    assert shared_register.claim() is None and shared_register.lock is None  # no lock file anywhere
    assert daily_backup(shared_register) is None  # whoever runs the server backs it up
    set_backup_folder(shared_register, tmp_path / "chosen")
    made = make_backup(shared_register, "on-demand")
    assert backup_folder(shared_register) == (tmp_path / "chosen").resolve()
    assert made.path.parent == (tmp_path / "chosen").resolve() and made.path.name.startswith(f"{database}-")
    assert made.verified and [b.path for b in list_backups(shared_register)] == [made.path]
