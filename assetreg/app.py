"""Composition root: parse the command line, then run a command or start the desktop app."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``assetreg`` command."""
    from .cli import build_parser, run

    args = build_parser().parse_args(argv)
    if getattr(args, "handler", None) is not None:
        status = run(args)
        if getattr(args, "moved", None):  # ``assetreg move``: the desktop app's recent registers follow it
            from .gui.recent import follow_move

            follow_move(*args.moved)
        return status
    return _start_gui(args)


def _start_gui(args) -> int:
    # Qt is imported only here, so commands stay fast and work without a display.
    from .domain.errors import AssetRegError

    # What the window reads, loaded before Qt: once PySide6 is loaded it reads the source of every module
    # imported after it (for its __feature__ switches), which took half a second of each start.
    from .services import deadlines, records, register  # noqa: F401

    demo_folder = None
    try:
        if args.demo:
            from .services.demo import temporary_demo_register

            path = temporary_demo_register()
            demo_folder = path.parent
        else:
            from .paths import register_path

            path = register_path(args.db) if getattr(args, "db", None) else None  # a file, or an address
        from .gui.application import run_gui

        # A demo copy is thrown away, so it is never the register opened next time.
        return run_gui(path, screenshot=args.screenshot, view=args.view, remember=not args.demo)
    except AssetRegError as error:
        print(f"assetreg: {error}", file=sys.stderr)
        return error.exit_status
    finally:
        if demo_folder is not None:  # the demo copy and its attachments go when the app closes
            shutil.rmtree(demo_folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
