"""The December 2026 legal sweep, as the reader sees it: the sweep date and overdue count on the
Legality page, and every US state and federal status re-checked in the sweep."""

from __future__ import annotations

import csv
import datetime as dt
import re

from .conftest import REAL
from .test_pages import open_page


def _current_rows() -> list[dict]:
    with open(REAL / "legality.csv", newline="", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if not r["end"].strip()]


def test_legality_page_shows_the_sweep_date_and_overdue_count_of_the_table():
    at = open_page("pages/5_Legality.py")
    [line] = [c.value for c in at.caption if "Table last swept" in c.value]
    m = re.search(r"Table last swept: \*\*(\d{1,2} \w{3} \d{4})\*\*.*\*\*(\d+) of (\d+)\*\* entries in force are overdue", line)
    assert m, line
    shown = dt.datetime.strptime(m.group(1), "%d %b %Y").date()
    current = _current_rows()
    assert shown == max(dt.date.fromisoformat(r["last_checked"]) for r in current)
    today = dt.date.today()
    overdue = sum(1 for r in current if (today - dt.date.fromisoformat(r["last_checked"])).days > 180)
    assert (int(m.group(2)), int(m.group(3))) == (overdue, len(current))


def test_every_current_us_state_and_federal_status_was_rechecked_in_the_december_2026_sweep():
    rows = [r for r in _current_rows() if r["level"] in ("state", "federal")]
    states = {r["code"] for r in rows if r["level"] == "state"}
    assert len(states) == 51, "all 50 states and DC have a status in force"
    late = [(r["id"], r["last_checked"]) for r in rows if r["last_checked"] < "2026-12-01"]
    assert not late, f"not re-checked in the sweep: {late}"
