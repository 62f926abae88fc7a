"""Deadlines over a real register file: records added, edited and deleted through the services (RULES.md §2–§5).

Uses the ``register`` fixture (tests/conftest.py): a fresh SQLite register whose clock is Mon 15 Sep 2025.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date

import pytest

from assetreg.db.repositories import RecordRepository
from assetreg.domain import entities as e
from assetreg.domain.enums import (
    ApplicationKind,
    ChallengeKind,
    ExemptionCode,
    Jurisdiction,
    LegalForm,
    NominationDecision,
    NoticeOutcome,
)
from assetreg.domain.errors import ValidationError
from assetreg.domain.settings import Settings
from assetreg.services.deadlines import calendars, dates_for_event, load_facts, register_deadlines
from assetreg.services.records import Records
from assetreg.services.settings import load_settings, save_settings

TODAY = date(2025, 9, 15)
NOTICE_RECEIVED = date(2025, 8, 31)


def add(register, entity) -> str:
    return Records(register).create(entity).value.reference


def english_asset(register, name: str = "The Red Lion") -> str:
    authority = add(register, e.Authority(name="Sevenoaks District Council", jurisdiction=Jurisdiction.ENGLAND))
    return add(register, e.Asset(name=name, authority_ref=authority))


def listed(register, asset: str, entered_on: date = date(2025, 6, 15)) -> str:
    nomination = add(
        register,
        e.Nomination(
            asset_ref=asset,
            received_on=date(2025, 4, 20),
            decision=NominationDecision.LISTED,
            decided_on=entered_on,
        ),
    )
    return add(register, e.ListEntry(asset_ref=asset, nomination_ref=nomination, entered_on=entered_on))


def dated(items) -> dict[tuple[str, str], date]:
    result = {(i.record_ref, i.code): i.date for i in items}
    assert len(result) == len(items)
    return result


@pytest.fixture
def red_lion(register):
    """An English asset, listed Sun 15 Jun 2025, with a disposal notice received Sun 31 Aug 2025."""
    asset = english_asset(register)
    entry = listed(register, asset)
    notice = add(register, e.DisposalNotice(asset_ref=asset, vacant_possession=True, received_on=NOTICE_RECEIVED))
    return asset, entry, notice


# --------------------------------------------------------------------------------------------------------------
# The register's deadlines


def test_new_register_has_no_deadlines(register):
    assert register_deadlines(register, TODAY) == []


def test_register_deadlines_of_a_listed_asset_with_a_notice(register, red_lion):
    asset, entry, notice = red_lion
    items = register_deadlines(register, TODAY)
    assert (asset, entry, notice) == ("AST-0001", "LST-0001", "DN-0001")
    assert dated(items) == {
        (notice, "ACV-IMP-END"): date(2025, 10, 11),
        (notice, "ACV-OWNER-FREE"): date(2025, 10, 12),
        (notice, "ACV-FMP-END"): date(2026, 2, 28),
        (notice, "ACV-PP-END"): date(2027, 2, 28),
        (notice, "ACV-RENOTIFY"): date(2027, 3, 1),
        (entry, "ACV-RENOMINATE-BY"): date(2030, 4, 5),
        (entry, "ACV-LIST-END"): date(2030, 6, 14),
    }
    assert [i.date for i in items] == sorted(i.date for i in items)
    assert {i.asset_ref for i in items} == {asset}
    assert {i.asset_name for i in items} == {"The Red Lion"}
    interim = items[0]
    assert interim.code == "ACV-IMP-END"
    assert interim.send_by == date(2025, 10, 8)
    assert interim.reminders == (date(2025, 9, 20), date(2025, 9, 27), date(2025, 10, 4), date(2025, 10, 8))


def test_today_defaults_to_the_registers_clock(register, red_lion):
    assert register_deadlines(register) == register_deadlines(register, TODAY)


def test_within_keeps_only_the_next_days(register, red_lion):
    _, _, notice = red_lion
    assert dated(register_deadlines(register, TODAY, within=26)) == {(notice, "ACV-IMP-END"): date(2025, 10, 11)}
    assert dated(register_deadlines(register, TODAY, within=27)) == {
        (notice, "ACV-IMP-END"): date(2025, 10, 11),
        (notice, "ACV-OWNER-FREE"): date(2025, 10, 12),
    }
    assert register_deadlines(register, TODAY, within=25) == []
    assert register_deadlines(register, date(2025, 10, 11), within=0)[0].code == "ACV-IMP-END"


def test_passed_dates_that_cannot_be_mended_are_left_out(register, red_lion):
    # After the interim period with no request: the interim end has passed and is not "overdue".
    items = register_deadlines(register, date(2025, 10, 20))
    codes = {i.code for i in items}
    assert "ACV-IMP-END" not in codes and "ACV-OWNER-FREE" not in codes
    assert "ACV-FMP-END" not in codes  # no request came, so no full moratorium
    assert {"ACV-PP-END", "ACV-RENOTIFY", "ACV-LIST-END", "ACV-RENOMINATE-BY"} == codes


def test_overdue_only_shows_what_is_overdue(register, red_lion):
    asset, entry, _ = red_lion
    task = add(register, e.UserDeadline(title="Write to the owner", asset_ref=asset, due_on=date(2025, 9, 1)))
    nomination = add(register, e.Nomination(asset_ref=asset, received_on=date(2025, 6, 1)))  # pending
    overdue = register_deadlines(register, TODAY, overdue_only=True)
    assert dated(overdue) == {
        (nomination, "ACV-NOM-DECIDE"): date(2025, 7, 27),
        (task, "TASK"): date(2025, 9, 1),
    }
    assert all(i.overdue(TODAY) for i in overdue)
    everything = register_deadlines(register, TODAY)
    assert set(dated(overdue)) < set(dated(everything))
    # Overdue items are kept whatever the window.
    assert set(dated(overdue)) <= set(dated(register_deadlines(register, TODAY, within=0)))


def test_done_task_is_left_out(register, red_lion):
    asset, _, _ = red_lion
    task = add(register, e.UserDeadline(title="Write to the owner", asset_ref=asset, due_on=date(2025, 9, 20)))
    assert (task, "TASK") in dated(register_deadlines(register, TODAY))
    Records(register).update(task, done_on=date(2025, 9, 14))
    assert (task, "TASK") not in dated(register_deadlines(register, TODAY))


def test_a_task_not_tied_to_an_asset_is_still_a_deadline(register):
    # The issue: "the user's own dated tasks". A task may be saved with no asset (asset_ref is optional).
    task = add(register, e.UserDeadline(title="Annual general meeting", due_on=date(2025, 10, 1)))
    assert dated(register_deadlines(register, TODAY)) == {(task, "TASK"): date(2025, 10, 1)}


def test_asset_ref_limits_to_one_asset(register, red_lion):
    asset, _, _ = red_lion
    other = english_asset(register, "The Plough")
    other_entry = listed(register, other, date(2025, 7, 1))
    mine = register_deadlines(register, TODAY, asset_ref=asset)
    theirs = register_deadlines(register, TODAY, asset_ref=other)
    assert {i.asset_ref for i in mine} == {asset}
    assert dated(theirs) == {
        (other_entry, "ACV-RENOMINATE-BY"): date(2030, 4, 21),
        (other_entry, "ACV-LIST-END"): date(2030, 6, 30),
    }
    assert len(register_deadlines(register, TODAY)) == len(mine) + len(theirs)


# --------------------------------------------------------------------------------------------------------------
# Editing and deleting recomputes


def test_editing_the_received_date_moves_every_dependent_date(register, red_lion):
    _, _, notice = red_lion
    Records(register).update(notice, received_on=date(2025, 9, 3))  # Wed 3 Sep 2025
    found = {i.code: i.date for i in register_deadlines(register, TODAY) if i.record_ref == notice}
    assert found == {
        "ACV-IMP-END": date(2025, 10, 14),
        "ACV-OWNER-FREE": date(2025, 10, 15),
        "ACV-FMP-END": date(2026, 3, 2),
        "ACV-PP-END": date(2027, 3, 2),
        "ACV-RENOTIFY": date(2027, 3, 3),
    }


def test_editing_the_listing_date_moves_its_end(register, red_lion):
    _, entry, _ = red_lion
    Records(register).update(entry, entered_on=date(2025, 7, 1))
    found = {i.code: i.date for i in register_deadlines(register, TODAY) if i.record_ref == entry}
    assert found == {"ACV-LIST-END": date(2030, 6, 30), "ACV-RENOMINATE-BY": date(2030, 4, 21)}


def test_adding_a_valid_request_makes_the_full_moratorium_firm(register, red_lion):
    _, _, notice = red_lion
    charity = add(register, e.CommunityGroup(name="Red Lion Friends", legal_form=LegalForm.CHARITY))
    request = add(register, e.BidderRequest(notice_ref=notice, group_ref=charity, received_on=date(2025, 9, 20)))
    items = {i.code: i for i in register_deadlines(register, TODAY) if i.record_ref == notice}
    assert "ACV-IMP-END" not in items  # done: the request is in
    assert items["ACV-FMP-END"].date == date(2026, 2, 28)
    assert not items["ACV-FMP-END"].deadline.conditional
    assert items["ACV-OWNER-FREE"].date == date(2026, 3, 1)
    # Moving the request after the interim period takes the full moratorium away again.
    Records(register).update(request, received_on=date(2025, 10, 12))
    later = {i.code: i.date for i in register_deadlines(register, date(2025, 10, 20)) if i.record_ref == notice}
    assert "ACV-FMP-END" not in later


def test_a_request_from_a_body_that_cannot_trigger_the_moratorium(register, red_lion):
    _, _, notice = red_lion
    forum = add(register, e.CommunityGroup(name="Ashcombe Forum", legal_form=LegalForm.NEIGHBOURHOOD_FORUM))
    add(register, e.BidderRequest(notice_ref=notice, group_ref=forum, received_on=date(2025, 9, 20)))
    during = {i.code: i for i in register_deadlines(register, TODAY) if i.record_ref == notice}
    assert during["ACV-FMP-END"].deadline.conditional
    after = {i.code for i in register_deadlines(register, date(2025, 10, 12)) if i.record_ref == notice}
    assert "ACV-FMP-END" not in after


def test_deleting_the_notice_removes_its_deadlines(register, red_lion):
    _, entry, notice = red_lion
    Records(register).delete(notice)
    assert {ref for ref, _ in dated(register_deadlines(register, TODAY))} == {entry}
    Records(register).restore(notice)
    assert (notice, "ACV-IMP-END") in dated(register_deadlines(register, TODAY))


def test_deleting_a_request_with_its_group_removes_the_full_moratorium(register, red_lion):
    _, _, notice = red_lion
    charity = add(register, e.CommunityGroup(name="Red Lion Friends", legal_form=LegalForm.CHARITY))
    add(register, e.BidderRequest(notice_ref=notice, group_ref=charity, received_on=date(2025, 9, 20)))
    Records(register).delete(charity)  # deletes the request along with it
    later = {i.code for i in register_deadlines(register, date(2025, 10, 20)) if i.record_ref == notice}
    assert "ACV-FMP-END" not in later


def test_deleting_the_asset_removes_all_its_deadlines(register, red_lion):
    asset, _, _ = red_lion
    Records(register).delete(asset)
    assert register_deadlines(register, TODAY) == []


def test_withdrawing_the_notice_removes_its_deadlines(register, red_lion):
    _, _, notice = red_lion
    Records(register).update(notice, outcome=NoticeOutcome.WITHDRAWN, outcome_on=date(2025, 9, 10))
    assert all(i.record_ref != notice for i in register_deadlines(register, TODAY))


def test_exempt_disposal_to_a_new_owner_cuts_the_old_notice(register, red_lion):
    asset, _, notice = red_lion
    old_owner = add(register, e.Party(name="Greene Valley Brewing"))
    new_owner = add(register, e.Party(name="Mr D. Holloway"))
    Records(register).update(notice, owner_ref=old_owner)
    add(
        register,
        e.ExemptDisposal(
            asset_ref=asset,
            exemption=ExemptionCode.FAMILY_MEMBER,
            disposed_on=date(2025, 12, 1),
            previous_owner_ref=old_owner,
            new_owner_ref=new_owner,
        ),
    )
    found = {i.code: i.date for i in register_deadlines(register, TODAY) if i.record_ref == notice}
    assert found == {"ACV-IMP-END": date(2025, 10, 11), "ACV-OWNER-FREE": date(2025, 10, 12)}
    fresh = add(
        register,
        e.DisposalNotice(asset_ref=asset, owner_ref=new_owner, vacant_possession=True, received_on=date(2026, 3, 1)),
    )
    assert (fresh, "ACV-IMP-END") in dated(register_deadlines(register, TODAY))
    assert dated(register_deadlines(register, TODAY))[(fresh, "ACV-PP-END")] == date(2027, 8, 31)


def test_review_and_challenge_through_the_services(register, red_lion):
    _, entry, _ = red_lion
    challenge = add(
        register,
        e.Challenge(
            list_entry_ref=entry,
            kind=ChallengeKind.LISTING_REVIEW,
            received_on=date(2025, 7, 1),
            decision_sent_on=date(2025, 12, 24),
        ),
    )
    found = {i.code: i for i in register_deadlines(register, TODAY) if i.record_ref == challenge}
    assert found["ACV-REVIEW-DECIDE"].date == date(2025, 8, 25)
    assert found["ACV-REVIEW-DECIDE"].overdue(TODAY)
    assert found["ACV-FTT-LIST"].date == date(2026, 1, 21)


# --------------------------------------------------------------------------------------------------------------
# Nations


@pytest.mark.parametrize("nation", [Jurisdiction.WALES, Jurisdiction.NORTHERN_IRELAND])
def test_no_acv_dates_for_a_welsh_or_northern_irish_council(register, nation):
    authority = add(register, e.Authority(name="Council", jurisdiction=nation))
    asset = add(register, e.Asset(name="Village Hall", authority_ref=authority))
    listed(register, asset)
    add(register, e.DisposalNotice(asset_ref=asset, vacant_possession=True, received_on=NOTICE_RECEIVED))
    add(register, e.Nomination(asset_ref=asset, received_on=date(2025, 9, 1)))
    (facts,) = load_facts(register)
    assert facts.jurisdiction is nation
    assert register_deadlines(register, TODAY) == []


def test_an_asset_with_no_council_uses_the_default_nation(register):
    asset = add(register, e.Asset(name="Unknown council"))
    listed(register, asset)
    assert {i.code for i in register_deadlines(register, TODAY)} == {"ACV-LIST-END", "ACV-RENOMINATE-BY"}
    save_settings(register, Settings(default_jurisdiction=Jurisdiction.WALES))
    assert register_deadlines(register, TODAY) == []


def scottish_request(register, **fields) -> str:
    council = add(register, e.Authority(name="The Highland Council", jurisdiction=Jurisdiction.SCOTLAND))
    asset = add(register, e.Asset(name="Inverbrae Old Schoolhouse", authority_ref=council))
    return add(
        register,
        e.TransferApplication(
            asset_ref=asset, authority_ref=council, kind=ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST, **fields
        ),
    )


def test_scottish_asset_transfer_request_clocks(register):
    atr = scottish_request(
        register, stage="refused", validated_on=date(2025, 8, 31), decision_notice_on=date(2026, 2, 2)
    )
    assert dated(register_deadlines(register, TODAY)) == {
        (atr, "SCOT-ATR-REVIEW"): date(2026, 2, 27),
        (atr, "SCOT-ATR-APPEAL"): date(2026, 2, 27),
        (atr, "SCOT-ATR-REPEAT"): date(2028, 2, 2),
    }  # no SCOT-ATR-OFFER-MIN: a refusal makes no offer


def test_scottish_request_counts_scottish_bank_holidays(register):
    # Mon 30 Nov 2026 is St Andrew's Day: a bank holiday in Scotland only.
    atr = scottish_request(register, stage="refused", decision_notice_on=date(2026, 11, 16))
    assert dated(register_deadlines(register, TODAY))[(atr, "SCOT-ATR-REVIEW")] == date(2026, 12, 14)


def test_an_extra_holiday_shifts_the_scottish_review_by_one_working_day(register):
    atr = scottish_request(register, stage="refused", decision_notice_on=date(2026, 2, 2))
    assert dated(register_deadlines(register, TODAY))[(atr, "SCOT-ATR-REVIEW")] == date(2026, 2, 27)
    save_settings(register, Settings(extra_holidays=((date(2026, 2, 10), "Local"),)))
    after = dated(register_deadlines(register, TODAY))
    assert after[(atr, "SCOT-ATR-REVIEW")] == date(2026, 3, 2)  # Fri 27 Feb → Mon 2 Mar
    assert after[(atr, "SCOT-ATR-APPEAL")] == date(2026, 3, 2)
    assert after[(atr, "SCOT-ATR-REPEAT")] == date(2028, 2, 2)  # calendar years: unchanged


def test_an_extra_holiday_shifts_the_send_by_date_of_an_english_notice(register, red_lion):
    save_settings(register, Settings(extra_holidays=((date(2025, 10, 9), "Local"),)))
    interim = register_deadlines(register, TODAY)[0]
    assert interim.code == "ACV-IMP-END"
    assert interim.date == date(2025, 10, 11)
    assert interim.send_by == date(2025, 10, 7)


# --------------------------------------------------------------------------------------------------------------
# Settings


def test_load_settings_on_a_new_register_returns_defaults(register):
    settings = load_settings(register)
    assert settings == Settings()
    assert settings.send_by_working_days == 3
    assert settings.renomination_lead_days == 70
    assert settings.reminders_for("ACV-IMP-END") == (21, 14, 7, 3)


def test_saved_settings_round_trip_and_are_normalised(register):
    wanted = Settings(
        reminder_days={"ACV-IMP-END": (3, 30, 3)},
        send_by_working_days=5,
        renomination_lead_days=90,
        extra_holidays=((date(2026, 2, 10), "Local"),),
        default_jurisdiction=Jurisdiction.SCOTLAND,
        new_regime_commencement=date(2026, 10, 1),
    )
    saved = save_settings(register, wanted)
    assert saved.reminder_days == {"ACV-IMP-END": (30, 3)}
    assert load_settings(register) == saved
    assert calendars(saved)[Jurisdiction.SCOTLAND].holiday_name(date(2026, 2, 10)) == "Local"


def test_user_settings_change_the_register_deadlines(register, red_lion):
    _, entry, notice = red_lion
    save_settings(
        register,
        Settings(reminder_days={"ACV-IMP-END": (10, 1)}, send_by_working_days=5, renomination_lead_days=28),
    )
    found = {(i.record_ref, i.code): i for i in register_deadlines(register, TODAY)}
    interim = found[(notice, "ACV-IMP-END")]
    assert interim.reminders == (date(2025, 10, 1), date(2025, 10, 10))
    assert interim.send_by == date(2025, 10, 6)
    assert found[(entry, "ACV-RENOMINATE-BY")].date == date(2030, 5, 17)


def settings_audit(register):
    with register.reading() as session:
        return RecordRepository(session).audit_for("settings")


def test_save_settings_writes_an_audit_entry_per_changed_setting(register):
    assert settings_audit(register) == []
    save_settings(register, Settings(send_by_working_days=5, reminder_days={"ACV-IMP-END": (14, 7)}))
    entries = settings_audit(register)
    assert {(x.field, x.old_value, x.new_value) for x in entries} == {
        ("send_by_working_days", "3", "5"),
        ("reminder_days", "{}", '{"ACV-IMP-END": [14, 7]}'),
    }
    assert {(x.user, x.action, x.record_kind) for x in entries} == {("tester", "update", "settings")}
    assert {x.at.replace(tzinfo=None) for x in entries} == {register.clock().replace(tzinfo=None)}
    # Saving the same settings again changes nothing and audits nothing.
    save_settings(register, load_settings(register))
    assert len(settings_audit(register)) == 2
    # Only what changed is audited next time.
    save_settings(register, Settings(send_by_working_days=2, reminder_days={"ACV-IMP-END": (14, 7)}))
    assert [(x.field, x.old_value, x.new_value) for x in settings_audit(register)[2:]] == [
        ("send_by_working_days", "5", "2")
    ]


def test_settings_audit_is_in_the_file(register, register_path):
    save_settings(register, Settings(renomination_lead_days=84))
    register.close()
    with closing(sqlite3.connect(register_path)) as db:
        rows = db.execute(
            "SELECT user, action, record_kind, record_reference, field, old_value, new_value FROM audit_entries"
            " WHERE record_kind = 'settings'"
        ).fetchall()
    assert rows == [("tester", "update", "settings", "settings", "renomination_lead_days", "70", "84")]


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        pytest.param(Settings(reminder_days={"ACV-NO-SUCH-RULE": (7,)}), "reminder_days", id="unknown-rule"),
        pytest.param(Settings(reminder_days={"ACV-IMP-END": (7, -1)}), "reminder_days", id="negative-lead"),
        pytest.param(Settings(send_by_working_days=-1), "send_by_working_days", id="negative-send-by"),
        pytest.param(Settings(renomination_lead_days=400), "renomination_lead_days", id="renominate-too-early"),
    ],
)
def test_save_settings_rejects_impossible_settings(register, settings, field):
    with pytest.raises(ValidationError) as raised:
        save_settings(register, settings)
    assert field in raised.value.problems
    assert load_settings(register) == Settings()
    assert settings_audit(register) == []


def test_unknown_rule_code_is_named_in_the_message(register):
    with pytest.raises(ValidationError, match="ACV-NO-SUCH-RULE"):
        save_settings(register, Settings(reminder_days={"ACV-NO-SUCH-RULE": (7,)}))


# --------------------------------------------------------------------------------------------------------------
# Dates for one event (the ``dates`` command's service)


def test_dates_for_event_needs_no_register(tmp_path):
    from assetreg.domain.rules import Event

    missing = tmp_path / "none.assetreg"
    found, note = dates_for_event(Event.LISTING_ENTERED, date(2025, 6, 15), Jurisdiction.ENGLAND, missing)
    assert note == ""
    assert {d.code: d.date for d in found} == {"ACV-LIST-END": date(2030, 6, 14), "ACV-RENOMINATE-BY": date(2030, 4, 5)}
    assert not missing.exists()


def test_dates_for_event_uses_the_registers_settings(register, register_path):
    from assetreg.domain.rules import Event

    save_settings(register, Settings(extra_holidays=((date(2026, 2, 10), "Local"),), renomination_lead_days=28))
    register.close()
    review, _ = dates_for_event(Event.ATR_DECISION_NOTICE, date(2026, 2, 2), Jurisdiction.SCOTLAND, register_path)
    assert {d.code: d.date for d in review}["SCOT-ATR-REVIEW"] == date(2026, 3, 2)
    listing, _ = dates_for_event(Event.LISTING_ENTERED, date(2025, 6, 15), Jurisdiction.ENGLAND, register_path)
    assert {d.code: d.date for d in listing}["ACV-RENOMINATE-BY"] == date(2030, 5, 17)


@pytest.mark.parametrize(
    ("nation", "named"), [(Jurisdiction.WALES, "Wales"), (Jurisdiction.NORTHERN_IRELAND, "Northern Ireland")]
)
def test_dates_for_event_outside_england_gives_a_note(nation, named):
    from assetreg.domain.rules import Event

    found, note = dates_for_event(Event.DISPOSAL_NOTICE_RECEIVED, date(2025, 8, 31), nation)
    assert found == []
    assert named in note
