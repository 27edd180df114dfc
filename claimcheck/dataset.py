"""Turn a validated data folder into DataFrames the pages can use.

Rows with problems are set aside, never silently: :class:`Dataset` keeps the
list of problems and the ids of the rows set aside, so the app's banner can
name each one while every valid row is still shown.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import schema as S
from .load import Problem
from .safetext import is_icon
from .validate import validate

DEFAULT_ICON = "🔎"
# Generic words for a topic that declares none of its own in dataset.yaml.
DEFAULT_NOTICE = "Talk to a health professional before using any product."
DEFAULT_SEARCH_PLACEHOLDER = "e.g. a word from a claim or a quote"
DEFAULT_RUBRIC_EXAMPLES = {
    "hedged": "“may help some people”",
    "qualified": "“research suggests it can help”",
    "confident": "“it works”",
    "absolute": "“completely safe, with no risk at all”",
}


@dataclass(frozen=True)
class Dataset:
    data_dir: Path
    tables: dict[str, pd.DataFrame]
    problems: tuple[Problem, ...] = ()
    set_aside: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unreadable: tuple[str, ...] = ()  # tables whose file could not be read at all
    article_texts: dict[str, str] = field(default_factory=dict)
    left_out: tuple[Problem, ...] = ()  # quotes left out of records that are still shown

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def meta(self) -> dict:
        """The dataset's own description (title, subject, licence), with safe fallbacks (a copy: callers may change it)."""
        return dict(self._meta)

    @functools.cached_property
    def _meta(self) -> dict:
        # Worked out once per dataset: every page reads it several times a run, and on large data
        # finding the example claims scans every claim.
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
            # The topic's own words, with generic defaults so that a new topic shows none of another's.
            "notice": record.get("notice") or DEFAULT_NOTICE,
            "search_placeholder": record.get("search_placeholder") or DEFAULT_SEARCH_PLACEHOLDER,
            "legal_scopes": self._legal_scopes(record),
            "scope_descriptions": {
                str(it["id"]): it.get("description") or it.get("label") or str(it["id"])
                for it in record.get("legal_scopes") or []
                if isinstance(it, dict) and it.get("id")
            },
            "rubric_examples": {
                **DEFAULT_RUBRIC_EXAMPLES,
                **{it["level"]: it["example"] for it in record.get("rubric_examples") or [] if isinstance(it, dict) and it.get("example")},
            },
            "classroom_example_claims": self._example_claims(record),
            "worked_examples": {
                it["section"]: it["text"] for it in record.get("worked_examples") or [] if isinstance(it, dict) and it.get("text")
            },
        }

    def _legal_scopes(self, record: dict) -> dict[str, str]:
        """Scope id -> label, in the declared order; without a declaration, the scopes the legal table uses."""
        declared = {
            str(it["id"]): it.get("label") or str(it["id"])
            for it in record.get("legal_scopes") or []
            if isinstance(it, dict) and it.get("id")
        }
        if declared:
            return declared
        legality = self.tables.get("legality")
        used = [] if legality is None or "scope" not in legality else list(dict.fromkeys(legality["scope"].dropna()))
        return {str(s): str(s) for s in used}

    def _example_claims(self, record: dict) -> list[str]:
        """Claim ids for the Classroom page's link examples: the declared ones that are shown, else the first claims."""
        claims = self.tables.get("claims")
        ids = [] if claims is None or "id" not in claims else [str(c) for c in claims["id"]]
        chosen = [c for c in record.get("classroom_example_claims") or [] if c in ids]
        return chosen or ids[:2]


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
    return Dataset(directory, tables, tuple(result.problems), set_aside, tuple(unreadable), texts, tuple(result.left_out))
