"""``python -m wenlint`` and the ``wenlint`` script: the command line.

``wenlint --version`` alone is answered here, before the command line's modules (``wenlint.cli``,
argparse) are imported: it is what scripts and editors ask first and most often. Every other
command line, ``--version`` among other arguments included, goes to ``wenlint.cli`` as before.
"""

from __future__ import annotations

import sys


def run() -> None:
    if sys.argv[1:] == ["--version"]:
        _version()
        return
    from wenlint.cli import main

    main(prog_name="wenlint")


def _version() -> None:
    """Print the version; standard output closed, full or a broken pipe: one line, exit 2."""
    import os

    from wenlint import __version__

    try:
        if sys.stdout is None:
            raise OSError("standard output is closed")
        sys.stdout.write(f"wenlint {__version__}\n")
        sys.stdout.flush()
    except (OSError, ValueError) as exc:
        why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        try:  # what is still buffered goes nowhere: the flush at exit cannot fail again
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.close(devnull)
        except OSError:
            pass
        if sys.stderr is not None:
            sys.stderr.write(f"wenlint: error: cannot write the version: {why}\n")
        sys.exit(2)


if __name__ == "__main__":
    run()
