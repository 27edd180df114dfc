"""Command line: ``python -m claimcheck validate [DATA_DIR]``.

Prints every problem in the data folder, one per line, as
``file:line: record: field: message``; exits 0 when the data is clean, 1 when
it is not, 2 when the folder does not exist.
"""

from __future__ import annotations

import argparse
import sys

from .load import data_dir
from .validate import validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claimcheck", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_val = sub.add_parser("validate", help="check every table and reference in the data folder")
    p_val.add_argument("data_dir", nargs="?", help="data folder (default: $CLAIMCHECK_DATA_DIR or data/)")
    args = parser.parse_args(argv)
    directory = data_dir(args.data_dir)
    if not directory.is_dir():
        print(f"{directory}: not a folder", file=sys.stderr)
        return 2
    result = validate(directory)
    for problem in result.problems:
        print(problem)
    n = len(result.problems)
    rows = sum(len(r) for r in result.records.values())
    if n:
        print(f"{n} problem{'s' if n != 1 else ''} found in {directory} ({rows} records read)", file=sys.stderr)
        return 1
    print(f"{directory}: {rows} records in {len(result.records)} tables, no problems", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
