"""The ``dates``, ``deadlines`` and ``export-ics`` commands, on real register files (RULES.md §3–§5).

In-process through ``assetreg.app.main`` (with a data folder of the test's own and no ``ASSETREG_DB``), plus a
few real subprocess runs. Calendar files are parsed back with ``icalendar``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from assetreg.app import main
from assetreg.domain import entities as e
from assetreg.domain.enums import Jurisdiction, LegalForm, NominationDecision
from assetreg.domain.settings import Settings
from assetreg.services.demo import write_demo_register
from assetreg.services.records import Records
from assetreg.services.register import Register
from assetreg.services.settings import save_settings

FIXED_TODAY = date(2025, 9, 15)
UID_PATTERN = re.compile(r"^(?P<record>[A-Z]+-\d{4})/(?P<rule>[A-Z]+(?:-[A-Z]+)*)@[a-z0-9.-]+$")


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "user-data"
    monkeypatch.setenv("ASSETREG_DATA_DIR", str(data))
    monkeypatch.delenv("ASSETREG_DB", raising=False)
    return data


def run_main(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str | Path):
    status, out, err = run_main(capsys, *args)
    assert status == 0, err
    return json.loads(out)


def usage_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Runs a command that argparse must refuse; returns stderr after checking the exit status is 2."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as raised:
        main(list(args))
    assert raised.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    return err


def run_cli(*args: str | Path, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ASSETREG_DB"}
    env["ASSETREG_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "assetreg", *map(str, args)],
        env=env,
        cwd=data_dir.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --------------------------------------------------------------------------------------------------------------
# dates EVENT DATE


def test_dates_json_shape_for_the_interim_moratorium(capsys):
    data = run_json(capsys, "dates", "disposal-notice-received", "2025-08-31", "--json")
    assert data["event"] == "disposal-notice-received"
    assert data["date"] == "2025-08-31"
    assert data["jurisdiction"] == "england"
    assert data["note"] == ""
    rules = [d["rule"] for d in data["deadlines"]]
    assert rules == ["ACV-IMP-END", "ACV-OWNER-FREE", "ACV-FMP-END", "ACV-PP-END", "ACV-RENOTIFY"]
    interim = data["deadlines"][0]
    assert {
        "rule",
        "date",
        "weekday",
        "label",
        "counting",
        "length",
        "citation",
        "confidence",
        "conditional",
        "non_working_day",
    } <= set(interim)
    assert interim["rule"] == "ACV-IMP-END"
    assert interim["date"] == "2025-10-11"
    assert interim["weekday"] == "Sat"
    assert interim["counting"] == "BW"
    assert interim["length"] == "6 weeks"
    assert interim["citation"] == "s.95, s.97"
    assert interim["confidence"] == "S"
    assert interim["conditional"] is False
    assert interim["non_working_day"] is True
    assert interim["act_by"] == "2025-10-10"
    assert interim["label"].startswith("Interim moratorium ends")
    by_rule = {d["rule"]: d for d in data["deadlines"]}
    assert by_rule["ACV-FMP-END"]["date"] == "2026-02-28"
    assert by_rule["ACV-FMP-END"]["conditional"] is True
    assert by_rule["ACV-FMP-END"]["length"] == "6 months"
    assert by_rule["ACV-PP-END"]["date"] == "2027-02-28"
    assert by_rule["ACV-PP-END"]["length"] == "18 months"
    assert by_rule["ACV-OWNER-FREE"]["counting"] is None  # derived, not counted
    assert by_rule["ACV-OWNER-FREE"]["derived_from"] == "ACV-IMP-END"


@pytest.mark.parametrize(
    ("args", "rule", "expected", "weekday", "counting"),
    [
        (("listing-entered", "2025-06-15"), "ACV-LIST-END", "2030-06-14", "Fri", "BW"),
        (("nomination-received", "2025-08-31"), "ACV-NOM-DECIDE", "2025-10-26", "Sun", "AFTER"),
        (("review-decision-sent", "2025-12-24"), "ACV-FTT-LIST", "2026-01-21", "Wed", "AFTER"),
        (("atr-decision-notice", "2026-02-02", "--jurisdiction", "scotland"), "SCOT-ATR-REVIEW", "2026-02-27", "Fri",
         "WD_BW"),
        (("disposal-notice-received", "2028-02-10"), "ACV-IMP-END", "2028-03-22", "Wed", "BW"),
        (("disposal-notice-received", "2025-03-03"), "ACV-PP-END", "2026-09-02", "Wed", "BW"),
        (("disposal-notice-received", "2025-03-03"), "ACV-FMP-END", "2025-09-02", "Tue", "BW"),
    ],
)  # fmt: skip
def test_dates_rule_catalogue_examples(capsys, args, rule, expected, weekday, counting):
    data = run_json(capsys, "dates", *args, "--json")
    found = {d["rule"]: d for d in data["deadlines"]}
    assert found[rule]["date"] == expected
    assert found[rule]["weekday"] == weekday
    assert found[rule]["counting"] == counting


def test_dates_listing_entered_includes_the_renomination_suggestion(capsys):
    data = run_json(capsys, "dates", "listing-entered", "2025-06-15", "--json")
    assert {d["rule"]: d["date"] for d in data["deadlines"]} == {
        "ACV-RENOMINATE-BY": "2030-04-05",
        "ACV-LIST-END": "2030-06-14",
    }


def test_dates_scottish_review_uses_the_registers_extra_holidays(capsys, tmp_path):
    path = tmp_path / "holidays.assetreg"
    register = Register.open(path, create=True)
    try:
        save_settings(register, Settings(extra_holidays=((date(2026, 2, 10), "Local"),)))
    finally:
        register.close()
    data = run_json(
        capsys, "dates", "atr-decision-notice", "2026-02-02", "--jurisdiction", "scotland", "--json", "--db", path
    )
    assert {d["rule"]: d["date"] for d in data["deadlines"]}["SCOT-ATR-REVIEW"] == "2026-03-02"


def test_dates_follow_the_2026_act_from_the_commencement_date_the_register_sets(capsys, tmp_path):
    path = tmp_path / "new-law.assetreg"
    register = Register.open(path, create=True)
    try:
        save_settings(register, Settings(new_regime_commencement=date(2026, 6, 1)))
    finally:
        register.close()

    def rules(event: str, day: str) -> dict[str, str]:
        data = run_json(capsys, "dates", event, day, "--json", "--db", path)
        return {d["rule"]: d["date"] for d in data["deadlines"]}

    # From commencement a notice starts the Act's one 12-month moratorium, counted as the 2011 periods are.
    assert rules("disposal-notice-received", "2026-08-31") == {"EDCEA-MOR-END": "2027-08-30"}
    # Before it, and for what the Act leaves as it was (a nomination), the 2011 Act's rules.
    assert rules("disposal-notice-received", "2026-05-29")["ACV-PP-END"] == "2027-11-28"
    assert rules("nomination-received", "2026-08-31") == {"ACV-NOM-DECIDE": "2026-10-26"}  # 8 weeks after


@pytest.mark.parametrize(("nation", "named"), [("wales", "Wales"), ("northern-ireland", "Northern Ireland")])
@pytest.mark.parametrize("event", ["disposal-notice-received", "listing-entered", "nomination-received"])
def test_dates_without_a_statutory_regime_is_empty_with_a_note(capsys, nation, named, event):
    data = run_json(capsys, "dates", event, "2025-08-31", "--jurisdiction", nation, "--json")
    assert data["jurisdiction"] == nation
    assert data["deadlines"] == []
    assert named in data["note"]


def test_dates_text_output(capsys):
    status, out, err = run_main(capsys, "dates", "disposal-notice-received", "2025-08-31")
    assert status == 0, err
    assert "ACV-IMP-END" in out
    assert "Sat 11 Oct 2025" in out
    assert "Fri 10 Oct 2025" in out  # act by the previous working day


def test_dates_text_output_in_wales_says_why_there_is_nothing(capsys):
    status, out, _ = run_main(capsys, "dates", "disposal-notice-received", "2025-08-31", "--jurisdiction", "wales")
    assert status == 0
    assert "Wales" in out
    assert "ACV-" not in out


def test_dates_needs_no_register_and_makes_none(capsys, isolated_data_dir):
    run_json(capsys, "dates", "listing-entered", "2025-06-15", "--json")
    assert not (isolated_data_dir / "register.assetreg").exists()


def test_dates_unknown_event(capsys):
    err = usage_error(capsys, "dates", "notice-received", "2025-08-31")
    assert "notice-received" in err
    assert "disposal-notice-received" in err  # says which events exist


def test_dates_bad_date(capsys):
    err = usage_error(capsys, "dates", "disposal-notice-received", "yesterday")
    assert "“yesterday” is not a date; write it like 31/08/2025 or 2025-08-31." in err


@pytest.mark.parametrize("written", ["31/08/2025", "31.8.2025", "Sun 31 Aug 2025", "31st August 2025", "2025-08-31"])
def test_dates_as_people_write_them(capsys, written):
    data = run_json(capsys, "dates", "disposal-notice-received", written, "--json")
    assert data["date"] == "2025-08-31"


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("08/31/2025", "“08/31/2025” is written month first; write the day first, as 31/08/2025."),
        ("31/08/25", "“31/08/25” does not give the year in four figures; write it in full"),
        ("Mon 31 Aug 2025", "“Mon 31 Aug 2025” does not fit: 31 Aug 2025 is a Sunday; check which day you mean."),
    ],
)
def test_a_date_that_could_be_misread_is_refused_not_guessed(capsys, bad, why):
    assert why in usage_error(capsys, "dates", "disposal-notice-received", bad)


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("2025-02-29", "February 2025 has 28 days"),
        ("2026-04-31", "April 2026 has 30 days"),
        ("2026-13-01", "there is no month 13"),
    ],
)
def test_a_date_written_right_that_is_no_day_says_why_rather_than_how_to_write_it(capsys, tmp_path, bad, why):
    err = usage_error(capsys, "dates", "disposal-notice-received", bad)
    assert f"“{bad}” is not a real date: {why}; check it." in err
    assert "write it like" not in err  # it was written well: the day itself is wrong
    path = tmp_path / "r.assetreg"
    assert main(["init", "--db", str(path)]) == 0
    assert main(["add", "asset", "--db", str(path), "--name", "The Crown"]) == 0
    capsys.readouterr()
    assert main(["add", "disposal-notice", "--db", str(path), "--asset-ref", "ast-1", "--received-on", bad]) == 1
    assert f"--received-on: “{bad}” is not a real date: {why}; check it." in capsys.readouterr().err
    assert main(["notices", "list", "--db", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # nothing was written


def test_dates_unknown_jurisdiction(capsys):
    err = usage_error(capsys, "dates", "listing-entered", "2025-06-15", "--jurisdiction", "france")
    assert "france" in err


def test_dates_errors_exit_2_in_a_subprocess(tmp_path):
    result = run_cli("dates", "no-such-event", "2025-08-31", "--json", data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert "no-such-event" in result.stderr
    assert result.stdout == ""
    result = run_cli("dates", "listing-entered", "2025-02-30", data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert "2025-02-30" in result.stderr


def test_dates_json_in_a_subprocess(tmp_path):
    result = run_cli("dates", "disposal-notice-received", "2025-08-31", "--json", data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    interim = json.loads(result.stdout)["deadlines"][0]
    assert (interim["rule"], interim["date"], interim["weekday"]) == ("ACV-IMP-END", "2025-10-11", "Sat")


# --------------------------------------------------------------------------------------------------------------
# deadlines over a register (the demo, written for a fixed day)


@pytest.fixture(scope="module")
def fixed_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo register as written on Mon 15 Sep 2025. Read-only."""
    path = tmp_path_factory.mktemp("fixed-demo") / "demo.assetreg"
    write_demo_register(path, today=FIXED_TODAY)
    return path


