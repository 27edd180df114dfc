"""Command line: ``python -m claimcheck validate [DATA_DIR]``, ``stale``, ``datapackage`` and ``match``.

``validate`` prints every problem in the data folder, one per line, as
``file:line: record: field: message``; exits 0 when the data is clean, 1 when
it is not, 2 when the folder does not exist (or the command line is wrong), and
3 when the checker itself failed (an internal error: please report it).

``new DIR`` writes a minimal valid data folder for a new topic (every required
file, one record marked EXAMPLE in each table that may not be empty).

``stale [DATA_DIR] [--days N] [--report-only]`` lists every current legal row,
study, claim verdict and harm figure whose ``last_checked`` is older than its
table allows (``claimcheck.freshness.MAX_AGE_DAYS``, or N days for every table);
exits 1 when any is overdue, 0 when none is or with ``--report-only``.

``match [--json] FILE|-`` reads an article (UTF-8 text, ``-`` for stdin) and
says which of its sentences make a claim the data folder's ledger already
checked; exits 0 when it could read the text, 2 when it could not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from .load import Unreadable, data_dir, read_bytes
from .validate import validate

INTERNAL_ERROR = 3  # distinct from 1 (problems found) and 2 (no such folder, wrong command line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claimcheck", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_val = sub.add_parser("validate", help="check every table and reference in the data folder")
    p_val.add_argument("data_dir", nargs="?", help="data folder (default: $CLAIMCHECK_DATA_DIR or data/)")
    p_dp = sub.add_parser("datapackage", help="write (or --check) data/datapackage.json from the schema")
    p_dp.add_argument("data_dir", nargs="?", help="data folder (default: $CLAIMCHECK_DATA_DIR or data/)")
    p_dp.add_argument("--check", action="store_true", help="exit 1 if the file is missing or out of date")
    p_stale = sub.add_parser("stale", help="list rows whose source was last checked too long ago")
    p_stale.add_argument("data_dir", nargs="?", help="data folder (default: $CLAIMCHECK_DATA_DIR or data/)")
    p_stale.add_argument("--days", type=int, help="one limit in days for every table (default: each table's own limit)")
    p_stale.add_argument("--report-only", action="store_true", help="list overdue rows but exit 0 (for CI)")
    p_stale.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)  # tests pin the date
    p_new = sub.add_parser("new", help="write a minimal valid data folder for a new topic")
    p_new.add_argument("data_dir", help="the folder to create (it must not exist, or be empty)")
    p_match = sub.add_parser("match", help="which sentences of an article make a claim the ledger already checked")
    p_match.add_argument("file", help="UTF-8 text, Markdown or HTML file; - reads standard input")
    p_match.add_argument("--json", action="store_true", help="one JSON object per sentence, in order")
    p_match.add_argument("--data-dir", dest="data_dir", help="data folder (default: $CLAIMCHECK_DATA_DIR or data/)")
    args = parser.parse_args(argv)
    if args.command == "new":
        return _new(args.data_dir)
    directory = data_dir(args.data_dir)
    if args.command == "match":
        return _match(directory, args.file, args.json)
    if args.command == "datapackage":
        return _datapackage(directory, args.check)
    if not directory.is_dir():
        print(f"{directory}: not a folder", file=sys.stderr)
        return 2
    if args.command == "stale":
        return _stale(directory, args.days, args.report_only, args.today or dt.date.today())
    try:
        result = validate(directory)
    except Exception as exc:  # noqa: BLE001 - any failure of the checker itself is reported, never a traceback
        print(
            f"{directory}: internal error while checking the data ({type(exc).__name__}: {exc}); "
            "this is a bug in the checker, not necessarily in the data: please report it",
            file=sys.stderr,
        )
        return INTERNAL_ERROR
    for problem in result.problems:
        print(problem)
    n = len(result.problems)
    rows = sum(len(r) for r in result.records.values())
    if n:
        print(f"{n} problem{'s' if n != 1 else ''} found in {directory} ({rows} records read)", file=sys.stderr)
        return 1
    print(f"{directory}: {rows} records in {len(result.records)} tables, no problems", file=sys.stderr)
    return 0


def _new(target: str) -> int:
    from pathlib import Path

    from .new import scaffold

    try:
        written = scaffold(Path(target))
    except (FileExistsError, OSError) as exc:
        print(f"{target}: {exc}", file=sys.stderr)
        return 2
    print(
        f"wrote {len(written)} files in {target}: every record in them is marked EXAMPLE; replace each one, then run "
        f"python -m claimcheck validate {target} (README.md, 'Start your own topic', says the rest)",
        file=sys.stderr,
    )
    return 0


def _stale(directory, days: int | None, report_only: bool, today: dt.date) -> int:
    from .freshness import MAX_AGE_DAYS, overdue

    if days is not None and days < 0:
        print(f"--days {days}: give a number of days, 0 or more", file=sys.stderr)
        return 2
    records = validate(directory).records
    tables = {name: [(r.values, r.line) for r in recs] for name, recs in records.items()}
    late = overdue(tables, today, days)
    for row in late:
        print(row)
    limits = ", ".join(f"{name} {days if days is not None else n}" for name, n in MAX_AGE_DAYS.items())
    if late:
        print(
            f"{len(late)} row{'s' if len(late) != 1 else ''} overdue for a re-check in {directory} (limits in days: {limits})",
            file=sys.stderr,
        )
        return 0 if report_only else 1
    print(f"{directory}: no row overdue for a re-check (limits in days: {limits})", file=sys.stderr)
    return 0


def _datapackage(directory, check: bool) -> int:
    from .datapackage import render
    from .dataset import load_dataset

    text = render(directory, load_dataset(directory).meta)
    path = directory / "datapackage.json"
    if check:
        try:
            current = read_bytes(directory, "datapackage.json").decode("utf-8", errors="replace")
        except Unreadable:
            current = None  # missing, or not a regular file inside the folder
        if current != text:
            print(f"{path}: out of date with the schema; run python -m claimcheck datapackage", file=sys.stderr)
            return 1
        print(f"{path}: up to date", file=sys.stderr)
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
    return 0


def _match(directory, file: str, as_json: bool) -> int:
    import json
    from pathlib import Path

    from . import match as M
    from .dataset import load_dataset

    name = "standard input" if file == "-" else file
    try:
        if file == "-":
            data = sys.stdin.buffer.read(M.MAX_INPUT_BYTES + 1)
        else:
            path = Path(file)
            if not path.is_file():
                print(f"{file}: no such file", file=sys.stderr)
                return 2
            with path.open("rb") as fh:
                data = fh.read(M.MAX_INPUT_BYTES + 1)
        text = M.decode_bytes(data, name)
        if M.looks_like_html(text):
            text = M.check_text(M.html_to_text(text), name)
    except M.InputError as err:
        print(f"{err}", file=sys.stderr)
        return 2
    if not directory.is_dir():
        print(f"{directory}: not a folder", file=sys.stderr)
        return 2
    ds = load_dataset(directory)
    matcher = M.build_matcher(ds, M.load_embedder())
    if not M.looks_english(text):
        print(
            f"{name}: this does not look like English; the ledger's claims are in English, so few or no matches are expected.",
            file=sys.stderr,
        )
    results = M.match_text(matcher, text)
    if as_json:
        for r in results:
            print(json.dumps(r.to_json(), ensure_ascii=False))
        return 0
    statements = dict(zip(ds["claims"]["id"], ds["claims"]["statement"]))
    verdicts = dict(zip(ds["claims"]["id"], ds["claims"]["verdict"]))
    from .labels import VERDICT, label

    checked = sum(1 for r in results if r.same)
    unchecked = sum(1 for r in results if r.checkworthy and not r.same)
    print(f"{len(results)} sentences: {checked} make a claim already checked, {unchecked} make a claim not checked yet.")
    print(f"Method: {matcher.method}.\n")
    for r in results:
        if not r.checkworthy and not r.same:
            continue
        s = r.sentence
        print(f"[{s.start}-{s.end}] {s.text}")
        if r.same:
            for m in r.same:
                print(f"    = {m.claim} ({label(VERDICT, verdicts.get(m.claim))}, score {m.score:.2f}): {statements.get(m.claim, '')}")
        else:
            near = f"; nearest: {r.matches[0].claim} (score {r.matches[0].score:.2f})" if r.matches else ""
            print(f"    not checked yet{near}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
