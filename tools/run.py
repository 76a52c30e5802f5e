"""honcho for `make run`: a stop by Ctrl-C or a TERM ends cleanly.

honcho stops every process of the Procfile when it gets SIGINT or SIGTERM,
then exits with 130 or 143, which make reports as a failure
("make: *** [Makefile:NN: run] Error 130"). Run in honcho's place, with
honcho's arguments (`python -m tools.run --no-colour -f Procfile start`), it
exits with 0 after such a stop, and as honcho does otherwise.
"""

import sys

from honcho.command import main

# honcho's exit statuses after it stopped its processes on SIGINT, SIGTERM.
STOPPED_BY_SIGNAL = {130, 143}


def run(argv: list[str]) -> int:
    """Run honcho with these arguments; return 0 if a signal stopped it."""
    try:
        main(argv)
    except SystemExit as end:
        if end.code in STOPPED_BY_SIGNAL:
            return 0
        raise
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