def demo_deadlines(capsys, demo: Path, *extra: str) -> dict:
    return run_json(capsys, "deadlines", "--db", demo, "--today", "2025-09-15", "--json", *extra)


def keyed(items: list[dict]) -> dict[tuple[str, str], dict]:
    result = {(i["asset_name"], i["rule"]): i for i in items}
    assert len(result) == len(items)
    return result


# (asset, rule) → (date, overdue) for the demo on Mon 15 Sep 2025, each worked out from the demo's facts.
DEMO_EXPECTED = {
    # Listed 27 Oct 2020, so the listing ends Sun 26 Oct 2025 and renominating was due 70 days before.
    ("Kentish Town Library", "ACV-RENOMINATE-BY"): ("2025-08-17", True),
    ("Kentish Town Library", "ACV-LIST-END"): ("2025-10-26", False),
    # Owner's review received 15 Jul 2025: decision due 8 weeks beginning with it.
    ("The Swan", "ACV-REVIEW-DECIDE"): ("2025-09-08", True),
    ("The Red Lion", "TASK"): ("2025-09-21", False),
    # Notice received Tue 26 Aug 2025, no request yet.
    ("The Red Lion", "ACV-IMP-END"): ("2025-10-06", False),
    ("The Red Lion", "ACV-OWNER-FREE"): ("2025-10-07", False),
    ("The Red Lion", "ACV-FMP-END"): ("2026-02-25", False),
    ("The Red Lion", "ACV-PP-END"): ("2027-02-25", False),
    # Nomination received 25 Aug 2025.
    ("Hillside Allotments", "ACV-NOM-DECIDE"): ("2025-10-20", False),
    # Notice received Mon 7 Jul 2025, valid request 17 Jul: full moratorium to Tue 6 Jan 2026.
    ("The Plough Inn", "ACV-FMP-END"): ("2026-01-06", False),
    ("The Plough Inn", "ACV-OWNER-FREE"): ("2026-01-07", False),
    ("The Plough Inn", "ACV-PP-END"): ("2027-01-06", False),
    # Scottish request validated 15 Jul 2025.
    ("Inverbrae Old Schoolhouse", "SCOT-ATR-DECIDE"): ("2026-01-15", False),
    # Notice received 15 Nov 2024, no request.
    ("The Bull's Head", "ACV-PP-END"): ("2026-05-14", False),
    ("Trewartha Playing Field", "ACV-UNSUCC-END"): ("2029-08-14", False),
    ("The Railway Tavern", "ACV-LIST-END"): ("2026-09-14", False),
}


