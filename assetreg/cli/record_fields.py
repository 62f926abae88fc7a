"""The fields of each kind of record as command-line options, read from the entity dataclasses.

One generic reading of a dataclass field's type annotation gives its option (``received_on`` → ``--received-on``),
its help and how a word becomes its value, so a field added to an entity needs no change here. Values are written
as ``--json`` prints them: dates as YYYY-MM-DD (or as a person types them, 31/08/2025), booleans as true/false,
enums by their codes, title numbers separated by commas; an empty value clears an optional field.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

from ..domain.dates import typed_date
from ..domain.errors import AssetRegError, NotFoundError
from ..domain.i18n import tr
from ..domain.records import RecordKind, parse_reference

# Documents are attached with their file in the app, which stores and hashes it; typing their fields is no way in.
WRITABLE_KINDS: tuple[RecordKind, ...] = tuple(k for k in RecordKind if k is not RecordKind.DOCUMENT)
# Other words people use for a kind, accepted wherever KIND is.
KIND_ALIASES: dict[RecordKind, tuple[str, ...]] = {
    RecordKind.TRANSFER_APPLICATION: ("application",),
    RecordKind.USER_DEADLINE: ("task",),
}
_TRUE, _FALSE = ("true", "yes", "1"), ("false", "no", "0")


class RefusedError(AssetRegError):
    """A write the command line refused before, or instead of, changing the register (exit status 1)."""

    exit_status = 1


def option_of(name: str) -> str:
    """The option of a field: ``received_on`` → ``--received-on``."""
    return "--" + name.replace("_", "-")


@dataclass(frozen=True)
class FieldSpec:
    """One field of an entity, as an option: its value type, whether it may be empty, whether it must be given."""

    name: str
    base: type  # str, bool, int, float, date, datetime, tuple or an Enum subclass
    optional: bool  # the field may hold None
    required: bool  # the dataclass gives it no default
    default: Any

    @property
    def option(self) -> str:
        return option_of(self.name)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(m.value for m in self.base) if issubclass(self.base, Enum) else ()

    @property
    def metavar(self) -> str:
        if self.codes:
            return "CODE"
        if self.name.endswith("_ref"):
            return "REF"
        return {bool: "true|false", int: "N", float: "NUMBER", date: "DATE", datetime: "DATETIME"}.get(
            self.base, "LIST" if self.base is tuple else "TEXT"
        )

    def what_to_write(self) -> str:
        """What a value of this field looks like, for help and for refusals."""
        if self.codes:
            return tr("one of: {codes}").format(codes=", ".join(self.codes))
        if self.name.endswith("_ref"):
            example = _example_reference(self.name)
            return tr("a reference, for example {example}").format(example=example) if example else tr("a reference")
        return {
            bool: tr("true or false"),
            int: tr("a whole number"),
            float: {"latitude": tr("a number, for example 51.5"), "longitude": tr("a number, for example -0.12")}.get(
                self.name, tr("a number")
            ),
            date: tr("a date such as 31/08/2025 or 2025-08-31"),
            datetime: tr("a date and time as YYYY-MM-DDTHH:MM"),
            tuple: tr("values separated by commas"),
        }.get(self.base, tr("text"))

    def help(self) -> str:
        """The option's line in ``--help``: what to write; whether it is required or may be cleared; its default."""
        parts = [self.what_to_write()]
        if self.required:
            parts.append(tr("required"))
        elif self.optional or self.base in (str, tuple):
            parts.append(tr("optional; an empty value clears it"))
        if not self.required and self.default not in (None, "", ()):
            shown = self.default.value if isinstance(self.default, Enum) else self.default
            shown = str(shown).lower() if isinstance(shown, bool) else shown
            parts.append(tr("default {value}").format(value=shown))
        return "; ".join(parts)

    def convert(self, text: str) -> Any:
        """The value ``text`` stands for; ``RefusedError`` naming the option and saying what to write if none."""
        word = text.strip()
        if self.base is str and not (self.name.endswith("_ref") and word):
            return text
        if self.base is tuple:
            return tuple(part.strip() for part in word.split(",") if part.strip())
        if not word:
            if self.optional:
                return None
            raise RefusedError(
                tr("{option} cannot be left empty; write {what}.").format(option=self.option, what=self.what_to_write())
            )
        if self.base is date:
            try:
                return typed_date(word)
            except ValueError as error:
                raise RefusedError(f"{self.option}: {error}") from None
        try:
            return self._parse(word)
        except (ValueError, NotFoundError):
            message = (
                tr("{option}: “{text}” is not a code AssetReg knows; write {what}.")
                if self.codes
                else tr("{option}: write {what}, not “{text}”.")
            )
            raise RefusedError(message.format(option=self.option, text=word, what=self.what_to_write())) from None

    def _parse(self, word: str) -> Any:
        if self.name.endswith("_ref"):
            # Written as a person types it (``ast-1``); stored as the register writes it (``AST-0001``).
            return parse_reference(word)[1]
        if self.codes:
            by_code = {m.value.lower(): m for m in self.base}
            if word.lower() not in by_code:
                raise ValueError(word)
            return by_code[word.lower()]
        if self.base is bool:
            if word.lower() in _TRUE:
                return True
            if word.lower() in _FALSE:
                return False
            raise ValueError(word)
        if self.base is datetime:
            return datetime.fromisoformat(word)
        return self.base(word)  # int, float


