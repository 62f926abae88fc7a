"""Commands that write records: ``add KIND``, ``edit REF``, ``delete REF`` and ``restore REF``.

Every write goes through ``services.records.Records``, so it is validated and audited as in the app. Values are
read and checked before the register is opened; a refused write changes nothing and exits with status 1.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..domain import entities as e
from ..domain.errors import NotFoundError, ValidationError
from ..domain.i18n import tr
from ..domain.records import RecordKind, parse_reference
from ..domain.validation import still_to_come
from .output import plain, print_json
from .record_fields import (
    KIND_ALIASES,
    WRITABLE_KINDS,
    RefusedError,
    convert_all,
    fields_of,
    option_of,
    refuse_missing,
    refuse_unknown,
)
from .register_commands import open_register_of


class FieldsParser(argparse.ArgumentParser):
    """A parser for writes: its mistakes are refusals (status 1), and it keeps unknown options for the command.

    The command names an unknown field and suggests the nearest one, which argparse's own message cannot.
    """

    def parse_known_args(self, args=None, namespace=None):
        """As argparse's, keeping unknown options in ``unknown_fields`` instead of returning them."""
        namespace, extras = super().parse_known_args(args, namespace)
        namespace.unknown_fields = [*getattr(namespace, "unknown_fields", []), *extras]
        return namespace, []

    def error(self, message: str):
        """Prints the usage and the problem, and exits with status 1, as any refused write does."""
        self.print_usage(sys.stderr)
        self.exit(1, tr("assetreg: {message}\n").format(message=message))


class EditParser(FieldsParser):
    """``edit REF``: the fields it takes are those of REF's kind, added once REF is known (so ``--help`` lists them)."""

    def parse_known_args(self, args=None, namespace=None):
        """As argparse's, with the options of REF's kind added first."""
        kind = _kind_of_reference_in(list(args or ()))
        if kind in WRITABLE_KINDS and not getattr(self, "fields_added", False):
            add_field_options(self, kind)
            self.fields_added = True
        return super().parse_known_args(args, namespace)


def _kind_of_reference_in(words: Sequence[str]) -> RecordKind | None:
    """The kind of the first word that is not an option or an option's value, if it is a reference."""
    takes_no_value = {"--json", "-h", "--help"}
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word.startswith("-"):
            skip = word not in takes_no_value and "=" not in word
        else:
            try:
                return parse_reference(word)[0]
            except NotFoundError:
                return None
    return None


def add_field_options(parser: argparse.ArgumentParser, kind: RecordKind) -> None:
    """One option per field of the kind, each taking its value as written (it is read by ``record_fields``)."""
    group = parser.add_argument_group(tr("fields of {kinds}").format(kinds=kind.info.plural))
    for spec in fields_of(kind).values():
        group.add_argument(
            spec.option,
            dest=f"field_{spec.name}",
            metavar=spec.metavar,
            default=argparse.SUPPRESS,
            help=spec.help().replace("%", "%%"),
        )


def add_parsers(commands: Any, parents: Any) -> None:
    """Registers ``add``, ``edit``, ``delete`` and ``restore`` (``parents``: ``cli.Parents``)."""
    db, as_json = parents.db, parents.as_json
    add = commands.add_parser("add", description=_add_description())
    # argparse makes every sub-command with its parent's parser class; these need the refusing kind.
    add.__class__ = FieldsParser
    kinds = add.add_subparsers(dest="record_kind", metavar="KIND", required=True, parser_class=FieldsParser)
    for kind in WRITABLE_KINDS:
        parser = kinds.add_parser(
            kind.value,
            aliases=KIND_ALIASES.get(kind, ()),
            parents=[db, as_json],
            allow_abbrev=False,
            help=kind.info.plural,
            description=tr(
                "Add to the register's {kinds}. Write dates as 31/08/2025 or 2025-08-31, yes or no as true or "
                "false, codes as listed, lists separated by commas."
            ).format(kinds=kind.info.plural),
        )
        add_field_options(parser, kind)
        parser.set_defaults(handler=add_record, kind_code=kind.value)

    edit = commands.add_parser(
        "edit",
        parents=[db, as_json],
        allow_abbrev=False,
        description=tr(
            "Change some fields of a record; the others stay as they are. An empty value clears an optional field. "
            "The fields are those of the record's kind: assetreg edit REF --help lists them."
        ),
    )
    edit.__class__ = EditParser
    edit.add_argument("reference", metavar="REF", help=tr("the record's reference, for example DN-0001"))
    edit.set_defaults(handler=edit_record)

    for name, handler in (("delete", delete_record), ("restore", restore_record)):
        command = commands.add_parser(name, parents=[db, as_json])
        command.__class__ = FieldsParser
        command.add_argument("reference", metavar="REF", help=tr("the record's reference, for example DN-0001"))
        command.set_defaults(handler=handler)


def _add_description() -> str:
    names = [kind.value + "".join(f" ({alias})" for alias in KIND_ALIASES.get(kind, ())) for kind in WRITABLE_KINDS]
    return tr("Add a record. KIND is one of: {kinds}. assetreg add KIND --help lists its fields.").format(
        kinds=", ".join(names)
    )


@contextmanager
def refusals() -> Iterator[None]:
    """Turns the services' refusals into the command line's: each problem named by its option, status 1."""
    try:
        yield
    except ValidationError as error:
        raise RefusedError(
            "\n".join(f"{option_of(name)}: {message}" for name, message in error.problems.items())
        ) from error
    except NotFoundError as error:
        raise RefusedError(str(error)) from error