def test_deadlines_json_on_a_register(capsys, fixed_demo):
    data = demo_deadlines(capsys, fixed_demo)
    assert data["today"] == "2025-09-15"
    items = keyed(data["deadlines"])
    for key, (expected, overdue) in DEMO_EXPECTED.items():
        assert key in items, key
        assert (items[key]["date"], items[key]["overdue"]) == (expected, overdue), key
    # Passed dates that are no longer worth doing are gone; so is everything of the expired, Welsh and draft assets.
    assert ("The Plough Inn", "ACV-IMP-END") not in items  # a valid request is in
    assert ("The Bull's Head", "ACV-IMP-END") not in items
    assert ("The Railway Tavern", "ACV-PP-END") not in items  # lapsed in Jan 2025
    names = {name for name, _ in items}
    assert not names & {"The Old Forge Village Shop", "Llanfair Village Hall", "Ashcombe Post Office"}
    for item in data["deadlines"]:
        assert item["overdue"] or item["date"] >= "2025-09-15"
        assert item["days_remaining"] == (date.fromisoformat(item["date"]) - FIXED_TODAY).days
        assert item["uid"] == f"{item['record']}/{item['rule']}"
    dates = [i["date"] for i in data["deadlines"]]
    assert dates == sorted(dates)
    interim = items[("The Red Lion", "ACV-IMP-END")]
    assert interim["send_by"] == "2025-10-01"  # 3 working days before Mon 6 Oct
    assert interim["reminders"] == ["2025-09-15", "2025-09-22", "2025-09-29", "2025-10-03"]
    assert "s.95, s.97" in interim["explanation"]
    assert interim["action"]
    assert interim["asset"].startswith("AST-")


