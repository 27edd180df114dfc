"""Turn a validated data folder into DataFrames the pages can use.

Rows with problems are set aside, never silently: :class:`Dataset` keeps the
list of problems and the ids of the rows set aside, so the app's banner can
name each one while every valid row is still shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import schema as S
from .load import Problem
from .safetext import is_icon
from .validate import validate

DEFAULT_ICON = "🔎"


@dataclass(frozen=True)
class Dataset:
    data_dir: Path
    tables: dict[str, pd.DataFrame]
    problems: tuple[Problem, ...] = ()
    set_aside: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unreadable: tuple[str, ...] = ()  # tables whose file could not be read at all
    article_texts: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def meta(self) -> dict:
        """The dataset's own description (title, subject, licence), with safe fallbacks."""
        df = self.tables.get("dataset")
        record = df.iloc[0].to_dict() if df is not None and len(df) else {}
        return {
            "id": record.get("id") or "dataset",
            "title": record.get("title") or "Claims and evidence",
            "subject": record.get("subject") or "the product",
            "summary": record.get("summary") or "",
            "licence": record.get("licence") or "",
            "last_updated": record.get("last_updated") or "",
            "icon": record.get("icon") if is_icon(record.get("icon")) else DEFAULT_ICON,
            "limitations": list(record.get("limitations") or []),
            "citation": record.get("citation") or "",
        }


def empty_frame(table: S.Table) -> pd.DataFrame:
    return pd.DataFrame({f.name: pd.Series(dtype=_dtype(f)) for f in table.fields})


def _dtype(f: S.Field) -> str:
    return {S.INTEGER: "Int64", S.NUMBER: "float64", S.BOOLEAN: "boolean"}.get(f.type, "object")


def _frame(table: S.Table, rows: list[dict]) -> pd.DataFrame:
    if not rows:
        return empty_frame(table)
    df = pd.DataFrame(rows, columns=list(table.field_names))
    for f in table.fields:
        dtype = _dtype(f)
        if dtype != "object":
            df[f.name] = df[f.name].astype(dtype)
    return df


def load_dataset(directory: Path) -> Dataset:
    """Validate ``directory`` and build one DataFrame per table from its valid rows.

    Never raises: should the checker itself fail, every table is empty and the
    one problem says so, so the pages still draw with their banner.
    """
    try:
        result = validate(directory)
    except Exception as exc:  # noqa: BLE001 - a bug in the checker must not take every page down
        problem = Problem(
            "(data folder)", None, "", "", f"internal error while checking the data ({type(exc).__name__}: {exc}); please report it"
        )
        return Dataset(directory, {t.name: empty_frame(t) for t in S.TABLES}, (problem,), {}, tuple(t.name for t in S.TABLES))
    tables: dict[str, pd.DataFrame] = {}
    set_aside: dict[str, tuple[str, ...]] = {}
    unreadable = []
    for t in S.TABLES:
        recs = result.records.get(t.name, [])
        good = [r.values for r in recs if not r.problems]
        # Records with problems, and rows that could not even be read as records (a CSV row with
        # the wrong number of cells): every one is counted in the banner.
        bad = tuple(r.label for r in recs if r.problems) + tuple(result.dropped.get(t.name, ()))
        tables[t.name] = _frame(t, good)
        if bad:
            set_aside[t.name] = bad
        if result.file_problems.get(t.name) and not recs:
            unreadable.append(t.name)
    texts = {aid: txt for aid, txt in result.article_texts.items() if aid in set(tables["articles"]["id"])}
    return Dataset(directory, tables, tuple(result.problems), set_aside, tuple(unreadable), texts)
