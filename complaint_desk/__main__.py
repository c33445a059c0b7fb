"""``python -m complaint_desk`` / ``complaint-desk``: the GUI with no command, else the CLI."""

from __future__ import annotations

import os
import sys


def main() -> int:
    argv = sys.argv[1:]
    gui_options = {"--db", "--user", "--lang"}
    wants_gui = all(a.startswith("--") for a in argv[::2]) and \
        set(argv[::2]) <= gui_options and "--help" not in argv
    if wants_gui:
        try:
            from complaint_desk.gui.app import run_gui
        except ImportError as error:
            if "complaint_desk.gui.app" not in str(error):
                raise
        else:
            if os.environ.get("COMPLAINT_DESK_SMOKE"):  # make dist-test: start, paint, quit
                from complaint_desk.gui.smoke import quit_after_first_paint

                quit_after_first_paint()
            return run_gui(argv)
    from complaint_desk.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