def test_deadlines_within_narrows(capsys, fixed_demo):
    everything = keyed(demo_deadlines(capsys, fixed_demo)["deadlines"])
    within = keyed(demo_deadlines(capsys, fixed_demo, "--within", "30")["deadlines"])
    assert set(within) == {
        ("Kentish Town Library", "ACV-RENOMINATE-BY"),  # overdue: kept whatever the window
        ("The Swan", "ACV-REVIEW-DECIDE"),
        ("The Red Lion", "TASK"),
        ("The Red Lion", "ACV-IMP-END"),
        ("The Red Lion", "ACV-OWNER-FREE"),
    }
    assert set(within) < set(everything)
    assert all(i["overdue"] or i["date"] <= "2025-10-15" for i in within.values())


def test_deadlines_overdue_only(capsys, fixed_demo):
    overdue = keyed(demo_deadlines(capsys, fixed_demo, "--overdue")["deadlines"])
    assert set(overdue) == {("Kentish Town Library", "ACV-RENOMINATE-BY"), ("The Swan", "ACV-REVIEW-DECIDE")}
    assert all(i["overdue"] and i["days_remaining"] < 0 for i in overdue.values())


def test_deadlines_text_output(capsys, fixed_demo):
    status, out, err = run_main(capsys, "deadlines", "--db", fixed_demo, "--today", "2025-09-15")
    assert status == 0, err
    running, rest = out.split("Overdue")
    overdue, coming = rest.split("Coming up")
    # What is in force comes first, so a running moratorium is never "nothing due".
    assert running.startswith("In force now")
    assert "Interim moratorium until Mon 6 Oct 2025 (21 days left)  AST-0001 The Red Lion · DN-0001" in running
    assert "Kentish Town Library" in overdue and "The Swan" in overdue
    assert "Mon 6 Oct 2025 (in 21 days)" in coming
    assert "Sun 17 Aug 2025 (29 days ago)" in overdue


