"""How fresh the curated checks are: which rows are overdue for a re-check.

Every table that records when its source was last read (``last_checked``) has a
maximum age, declared once in :data:`MAX_AGE_DAYS`. A row is overdue when its
check is older than that, or when it was never recorded. For the legal table
only current rows (no ``end`` date) count: a closed period is history and stays
true however old its check is.

Pure functions over plain mappings (the validator's records, or rows read with
the csv module), so the command line, the app and the tests share one rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: Maximum age in days of a check, per table. Law moves faster than evidence.
MAX_AGE_DAYS: dict[str, int] = {"legality": 180, "studies": 365, "claims": 365, "harm_figures": 365}

#: What one row of each checked table is, in the words the report uses.
ROW_KIND: dict[str, str] = {
    "legality": "current legal status",
    "studies": "study record",
    "claims": "claim verdict",
    "harm_figures": "harm figure",
}

_FILES = {"legality": "legality.csv", "studies": "studies.yaml", "claims": "claims.yaml", "harm_figures": "harm_figures.csv"}


def is_overdue(age_days: int | None, limit: int) -> bool:
    """Whether a check this many days old is past the limit (None, an unknown age, is not)."""
    return (age_days or 0) > limit


def is_current(row: Mapping) -> bool:
    """A legal row still in force: it has no end date."""
    end = row.get("end")
    return end is None or end != end or (isinstance(end, str) and not end.strip())  # end != end: a NaN from pandas


def age_days(last_checked: str | dt.date | None, today: dt.date) -> int | None:
    """Days between a check (ISO date or date) and today; None when no check is recorded."""
    if last_checked is None or (isinstance(last_checked, str) and not last_checked.strip()):
        return None
    day = last_checked if isinstance(last_checked, dt.date) else dt.date.fromisoformat(last_checked.strip())
    return (today - day).days


@dataclass(frozen=True)
class Overdue:
    """One row whose check is older than its table allows (or was never recorded)."""

    table: str
    record: str
    line: int | None
    last_checked: str | None
    age_days: int | None
    limit: int

    def __str__(self) -> str:
        where = f"{_FILES.get(self.table, self.table)}:{self.line}" if self.line else _FILES.get(self.table, self.table)
        if self.last_checked is None:
            what = "never checked (no last_checked)"
        else:
            what = f"checked {self.last_checked}, {self.age_days} days ago (limit {self.limit} days)"
        todo = "review the verdict against its studies" if self.table == "claims" else "re-read its source"
        return f"{where}: {self.record}: last_checked: {ROW_KIND.get(self.table, 'row')} {what}; {todo} and update last_checked"


def rows_to_check(table: str, rows: Iterable[Mapping]) -> list[Mapping]:
    """The rows whose freshness matters: legal rows in force, claims that carry a verdict, every other row."""
    rows = list(rows)
    if table == "legality":
        return [r for r in rows if is_current(r)]
    if table == "claims":
        return [r for r in rows if r.get("verdict")]
    return rows


def overdue(
    tables: Mapping[str, Iterable[tuple[Mapping, int | None]]],
    today: dt.date,
    days: int | None = None,
    max_age: Mapping[str, int] = MAX_AGE_DAYS,
) -> list[Overdue]:
    """Every overdue row of every checked table.

    ``tables`` maps a table name to its rows, each a (values, line) pair; tables not
    in ``max_age`` are ignored. ``days`` overrides every table's limit.
    """
    found: list[Overdue] = []
    for name, limit in max_age.items():
        if name not in tables:
            continue
        limit = days if days is not None else limit
        pairs = list(tables[name])
        keep = {id(r) for r in rows_to_check(name, [values for values, _ in pairs])}
        for values, line in pairs:
            if id(values) not in keep:
                continue
            checked = values.get("last_checked")
            checked = checked.isoformat() if isinstance(checked, dt.date) else (checked or None)
            age = age_days(checked, today)
            if checked is None or is_overdue(age, limit):
                found.append(Overdue(name, str(values.get("id") or (f"line {line}" if line else "")), line, checked, age, limit))
    return found


@dataclass(frozen=True)
class Sweep:
    """When the legal table was last swept, and how many current rows are overdue."""

    latest: str | None  # latest last_checked over current rows (ISO date)
    current: int
    overdue: int
    limit: int


def legal_sweep(rows: Iterable[Mapping], today: dt.date, limit: int = MAX_AGE_DAYS["legality"]) -> Sweep:
    """Summary of the legal table's freshness, over its current rows."""
    current = rows_to_check("legality", rows)
    dates = [str(r["last_checked"]) for r in current if r.get("last_checked")]
    late = sum(1 for r in current if not r.get("last_checked") or is_overdue(age_days(str(r["last_checked"]), today), limit))
    return Sweep(max(dates) if dates else None, len(current), late, limit)
