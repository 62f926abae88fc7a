"""Who the audit trail names: the name the person set in the app, else ``ASSETREG_USER``, else the database role,
else the login name — on a file and on a shared register alike."""

from __future__ import annotations

import getpass

import pytest

from assetreg.domain import entities as e
from assetreg.domain.errors import ValidationError
from assetreg.services.records import Records
from assetreg.services.register import checked_person_name, person_name


def test_the_name_set_names_every_change_from_then_on(register, monkeypatch) -> None:
    monkeypatch.setenv("ASSETREG_USER", "Command Line Clerk")
    Records(register).create(e.Asset(name="The Red Lion"))  # as the fixture's 'tester'
    register.name_person("Margaret Hale (treasurer)")
    Records(register).update("AST-0001", notes="Asked the council")
    register.name_person("")  # none set in the app: the command line's name
    Records(register).update("AST-0001", notes="Council replied")
    monkeypatch.delenv("ASSETREG_USER")
    register.name_person("")  # none set anywhere: the database role on a server, the login name on a file
    Records(register).update("AST-0001", notes="Meeting booked")
    last = register.opened.role or getpass.getuser()
    assert [h.user for h in Records(register).history("AST-0001")] == [
        "tester",
        "Margaret Hale (treasurer)",
        "Command Line Clerk",
        last,
    ]


def test_a_name_is_tidied_and_one_too_long_is_refused(monkeypatch) -> None:
    monkeypatch.delenv("ASSETREG_USER", raising=False)
    assert checked_person_name("  Margaret \t Hale ") == "Margaret Hale"
    assert checked_person_name("   ") == ""
    assert checked_person_name("M" * 120) == "M" * 120
    with pytest.raises(ValidationError) as refused:
        checked_person_name("M" * 121)
    assert refused.value.problems == {
        "person_name": "A name can be at most 120 characters; this one has 121. Shorten it."
    }
    assert person_name("clerk", "  Jo  Bloggs ") == "Jo Bloggs"
    assert person_name("clerk") == "clerk"
    monkeypatch.setenv("ASSETREG_USER", "E" * 200)  # the history's column holds 120: never a failed write
    assert person_name("clerk") == "E" * 120