def test_deadlines_on_an_empty_register(capsys, tmp_path):
    path = tmp_path / "empty.assetreg"
    Register.open(path, create=True).close()
    assert run_json(capsys, "deadlines", "--db", path, "--today", "2025-09-15", "--json")["deadlines"] == []
    status, out, _ = run_main(capsys, "deadlines", "--db", path, "--today", "2025-09-15")
    assert status == 0
    assert out.strip() == "Nothing is due."


@pytest.mark.parametrize(
    ("args", "says"),
    [(("--within", "soon"), "soon"), (("--within", "-5"), "-5"), (("--today", "15/9/25"), "15/9/25")],
)
def test_deadlines_bad_options(capsys, fixed_demo, args, says):
    err = usage_error(capsys, "deadlines", "--db", str(fixed_demo), *args)
    assert says in err


def test_deadlines_in_a_subprocess(fixed_demo, tmp_path):
    result = run_cli(
        "deadlines", "--db", fixed_demo, "--today", "2025-09-15", "--overdue", "--json", data_dir=tmp_path / "data"
    )
    assert result.returncode == 0, result.stderr
    rules = {(i["asset_name"], i["rule"]) for i in json.loads(result.stdout)["deadlines"]}
    assert rules == {("Kentish Town Library", "ACV-RENOMINATE-BY"), ("The Swan", "ACV-REVIEW-DECIDE")}


