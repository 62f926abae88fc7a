"""The command line's parser is cheap to build: ``assetreg --help`` (and the desktop app, which parses its command
line first) loads no command's module; each command's module is loaded when the command is given."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from assetreg import cli
from assetreg.app import main


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-4000:]
    return set(result.stdout.split())


def _commands_action(parser: argparse.ArgumentParser) -> cli.Commands:
    (action,) = [a for a in parser._actions if isinstance(a, cli.Commands)]
    return action


def test_building_the_parser_and_its_help_load_no_command() -> None:
    loaded = _loaded_after(
        "from assetreg.cli import build_parser\n"
        "parser = build_parser()\n"
        "text = parser.format_help()\n"
        "assert 'list or show assets' in text and 'copy a register' in text, text\n"
        "assert parser.parse_args([]).command is None\n"
    )
    heavy = {m for m in loaded if m.endswith("_commands") or m.startswith(("sqlalchemy", "assetreg.services"))}
    assert not heavy, sorted(heavy)
    assert "assetreg.domain.entities" not in loaded and "dataclasses" not in loaded


def test_a_command_loads_its_own_module_only() -> None:
    loaded = _loaded_after(
        "from assetreg.cli import build_parser\n"
        "args = build_parser().parse_args(['assets', 'list', '--json', '--db', 'r.assetreg'])\n"
        "assert args.handler.__name__ == 'assets_list' and args.json and args.db == 'r.assetreg'\n"
    )
    assert "assetreg.cli.register_commands" in loaded
    others = {m for m in loaded if m.endswith("_commands")} - {"assetreg.cli.register_commands"}
    assert not others, sorted(others)


def test_every_command_is_declared_once_and_made_by_the_module_named() -> None:
    parser = cli.build_parser()
    commands = _commands_action(parser)
    declared = [name for name, _, _ in cli._commands()]
    assert [a.dest for a in commands._choices_actions] == declared
    assert len(set(declared)) == len(declared)
    for name, _what, module in cli._commands():
        made = commands.load(name)
        assert isinstance(made, argparse.ArgumentParser), name
        assert made.prog == f"assetreg {name}"
        assert f"assetreg.cli.{module}" in sys.modules
    # Loading every module made no command that ``assetreg --help`` does not list, and listed none twice.
    assert set(commands._name_parser_map) == set(declared)
    assert [a.dest for a in commands._choices_actions] == declared
    assert all(isinstance(p, argparse.ArgumentParser) for p in commands._name_parser_map.values())


def test_help_lists_every_command_with_its_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    for name, what, _ in cli._commands():
        assert f"{name} {' '.join(what.split())}" in out, name


def test_an_unknown_command_is_refused_naming_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["asets", "list"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'asets'" in err and "'assets'" in err and "'copy'" in err


def test_a_commands_own_help_is_made_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["dates", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: assetreg dates [-h] [--db PATH|URL] [--json]")
    assert "disposal-notice-received" in out  # the events, listed in its description
