"""Legality: the status in force on a date, the age of each check, histories, local rules and the timeline."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .. import labels as L
from ..freshness import MAX_AGE_DAYS, is_overdue
from ..validate import date_bounds


def status_as_of(legality: pd.DataFrame, when: dt.date, scope: str) -> pd.DataFrame:
    """The row in force on ``when`` for each jurisdiction, for one scope.

    A period runs from the first day of its start to the first day of its end
    (the day a later rule replaced it), so back-to-back rows never both apply.
    """
    df = legality[legality["scope"] == scope]
    lo = df["start"].map(lambda v: b[0] if (b := date_bounds(v)) else dt.date.min)
    hi = df["end"].map(lambda v: b[0] if (b := date_bounds(v)) else dt.date.max)
    return df[(lo <= when) & (when < hi)].copy()


def check_age_days(last_checked: pd.Series, today: dt.date) -> pd.Series:
    """Days since each row's source was last checked."""
    return last_checked.apply(lambda d: (today - dt.date.fromisoformat(d)).days if isinstance(d, str) else None)


STALE_DAYS = MAX_AGE_DAYS["legality"]  # a legal entry whose source was last read longer ago than this is flagged


def is_stale(age_days, stale_days: int = STALE_DAYS) -> bool:
    """Whether a check this many days old (None: unknown) is flagged as stale (the rule of ``freshness``)."""
    return is_overdue(age_days, stale_days)


def provenance_table(legality: pd.DataFrame, today: dt.date, stale_days: int = STALE_DAYS, scopes: dict | None = None) -> pd.DataFrame:
    """Every legal row for display, with its age, its flags (low confidence, stale check) and first source."""
    table = legality.copy()
    table["Status"] = table["status"].map(L.LEGAL_STATUS)
    table["Checked (days ago)"] = check_age_days(table["last_checked"], today)
    table["Flags"] = [
        " ".join(
            x
            for x in ("⚠ low confidence" if c == "low" else "", f"⏳ older than {stale_days} days" if is_stale(a, stale_days) else "")
            if x
        )
        for c, a in zip(table["confidence"], table["Checked (days ago)"])
    ]
    table["Source"] = table["source_urls"].apply(lambda u: u[0] if u else None)
    # Codes become the words a reader knows; the stored values stay in the data download.
    table["level"] = table["level"].map(lambda x: L.label(L.LEVEL, x))
    table["scope"] = table["scope"].map(lambda x: L.label(scopes or {}, x))  # scope names are the topic's (dataset.yaml)
    table["confidence"] = [
        f"{L.label(L.CONFIDENCE, c)} · {L.label(L.LEGAL_VERIFICATION, v)}" for c, v in zip(table["confidence"], table["verification"])
    ]
    columns = [
        "code",
        "name",
        "level",
        "scope",
        "Status",
        "start",
        "end",
        "instrument",
        "confidence",
        "Flags",
        "Checked (days ago)",
        "Source",
        "disagreement",
    ]
    return table[columns]


def legal_years(legality: pd.DataFrame) -> tuple[int, int]:
    """The span of years the legal data covers, for the "as of" control."""
    years = [int(str(v)[:4]) for col in ("start", "end") for v in legality[col].dropna()]
    if not years:
        return (dt.date.today().year, dt.date.today().year)
    return (min(years), max(max(years), dt.date.today().year))


def local_rules_by_state(status: pd.DataFrame) -> pd.DataFrame:
    """City and county rules in force, grouped by the state they sit in (for a marker per state)."""
    from ..codes import state_of_local

    local = status[status["level"] == "local"].copy()
    if local.empty:
        return pd.DataFrame(columns=["state", "n", "summary"])
    local["state"] = local["code"].map(state_of_local)
    local["line"] = [
        f"{n}: {L.LEGAL_STATUS[s]}" + (f" (from {st})" if isinstance(st, str) else " (start date not verified)")
        for n, s, st in zip(local["name"], local["status"], local["start"])
    ]
    grouped = local.groupby("state", sort=True)
    return pd.DataFrame({"state": list(grouped.groups), "n": grouped.size().values, "summary": grouped["line"].agg("<br>".join).values})


def jurisdiction_history(legality: pd.DataFrame, code: str) -> pd.DataFrame:
    """Every row for one jurisdiction, oldest first within each scope."""
    rows = legality[legality["code"] == code].copy()
    rows["_start"] = rows["start"].map(lambda v: b[0] if (b := date_bounds(v)) else dt.date.min)
    return rows.sort_values(["scope", "_start"]).drop(columns="_start").reset_index(drop=True)


def timeline_events(timeline: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Timeline events with a plotting date (first day of a partial date) and a jurisdiction name."""
    ev = timeline.copy()
    ev["when"] = pd.to_datetime(ev["date"].map(lambda v: b[0] if (b := date_bounds(v)) else None))
    ev["place"] = ev["jurisdiction"].map(lambda c: names.get(c, "International" if c == "INTL" else c))
    ev["link"] = ev["source_urls"].map(lambda u: u[0] if u else None)
    return ev.sort_values("when").reset_index(drop=True)