# --------------------------------------------------------------------------------------------------------------
# export-ics FILE: the register's deadlines as an iCalendar file


def real_today() -> date:
    # export-ics has no --today: it counts from the register's clock, which is the real local day.
    return datetime.now().astimezone().date()


@pytest.fixture
def live_register(tmp_path: Path) -> dict:
    """A register whose clocks run relative to the real today: a listing, a notice running, a task."""
    today = real_today()
    path = tmp_path / "live.assetreg"
    register = Register.open(path, create=True)
    try:
        records = Records(register)

        def add(entity) -> str:
            return records.create(entity).value.reference

        council = add(e.Authority(name="Sevenoaks District Council", jurisdiction=Jurisdiction.ENGLAND))
        asset = add(e.Asset(name="The Red Lion", authority_ref=council))
        nominator = add(e.CommunityGroup(name="Red Lion Friends", legal_form=LegalForm.CHARITY))
        nomination = add(
            e.Nomination(
                asset_ref=asset,
                nominator_ref=nominator,
                received_on=today - timedelta(days=160),
                decision=NominationDecision.LISTED,
                decided_on=today - timedelta(days=100),
            )
        )
        entry = add(e.ListEntry(asset_ref=asset, nomination_ref=nomination, entered_on=today - timedelta(days=100)))
        notice = add(e.DisposalNotice(asset_ref=asset, vacant_possession=True, received_on=today - timedelta(days=20)))
        task = add(e.UserDeadline(title="Committee meeting", asset_ref=asset, due_on=today + timedelta(days=10)))
    finally:
        register.close()
    return {"path": path, "today": today, "asset": asset, "entry": entry, "notice": notice, "task": task}


def export(capsys, register: Path, target: Path, *extra: str) -> Calendar:
    status, out, err = run_main(capsys, "export-ics", target, "--db", register, *extra)
    assert status == 0, err
    assert str(target) in out
    return Calendar.from_ical(target.read_bytes())


def events(calendar: Calendar) -> dict[str, object]:
    found = {str(ev["UID"]): ev for ev in calendar.walk("VEVENT")}
    assert len(found) == len(calendar.walk("VEVENT")), "duplicate UIDs"
    return found


def test_export_ics_one_all_day_event_per_deadline(capsys, live_register, tmp_path):
    today = live_register["today"]
    target = tmp_path / "out" / "deadlines.ics"
    calendar = export(capsys, live_register["path"], target)
    expected = run_json(capsys, "deadlines", "--db", live_register["path"], "--today", today.isoformat(), "--json")
    by_uid = events(calendar)
    assert {uid.split("@")[0] for uid in by_uid} == {i["uid"] for i in expected["deadlines"]}
    assert len(by_uid) == len(expected["deadlines"]) == 8
    notice, entry, task = live_register["notice"], live_register["entry"], live_register["task"]
    received = today - timedelta(days=20)
    starts = {uid.split("@")[0]: ev["DTSTART"].dt for uid, ev in by_uid.items()}
    assert starts[f"{notice}/ACV-IMP-END"] == received + timedelta(days=41)
    assert starts[f"{notice}/ACV-OWNER-FREE"] == received + timedelta(days=42)
    assert starts[f"{task}/TASK"] == today + timedelta(days=10)
    assert f"{entry}/ACV-LIST-END" in starts
    for uid, ev in by_uid.items():
        start, end = ev["DTSTART"].dt, ev["DTEND"].dt
        assert isinstance(start, date) and not isinstance(start, datetime), uid
        assert isinstance(end, date) and not isinstance(end, datetime), uid
        assert end == start + timedelta(days=1)
        match = UID_PATTERN.match(uid)
        assert match, uid
        assert [str(c) for c in ev["CATEGORIES"].cats] == [match["rule"]]
        assert "The Red Lion" in str(ev["SUMMARY"])
        assert isinstance(ev["DTSTAMP"].dt, datetime)
    assert str(calendar["VERSION"]) == "2.0"
    raw = target.read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:" in raw


