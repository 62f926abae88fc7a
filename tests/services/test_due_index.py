"""The due index gives exactly what working every case out gives, on every day, after every kind of write.

Uses the ``register`` fixture (tests/conftest.py): a fresh SQLite register whose clock is Mon 15 Sep 2025. The
register below mixes what changes What's due: a full moratorium, a notice superseded by an exempt disposal, the
2026 Act's provisional regime, a review, an unsuccessful nomination, a Scottish transfer request, tasks (one
tied to no asset, two on the same day), and deadlines marked done and not applicable.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from contextlib import closing
from datetime import date, timedelta

import pytest

from assetreg.db.repositories import RecordRepository
from assetreg.domain import entities as e
from assetreg.domain.enums import (
    ApplicationKind,
    ChallengeKind,
    ExemptionCode,
    Jurisdiction,
    LegalForm,
    ListEntryKind,
    MarkState,
    NominationDecision,
    Regime,
)
from assetreg.domain.records import RecordKind
from assetreg.services import due_index
from assetreg.services.assets import list_assets
from assetreg.services.check import check_register
from assetreg.services.deadlines import computed_whats_due, indexed_whats_due, whats_due
from assetreg.services.marks import mark_deadline
from assetreg.services.records import Records
from assetreg.services.settings import load_settings, save_settings

TODAY = date(2025, 9, 15)


def add(register, entity) -> str:
    return Records(register).create(entity).value.reference


def listed(register, asset: str, entered_on: date, received_on: date) -> str:
    nomination = add(
        register,
        e.Nomination(
            asset_ref=asset, received_on=received_on, decision=NominationDecision.LISTED, decided_on=entered_on
        ),
    )
    return add(register, e.ListEntry(asset_ref=asset, nomination_ref=nomination, entered_on=entered_on))


@pytest.fixture
def varied(register):
    """A register with one of most things that move a date; returns the references tests change."""
    england = add(register, e.Authority(name="Sevenoaks District Council", jurisdiction=Jurisdiction.ENGLAND))
    scotland = add(register, e.Authority(name="The Highland Council", jurisdiction=Jurisdiction.SCOTLAND))
    charity = add(register, e.CommunityGroup(name="Friends of the Red Lion", legal_form=LegalForm.CHARITY))
    old_owner = add(register, e.Party(name="Greene Valley Brewing"))
    new_owner = add(register, e.Party(name="Mr D. Holloway"))
    refs: dict[str, str] = {"england": england, "charity": charity}

    # A full moratorium: a notice answered in time by a charity's request.
    lion = refs["lion"] = add(register, e.Asset(name="The Red Lion", authority_ref=england))
    listed(register, lion, date(2024, 1, 10), date(2023, 11, 20))
    notice = refs["lion_notice"] = add(
        register, e.DisposalNotice(asset_ref=lion, owner_ref=old_owner, vacant_possession=True, received_on=TODAY)
    )
    add(register, e.BidderRequest(notice_ref=notice, group_ref=charity, received_on=TODAY + timedelta(days=9)))

    # A notice superseded: the land passed to a new owner by an exempt disposal.
    crown = refs["crown"] = add(register, e.Asset(name="The Crown", authority_ref=england))
    listed(register, crown, date(2022, 5, 3), date(2022, 3, 1))
    add(
        register,
        e.DisposalNotice(asset_ref=crown, owner_ref=old_owner, vacant_possession=True, received_on=date(2025, 9, 1)),
    )
    add(
        register,
        e.ExemptDisposal(
            asset_ref=crown,
            exemption=ExemptionCode.FAMILY_MEMBER,
            disposed_on=date(2025, 10, 20),
            previous_owner_ref=old_owner,
            new_owner_ref=new_owner,
        ),
    )

    # Under review, and a listing near its end (renominating is overdue).
    hall = refs["hall"] = add(register, e.Asset(name="Village Hall", authority_ref=england))
    hall_entry = listed(register, hall, date(2020, 11, 2), date(2020, 9, 1))
    refs["review"] = add(
        register,
        e.Challenge(list_entry_ref=hall_entry, kind=ChallengeKind.LISTING_REVIEW, received_on=date(2025, 8, 20)),
    )
    # An unsuccessful nomination, and one still to be decided.
    field = add(register, e.Asset(name="Playing Field", authority_ref=england))
    add(register, e.ListEntry(asset_ref=field, entered_on=date(2024, 2, 1), kind=ListEntryKind.UNSUCCESSFUL))
    shop = refs["shop"] = add(register, e.Asset(name="Village Shop", authority_ref=england))
    add(register, e.Nomination(asset_ref=shop, received_on=date(2025, 8, 1)))

    # The 2026 Act's provisional regime, from the commencement date the user sets.
    save_settings(register, dataclasses.replace(load_settings(register), new_regime_commencement=date(2025, 9, 1)))
    swan = refs["swan"] = add(register, e.Asset(name="The Swan", authority_ref=england))
    listed(register, swan, date(2025, 9, 5), date(2025, 7, 1))
    add(register, e.DisposalNotice(asset_ref=swan, vacant_possession=True, received_on=date(2025, 9, 12)))

    # A Scottish asset transfer request, counted in Scottish working days.
    school = add(register, e.Asset(name="Inverbrae Old Schoolhouse", authority_ref=scotland))
    add(
        register,
        e.TransferApplication(
            asset_ref=school,
            authority_ref=scotland,
            kind=ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST,
            stage="validated",
            validated_on=date(2025, 9, 1),
        ),
    )
    # Tasks: two on the same day on one asset (their order is the case's), one tied to no asset.
    add(register, e.UserDeadline(title="Ring the agent", due_on=date(2025, 10, 1), asset_ref=lion))
    add(register, e.UserDeadline(title="Brief the committee", due_on=date(2025, 10, 1), asset_ref=lion))
    refs["agm"] = add(register, e.UserDeadline(title="AGM", due_on=date(2025, 11, 20)))
    # Marks: one date seen to, one that does not apply.
    mark_deadline(register, f"{notice}/ACV-IMP-END")
    mark_deadline(register, f"{refs['review']}/ACV-REVIEW-DECIDE", MarkState.NOT_APPLICABLE)
    # A council's list: an interim end a day early, a full end given before it, and a request it counts
    # without the day (the owner's free day follows the one, the full end waits for the other).
    bell = add(register, e.Asset(name="The Bell", authority_ref=england))
    listed(register, bell, date(2023, 6, 1), date(2023, 4, 1))
    bell_notice = add(
        register,
        e.DisposalNotice(
            asset_ref=bell,
            received_on=date(2025, 8, 20),
            published_interim_end_on=date(2025, 9, 29),
            published_full_end_on=date(2025, 9, 1),
            published_basis="council's list",
        ),
    )
    add(register, e.BidderRequest(notice_ref=bell_notice, group_ref=charity, council_counted=True))
    assert load_settings(register).regime_on(date(2025, 9, 12)) is Regime.EDCEA2026
    whats_due(register, TODAY)  # builds the index from the cases it works out
    return refs


def assert_index_agrees(register, day: date = TODAY, within: int | None = None, note: str = "") -> None:
    indexed = indexed_whats_due(register, day, within=within, write=False)
    assert indexed is not None, f"the index could not answer {note}"
    computed = computed_whats_due(register, day, within=within)
    differ = {(x.uid, x.date) for x in indexed.deadlines} ^ {(x.uid, x.date) for x in computed.deadlines}
    assert indexed.deadlines == computed.deadlines, f"{note}: {sorted(differ)}"
    running = [(c.asset_ref, c.asset_name, c.day, x) for c, x in computed.in_force]
    assert [(c.asset_ref, c.asset_name, c.day, x) for c, x in indexed.in_force] == running, note


@pytest.mark.file_only  # reads the register file itself with sqlite3
def test_the_index_is_built_by_the_first_whats_due_and_holds_lines(register, varied):
    with closing(sqlite3.connect(register.path)) as connection:
        kinds = dict(connection.execute("SELECT kind, count(*) FROM due_index GROUP BY kind").fetchall())
        whole = connection.execute("SELECT built_for FROM due_index_coverage WHERE asset_ref = '*'").fetchone()
    assert kinds["deadline"] > 20 and kinds["in_force"] >= 4
    assert whole == (TODAY.isoformat(),)
    due = computed_whats_due(register, TODAY)
    assert any(x.period.value == "moratorium-2026" for _, x in due.in_force)
    assert any(i.code == "TASK" and not i.asset_ref for i in due.deadlines)
    assert_index_agrees(register)


@pytest.mark.parametrize("within", [None, 90])
def test_every_day_for_three_years_the_index_agrees_with_the_cases(register, varied, within):
    # As the app would: each day reads the index, and what ran out is worked out and stored back.
    day = TODAY
    while day < date(2028, 10, 1):
        indexed = indexed_whats_due(register, day, within=within)
        computed = computed_whats_due(register, day, within=within)
        assert indexed is not None and indexed.deadlines == computed.deadlines, day
        assert [(c.asset_ref, c.day, x) for c, x in indexed.in_force] == [
            (c.asset_ref, c.day, x) for c, x in computed.in_force
        ], day
        day += timedelta(days=1 if day < date(2026, 1, 1) else 4)


def test_days_read_from_one_build_agree_without_storing_back(register, varied):
    for offset in range(0, 900, 3):
        assert_index_agrees(register, TODAY + timedelta(days=offset), within=90)


def test_a_day_before_the_index_was_built_is_worked_out(register, varied):
    assert indexed_whats_due(register, TODAY - timedelta(days=1), write=False) is None
    assert whats_due(register, TODAY - timedelta(days=1)) is not None


def test_every_write_keeps_the_index_in_step(register, varied):
    records = Records(register)
    steps = [
        lambda: add(register, e.Nomination(asset_ref=varied["hall"], received_on=date(2025, 9, 10))),
        lambda: records.update(varied["lion_notice"], received_on=date(2025, 9, 10)),
        lambda: records.update(varied["shop"], name="The Village Shop"),
        lambda: records.delete(varied["lion_notice"]),
        lambda: records.restore(varied["lion_notice"]),
        lambda: mark_deadline(register, f"{varied['agm']}/TASK"),
        lambda: records.update(varied["review"], kind=ChallengeKind.LISTING_REVIEW, received_on=date(2025, 9, 1)),
        lambda: records.update(varied["charity"], legal_form=LegalForm.UNINCORPORATED_BODY),
        lambda: records.update(varied["england"], jurisdiction=Jurisdiction.WALES),
        lambda: records.create_many(
            [e.UserDeadline(title=f"Task {i}", due_on=TODAY + timedelta(days=i)) for i in range(5)]
        ),
        lambda: records.delete(varied["crown"]),
    ]
    for number, step in enumerate(steps):
        step()
        assert_index_agrees(register, note=f"after step {number}")
        assert_index_agrees(register, TODAY + timedelta(days=200), within=90)


def test_a_change_of_settings_clears_the_index_and_the_next_read_builds_it(register, varied):
    settings = load_settings(register)
    save_settings(register, dataclasses.replace(settings, extra_holidays=((date(2025, 10, 10), "Fair day"),)))
    assert indexed_whats_due(register, TODAY, write=False) is None
    built = whats_due(register, TODAY)
    assert built.deadlines == computed_whats_due(register, TODAY).deadlines
    assert_index_agrees(register)
    save_settings(register, dataclasses.replace(load_settings(register), new_regime_commencement=None))
    assert indexed_whats_due(register, TODAY, write=False) is None
    whats_due(register, TODAY)
    assert_index_agrees(register)


@pytest.mark.file_only  # reads the register file itself with sqlite3
def test_check_finds_a_wrong_index_and_tidy_builds_it_again(register, varied):
    assert check_register(register).healthy
    with closing(sqlite3.connect(register.path)) as connection, connection:
        connection.execute("DELETE FROM due_index WHERE id IN (SELECT id FROM due_index LIMIT 3)")
    report = check_register(register)
    assert any("What's due, as kept ready" in p for p in report.problems)
    assert check_register(register, tidy=True).healthy
    assert check_register(register).healthy
    assert_index_agrees(register)


def test_refresh_rebuilds_all_of_it_after_bulk_writes(register, varied):
    with register.transaction() as session:
        due_index.defer(session)
        records = Records(register)
        checked = records.prepared([e.UserDeadline(title="Deferred", due_on=TODAY + timedelta(days=3))])
        records.insert_prepared(RecordRepository(session), checked, register.clock())
    with pytest.raises(AssertionError):
        assert_index_agrees(register)  # deferred: the index does not know yet
    with register.transaction() as session:
        due_index.refresh(session, None, day=TODAY)
    assert_index_agrees(register)


def computed_statuses(register, day: date) -> dict:
    from assetreg.domain.case import build_case
    from assetreg.services.deadlines import facts_of

    with register.reading() as session:
        repo = RecordRepository(session)
        assets = repo.rows(RecordKind.ASSET, ("reference", "name", "authority_ref"))
        facts = facts_of(repo, assets, "", load_settings(register).default_jurisdiction, every_asset=True)
    return {f.asset_ref: build_case(f, day).status for f in facts}


@pytest.mark.file_only  # reads the register file itself with sqlite3
def test_the_register_list_reads_each_status_from_the_index_on_any_day(register, varied):
    for offset in (0, 1, 5, 26, 40, 180, 400, 1200):
        day = TODAY + timedelta(days=offset)
        assert {a.reference: a.status for a in list_assets(register, day)} == computed_statuses(register, day), day
    Records(register).update(varied["lion_notice"], received_on=date(2025, 9, 2))
    assert {a.reference: a.status for a in list_assets(register, TODAY)} == computed_statuses(register, TODAY)
    with closing(sqlite3.connect(register.path)) as connection, connection:
        connection.execute("DELETE FROM due_index_coverage")  # never built: every case is worked out
    assert {a.reference: a.status for a in list_assets(register, TODAY)} == computed_statuses(register, TODAY)