def _given(args: argparse.Namespace, kind: RecordKind) -> dict[str, str]:
    return {name: getattr(args, f"field_{name}") for name in fields_of(kind) if hasattr(args, f"field_{name}")}


def _writable_reference(text: str) -> tuple[RecordKind, str]:
    with refusals():
        kind, reference = parse_reference(text)
    return kind, reference


def add_record(args: argparse.Namespace) -> int:
    """``add KIND --FIELD VALUE ...``: validates and saves a new record, printing its reference."""
    from ..services.records import Records

    kind = RecordKind(args.kind_code)
    refuse_unknown(kind, args.unknown_fields, f"add {kind.value}")
    values = convert_all(kind, _given(args, kind))
    refuse_missing(kind, values)
    with open_register_of(args) as register, refusals():
        created = Records(register).create(kind.entity(**values)).value
        warnings = still_to_come(created, register.today())
        verdict = _verdict(register, created)
    if args.json:
        said = {"reference": created.reference, "kind": kind.value, "record": plain(created), "warnings": warnings}
        print_json({**said, **verdict})
    else:
        print(tr("Added {reference}.").format(reference=created.reference))
        _say_verdict(verdict)
        _warn(warnings)
    return 0


def _verdict(register, record, before=None) -> dict[str, Any]:
    """For a request to be treated as a bidder: whether the case now counts it to start the full moratorium, and
    why (a day received late, or before the notice, takes away a full moratorium: said, not left to be found)."""
    if not isinstance(record, e.BidderRequest):
        return {}
    from ..services.bidder_requests import assessment_of

    verdict = assessment_of(register, record).verdict
    if verdict is None:
        return {"verdict": None}
    starts, shown, why = verdict.starts_full_moratorium, verdict.shown, verdict.why
    if before is not None and before.council_counted and not record.council_counted and not starts:
        why += " " + tr(
            "The council's list counted this request, so check the day with the council before relying on this."
        )
    counted = verdict.council_counted
    return {"verdict": {"starts_full_moratorium": starts, "shown": shown, "council_counted": counted, "why": why}}


def _say_verdict(said: dict[str, Any]) -> None:
    if said.get("verdict"):
        print(textwrap.fill(said["verdict"]["why"], width=100, initial_indent="  ", subsequent_indent="  "))


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        print(tr("warning: {warning}").format(warning=warning), file=sys.stderr)


def edit_record(args: argparse.Namespace) -> int:
    """``edit REF --FIELD VALUE ...``: changes the given fields of a record, printing which changed."""
    from ..services.records import Records

    kind, reference = _writable_reference(args.reference)
    if kind not in WRITABLE_KINDS:
        raise RefusedError(tr("Documents are changed in the app, where their file is kept with them."))
    refuse_unknown(kind, args.unknown_fields, f"edit {reference}")
    values = convert_all(kind, _given(args, kind))
    if not values:
        raise RefusedError(
            tr(
                "Say what to change, for example {option} VALUE; assetreg edit {reference} --help lists the fields."
            ).format(
                option="--notes" if "notes" in fields_of(kind) else next(iter(fields_of(kind).values())).option,
                reference=reference,
            )
        )
    with open_register_of(args) as register, refusals():
        records = Records(register)
        before = records.get(reference)
        after = records.update(reference, **values).value
        changed = [name for name in fields_of(kind) if getattr(before, name) != getattr(after, name)]
        warnings = still_to_come(after, register.today()) if {"sent_on", "received_on"} & set(changed) else []
        verdict = _verdict(register, after, before)
    if args.json:
        said = {"reference": reference, "kind": kind.value, "changed": changed, "record": plain(after)}
        print_json({**said, "warnings": warnings, **verdict})
        return 0
    if changed:
        print(tr("Changed {reference}: {fields}.").format(reference=reference, fields=", ".join(changed)))
    else:
        print(tr("{reference} already had those values; nothing changed.").format(reference=reference))
    _say_verdict(verdict)
    _warn(warnings)
    return 0


def delete_record(args: argparse.Namespace) -> int:
    """``delete REF``: moves the record and what depends on it to the trash, printing every reference moved."""
    from ..services.records import Records

    kind, reference = _writable_reference(args.reference)
    with open_register_of(args) as register, refusals():
        records = Records(register)
        record = records.get(reference)
        references = records.delete(reference).value
    _report(args, tr("Deleted {references}."), kind, reference, references, record)
    return 0


def restore_record(args: argparse.Namespace) -> int:
    """``restore REF``: brings a deleted record back with what was deleted along with it."""
    from ..services.records import Records

    if args.reference.endswith(".assetreg") or "/" in args.reference or "\\" in args.reference:
        from .backup_commands import put_back  # ``restore BACKUP``: a backup file, not a record's reference

        args.backup = Path(args.reference)
        return put_back(args)
    kind, reference = _writable_reference(args.reference)
    with open_register_of(args) as register, refusals():
        records = Records(register)
        references = records.restore(reference).value
        record = records.get(reference)
    _report(args, tr("Restored {references}."), kind, reference, references, record)
    return 0


def _report(args: argparse.Namespace, sentence: str, kind: RecordKind, reference: str, refs: list[str], record) -> None:
    if args.json:
        print_json({"reference": reference, "kind": kind.value, "references": refs, "record": plain(record)})
        return
    others = [r for r in refs if r != reference]
    named = (
        tr("{reference} (and {others})").format(reference=reference, others=", ".join(others)) if others else reference
    )
    print(sentence.format(references=named))