def test_export_ics_alarms_are_the_lead_times(capsys, live_register, tmp_path):
    target = tmp_path / "deadlines.ics"
    by_uid = events(export(capsys, live_register["path"], target))
    notice, task = live_register["notice"], live_register["task"]

    def triggers(uid: str) -> list[timedelta]:
        return [alarm["TRIGGER"].dt for alarm in by_uid[uid].walk("VALARM")]

    interim = f"{notice}/ACV-IMP-END@assetreg.invalid"
    assert triggers(interim) == [timedelta(days=-21), timedelta(days=-14), timedelta(days=-7), timedelta(days=-3)]
    assert all(str(a["ACTION"]) == "DISPLAY" for a in by_uid[interim].walk("VALARM"))
    assert triggers(f"{task}/TASK@assetreg.invalid") == [timedelta(days=-7)]
    assert triggers(f"{notice}/ACV-RENOTIFY@assetreg.invalid") == []
    raw = target.read_text(encoding="utf-8")
    for lead in ("-P21D", "-P14D", "-P7D", "-P3D"):
        assert f"TRIGGER:{lead}" in raw


def test_export_ics_description_says_rule_citation_and_asset(capsys, live_register, tmp_path):
    by_uid = events(export(capsys, live_register["path"], tmp_path / "deadlines.ics"))
    notice, asset = live_register["notice"], live_register["asset"]
    interim = str(by_uid[f"{notice}/ACV-IMP-END@assetreg.invalid"]["DESCRIPTION"])
    assert "ACV-IMP-END" in interim
    assert "s.95, s.97" in interim
    assert asset in interim and "The Red Lion" in interim
    assert notice in interim
    assert "Send by" in interim  # it must be received, so the margin is spelled out
    protected = str(by_uid[f"{notice}/ACV-PP-END@assetreg.invalid"]["DESCRIPTION"])
    assert "ACV-PP-END" in protected and "s.95(4)" in protected and asset in protected


def test_export_ics_twice_gives_the_same_uids(capsys, live_register, tmp_path):
    first = events(export(capsys, live_register["path"], tmp_path / "a.ics"))
    second = events(export(capsys, live_register["path"], tmp_path / "b.ics"))
    assert set(first) == set(second)
    for uid in first:
        assert first[uid]["DTSTART"].dt == second[uid]["DTSTART"].dt


def test_export_ics_after_an_edit_updates_the_same_uid(capsys, live_register, tmp_path):
    notice = live_register["notice"]
    target = tmp_path / "deadlines.ics"
    before = events(export(capsys, live_register["path"], target))
    register = Register.open(live_register["path"])
    try:
        Records(register).update(notice, received_on=live_register["today"] - timedelta(days=19))
    finally:
        register.close()
    after = events(export(capsys, live_register["path"], target))
    assert set(after) == set(before)
    for rule in ("ACV-IMP-END", "ACV-OWNER-FREE", "ACV-FMP-END", "ACV-PP-END", "ACV-RENOTIFY"):
        uid = f"{notice}/{rule}@assetreg.invalid"
        assert after[uid]["DTSTART"].dt != before[uid]["DTSTART"].dt, rule
    interim = f"{notice}/ACV-IMP-END@assetreg.invalid"
    assert after[interim]["DTSTART"].dt == before[interim]["DTSTART"].dt + timedelta(days=1)


def test_export_ics_within_writes_fewer_events(capsys, live_register, tmp_path):
    everything = events(export(capsys, live_register["path"], tmp_path / "all.ics"))
    soon = events(export(capsys, live_register["path"], tmp_path / "soon.ics", "--within", "30"))
    notice, task = live_register["notice"], live_register["task"]
    assert {uid.split("@")[0] for uid in soon} == {f"{notice}/ACV-IMP-END", f"{notice}/ACV-OWNER-FREE", f"{task}/TASK"}
    assert set(soon) < set(everything)


