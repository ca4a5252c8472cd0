"""``python -m wenlint``: the command line, as the ``wenlint`` script runs it."""

from wenlint.cli import main

main(prog_name="wenlint")
