"""The one calendar export the app (File menu and the Calendar view) and ``export-ics`` share, parsed back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from assetreg.domain.errors import DocumentWriteError
from assetreg.services.calendar_export import export_calendar
from assetreg.services.deadlines import register_deadlines
from assetreg.services.demo import write_demo_register
from assetreg.services.register import Register

DEMO_DAY = date(2025, 9, 15)  # Mon 15 Sep 2025
FIXED_NOW = datetime(2025, 9, 15, 10, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("calendar-demo") / "demo.assetreg"
    write_demo_register(path, today=DEMO_DAY)
    return path


@pytest.fixture
def demo(demo_path: Path):
    register = Register.open(demo_path)  # the export only reads
    register.clock, register.day = (lambda: FIXED_NOW), DEMO_DAY
    yield register
    register.close()


def events(path: Path) -> list:
    return [c for c in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]


def test_every_deadline_still_to_be_met_is_one_event_with_its_date(demo: Register, tmp_path: Path) -> None:
    path = tmp_path / "deadlines.ics"
    count = export_calendar(demo, path)
    expected = register_deadlines(demo, DEMO_DAY)
    written = events(path)
    assert count == len(expected) == len(written) > 5
    assert [(str(ev["UID"]), ev.decoded("DTSTART")) for ev in written] == [
        (f"{item.uid}@assetreg.invalid", item.date) for item in expected
    ]
    assert all(ev.decoded("DTEND") == ev.decoded("DTSTART") + timedelta(days=1) for ev in written)
    assert {ev.decoded("DTSTAMP") for ev in written} == {FIXED_NOW}


def test_within_keeps_the_overdue_and_the_next_days_only(demo: Register, tmp_path: Path) -> None:
    path = tmp_path / "next-30.ics"
    count = export_calendar(demo, path, within=30)
    days = [ev.decoded("DTSTART") for ev in events(path)]
    assert count == len(days) == len(register_deadlines(demo, DEMO_DAY, within=30))
    assert days and max(days) <= DEMO_DAY + timedelta(days=30)
    assert count < export_calendar(demo, tmp_path / "all.ics")


def test_a_folder_for_a_file_is_refused_and_nothing_is_written(demo: Register, tmp_path: Path) -> None:
    with pytest.raises(DocumentWriteError, match="is a folder; give a file name"):
        export_calendar(demo, tmp_path)
    assert list(tmp_path.iterdir()) == []