def test_export_ics_of_an_empty_register_is_a_valid_empty_calendar(capsys, tmp_path):
    path = tmp_path / "empty.assetreg"
    Register.open(path, create=True).close()
    calendar = export(capsys, path, tmp_path / "none.ics")
    assert calendar.walk("VEVENT") == []
    assert str(calendar["VERSION"]) == "2.0"


def test_export_ics_leaves_no_temporary_files(capsys, live_register, tmp_path):
    folder = tmp_path / "calendar"
    folder.mkdir()
    target = folder / "deadlines.ics"
    target.write_text("old", encoding="utf-8")
    export(capsys, live_register["path"], target)
    export(capsys, live_register["path"], target)
    assert sorted(p.name for p in folder.iterdir()) == ["deadlines.ics"]


def test_export_ics_failure_keeps_the_old_file(capsys, live_register, tmp_path, monkeypatch):
    folder = tmp_path / "calendar"
    folder.mkdir()
    target = folder / "deadlines.ics"
    target.write_text("the previous calendar", encoding="utf-8")

    def broken(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Calendar, "to_ical", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        main(["export-ics", str(target), "--db", str(live_register["path"])])
    assert target.read_text(encoding="utf-8") == "the previous calendar"
    assert sorted(p.name for p in folder.iterdir()) == ["deadlines.ics"]


def test_export_ics_in_a_subprocess(live_register, tmp_path):
    target = tmp_path / "sub" / "deadlines.ics"
    result = run_cli("export-ics", target, "--db", live_register["path"], data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "Wrote 8 deadlines" in result.stdout
    assert len(Calendar.from_ical(target.read_bytes()).walk("VEVENT")) == 8


def test_dates_counted_from_the_day_a_notice_was_sent_are_marked_provisional_wherever_they_are_listed(capsys, tmp_path):
    path = tmp_path / "sent.assetreg"
    db = ["--db", str(path)]
    assert main(["init", *db]) == 0
    assert main(["add", "asset", *db, "--name", "The Crown"]) == 0
    assert main(["add", "list-entry", *db, "--asset-ref", "ast-1", "--entered-on", "2025-06-15"]) == 0
    assert main(["add", "disposal-notice", *db, "--asset-ref", "ast-1", "--sent-on", "2025-08-29"]) == 0
    assert main(["add", "asset", *db, "--name", "The Anchor"]) == 0  # not listed
    assert main(["add", "disposal-notice", *db, "--asset-ref", "ast-2", "--sent-on", "2025-08-29"]) == 0
    capsys.readouterr()
    assert main(["deadlines", *db, "--today", "2025-09-01"]) == 0
    out = capsys.readouterr().out
    assert "Interim moratorium (provisional) until Thu 9 Oct 2025" in out
    assert "Interim moratorium ends — last day the council can receive a request to be treated as a potential " \
        "bidder (provisional: counted from the day sent)" in out  # fmt: skip
    assert main(["notices", "list", *db]) == 0
    out = capsys.readouterr().out
    assert "not known (sent Fri 29 Aug 2025)" in out and "(provisional)" in out
    assert main(["assets", "show", "ast-1", *db, "--on", "2025-09-01"]) == 0
    assert (
        "Provisional: counted from Fri 29 Aug 2025, the day the owner sent the notice; enter the day the council "
        "received it." in capsys.readouterr().out
    )
    assert main(["assets", "show", "ast-2", *db, "--on", "2025-09-01"]) == 0
    assert (
        "The land was not on the list of assets of community value on Fri 29 Aug 2025, when the owner sent the "
        "notice (the day the council received it is not recorded), so no moratorium applies" in capsys.readouterr().out
    )