def _example_reference(name: str) -> str:
    """A reference of the kind a ``*_ref`` field most likely points at, read from its name (``notice_ref`` → DN).

    Only for help: the services check every reference against the register whatever is shown here.
    """
    last = name.removesuffix("_ref").replace("_", "-").rsplit("-", 1)[-1]
    if last == "owner":  # owners are parties (people or organisations)
        return "PTY-0001"
    for kind in RecordKind:
        if kind.value.endswith(last) or last in KIND_ALIASES.get(kind, ()):
            return f"{kind.prefix}-0001"
    return ""


@cache
def fields_of(kind: RecordKind) -> dict[str, FieldSpec]:
    """The fields of a kind a person can write, by name, in the entity's order (``reference`` is given, not set)."""
    hints = typing.get_type_hints(kind.entity)
    specs = {}
    for f in dataclasses.fields(kind.entity):
        if f.name == "reference":
            continue
        base, optional = _unwrap(hints[f.name])
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        default = None if required else (f.default if f.default is not dataclasses.MISSING else f.default_factory())
        specs[f.name] = FieldSpec(f.name, base, optional, required, default)
    return specs


def _unwrap(hint: Any) -> tuple[type, bool]:
    """The value type of an annotation and whether it admits None (``date | None`` → ``(date, True)``)."""
    optional = False
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        members = [a for a in typing.get_args(hint) if a is not type(None)]
        optional = len(members) < len(typing.get_args(hint))
        hint = members[0]
    origin = typing.get_origin(hint)
    return (origin if origin is not None else hint), optional


def convert_all(kind: RecordKind, given: dict[str, str]) -> dict[str, Any]:
    """Every given field's value, or one ``RefusedError`` naming each field that is wrong."""
    specs = fields_of(kind)
    values, problems = {}, []
    for name, text in given.items():
        try:
            values[name] = specs[name].convert(text)
        except RefusedError as error:
            problems.append(str(error))
    if problems:
        raise RefusedError("\n".join(problems))
    return values


def refuse_unknown(kind: RecordKind, words: Sequence[str], command: str) -> None:
    """Refuses options that are not fields of ``kind``, suggesting the nearest field and listing them all."""
    if not words:
        return
    options = [spec.option for spec in fields_of(kind).values()]
    messages = []
    for i, word in enumerate(words):
        option = word.split("=", 1)[0]
        if not word.startswith("-"):
            if i and words[i - 1].startswith("-") and "=" not in words[i - 1]:
                continue  # the value of the unknown option before it
            messages.append(tr("“{word}” is not an option; write fields as --FIELD VALUE.").format(word=word))
        elif near := difflib.get_close_matches(option, options, n=1):
            messages.append(
                tr("{kinds} have no field {option}; did you mean {near}?").format(
                    kinds=kind.info.plural, option=option, near=near[0]
                )
            )
        else:
            messages.append(tr("{kinds} have no field {option}.").format(kinds=kind.info.plural, option=option))
    messages.append(
        tr("The fields are: {options} (see assetreg {command} --help).").format(
            options=", ".join(options), command=command
        )
    )
    raise RefusedError("\n".join(messages))


def refuse_missing(kind: RecordKind, given: Iterable[str]) -> None:
    """Refuses a new record without every field it must have, saying what to write for each."""
    missing = [spec for name, spec in fields_of(kind).items() if spec.required and name not in set(given)]
    if missing:
        raise RefusedError(
            "\n".join(
                tr("A new {kind} needs {option}: write {what}.").format(
                    kind=kind.label, option=spec.option, what=spec.what_to_write()
                )
                for spec in missing
            )
        )
