"""``done UID`` and ``undone UID``: mark a deadline done (or not applicable), or take the mark back.

Thin wrappers over ``services.marks``: the mark is a record, so it is validated and audited as in the app. A
refused mark (a uid the register does not have, a day still to come) changes nothing and exits with status 1.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..domain.errors import NotFoundError, ValidationError
from ..domain.i18n import tr
from .arguments import typed_day
from .output import plain, print_json
from .record_commands import FieldsParser
from .record_fields import RefusedError
from .register_commands import open_register_of

# The options of these commands, by the field of the mark each one sets.
_OPTIONS = {"marked_on": "--on-date", "notes": "--notes", "state": "--not-applicable", "uid": "UID"}


def add_parsers(commands: Any, parents: Any) -> None:
    """Registers ``done`` and ``undone`` (``parents``: ``cli.Parents``)."""
    db, as_json = parents.db, parents.as_json
    done = commands.add_parser(
        "done",
        parents=[db, as_json],
        description=tr(
            "Mark a deadline done: it leaves what is overdue and what is coming, and stays in the asset's history. "
            "UID is as assetreg deadlines --json prints it, for example DN-0001/ACV-IMP-END. assetreg undone UID "
            "takes the mark back."
        ),
    )
    done.__class__ = FieldsParser  # a mistake is a refused write (status 1), as for add and edit
    done.add_argument("uid", metavar="UID", help=tr("the deadline, for example DN-0001/ACV-IMP-END or TSK-0003/TASK"))
    done.add_argument(
        "--not-applicable", action="store_true", help=tr("the deadline does not apply to the group, rather than done")
    )
    done.add_argument("--notes", default="", metavar="TEXT", help=tr("what was done, or why it does not apply"))
    done.add_argument(
        "--on-date", type=typed_day, metavar="DATE", help=tr("the day it was done, such as 31/08/2025 (default today)")
    )
    done.set_defaults(handler=mark_done)
    undone = commands.add_parser(
        "undone",
        parents=[db, as_json],
        description=tr("Take back the mark on a deadline: the mark goes to the trash and the deadline is due again."),
    )
    undone.__class__ = FieldsParser
    undone.add_argument("uid", metavar="UID", help=tr("the deadline, for example DN-0001/ACV-IMP-END"))
    undone.set_defaults(handler=mark_undone)


@contextmanager
def _refusals() -> Iterator[None]:
    """The services' refusals as the command line's, each problem named by the option that gave it."""
    try:
        yield
    except ValidationError as error:
        raise RefusedError(
            "\n".join(f"{_OPTIONS.get(name, name)}: {message}" for name, message in error.problems.items())
        ) from error
    except NotFoundError as error:
        raise RefusedError(str(error)) from error


def _refuse_extras(args: argparse.Namespace) -> None:
    if args.unknown_fields:
        raise RefusedError(
            tr("{words}: not an option of this command (see its --help).").format(words=" ".join(args.unknown_fields))
        )


def mark_done(args: argparse.Namespace) -> int:
    """``done UID``: marks the deadline done or not applicable, printing the mark."""
    from ..domain.enums import MarkState
    from ..services.marks import mark_deadline

    _refuse_extras(args)
    state = MarkState.NOT_APPLICABLE if args.not_applicable else MarkState.DONE
    with open_register_of(args) as register, _refusals():
        mark = mark_deadline(register, args.uid, state, on=args.on_date, notes=args.notes).value
    if args.json:
        print_json({"reference": mark.reference, "uid": mark.uid, "state": mark.state.value, "record": plain(mark)})
    elif mark.state is MarkState.DONE:
        print(tr("Marked {uid} done ({reference}).").format(uid=mark.uid, reference=mark.reference))
    else:
        print(tr("Marked {uid} not applicable ({reference}).").format(uid=mark.uid, reference=mark.reference))
    return 0


def mark_undone(args: argparse.Namespace) -> int:
    """``undone UID``: takes back the deadline's mark (to the trash), so it is due again."""
    from ..services.marks import live_mark, unmark_deadline

    _refuse_extras(args)
    with open_register_of(args) as register, _refusals():
        mark = live_mark(register, args.uid)
        references = unmark_deadline(register, args.uid).value
    if args.json:
        print_json({"reference": mark.reference, "uid": mark.uid, "references": references, "record": plain(mark)})
    else:
        print(
            tr("Took back the mark on {uid} ({reference}); it is due again.").format(
                uid=mark.uid, reference=mark.reference
            )
        )
    return 0
