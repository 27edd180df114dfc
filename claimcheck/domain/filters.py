"""The filters shared by every page, declared once as data.

Each shared filter is one :class:`FilterSpec` in :data:`FILTER_SPECS`: its URL name,
its label and help text in the sidebar, where its allowed values come from, how a
value is shown, and which column of the claims (and of the studies) it narrows. The
:class:`Filters` value, the allowed values, the URL form, the filtering of claims and
studies and the sidebar (``ui.frame.filters_ui``) are all derived from that tuple, so
adding a filter means adding one ``FilterSpec``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, make_dataclass

import pandas as pd

from .. import labels as L
from .. import schema as S
from ..dataset import Dataset
from .common import label_map

REGIONS = ("world", "us")
REGION_LABELS = {"world": "World", "us": "United States"}


@dataclass(frozen=True)
class FilterSpec:
    """One shared filter of the sidebar, declared as data."""

    name: str  # URL parameter, sidebar widget key and field of Filters
    label: str  # the sidebar's label, and the name in the "Filtered view" line
    help: str  # the sidebar's help text
    values: Callable[[Dataset], tuple[str, ...]]  # every value it can take in this data, in display order
    labels: Callable[[Dataset], Mapping[str, str]]  # value -> what the reader sees (also its form in the URL)
    claim_column: str | None = None  # column of domain.claims_table it narrows (None: claims are not narrowed)
    claim_column_holds_tuples: bool = False  # the column holds a tuple per claim; a claim passes when any item is chosen
    study_column: str | None = None  # column of domain.studies_table it narrows directly (else studies follow their claims)


def _ids(table: str) -> Callable[[Dataset], tuple[str, ...]]:
    return lambda ds: tuple(ds[table]["id"])


def _fixed(values: tuple[str, ...]) -> Callable[[Dataset], tuple[str, ...]]:
    return lambda ds: tuple(values)


def _names(mapping: Mapping[str, str]) -> Callable[[Dataset], Mapping[str, str]]:
    return lambda ds: dict(mapping)


FILTER_SPECS: tuple[FilterSpec, ...] = (
    FilterSpec(
        "article",
        "Article",
        "Claims made by these articles (claims, overview, evidence, articles pages).",
        _ids("articles"),
        lambda ds: {a: f"{a} · {lab}" for a, lab in label_map(ds["articles"], "id", "label").items()},
        claim_column="articles",
        claim_column_holds_tuples=True,
    ),
    FilterSpec(
        "topic",
        "Topic",
        "Claims about these topics.",
        _ids("topics"),
        lambda ds: label_map(ds["topics"], "id", "label"),
        claim_column="topic",
    ),
    FilterSpec("verdict", "Verdict", "Claims with these verdicts.", _fixed(S.VERDICTS), _names(L.VERDICT), claim_column="verdict"),
    FilterSpec(
        "certainty",
        "Certainty",
        "Health claims whose human evidence has this certainty. Claims about law, history or what a study reports are not "
        "graded, so they drop out while this filter is set.",
        _fixed(S.CERTAINTY),
        _names(L.CERTAINTY),
        claim_column="certainty",
    ),
    FilterSpec(
        "design",
        "Study design",
        "Studies of these designs, and claims that rest on them.",
        _fixed(S.DESIGNS),
        _names(L.DESIGN),
        claim_column="designs",
        claim_column_holds_tuples=True,
        study_column="design",
    ),
    FilterSpec(
        "region",
        "Region",
        "Which maps the legality page shows.",
        lambda ds: REGIONS if len(ds["legality"]) else (),  # no legal data, no maps to choose
        _names(REGION_LABELS),
    ),
)
FILTER_PARAMS: tuple[str, ...] = tuple(s.name for s in FILTER_SPECS)  # the filters' URL names, in sidebar order
SPEC = {s.name: s for s in FILTER_SPECS}


def _active(self) -> bool:
    return any(getattr(self, f.name) for f in fields(self))


# Built from FILTER_SPECS so a new spec is a new field; frozen and hashable, so it can key a cache.
Filters = make_dataclass(
    "Filters",
    [(s.name, tuple[str, ...], field(default=())) for s in FILTER_SPECS],
    frozen=True,
    namespace={"active": property(_active)},
)
Filters.__module__ = __name__  # make_dataclass's own module= argument needs Python 3.12
Filters.__doc__ = "The filters shared by every page, one field per FilterSpec. An empty tuple means 'all'."


def allowed_filter_values(ds: Dataset) -> dict[str, tuple[str, ...]]:
    """Every value each shared filter can take, in display order."""
    return {s.name: tuple(s.values(ds)) for s in FILTER_SPECS}


def filter_value_labels(ds: Dataset) -> dict[str, dict[str, str]]:
    """What the reader sees for each value of each shared filter (the sidebar's options and the URL's form)."""
    return {s.name: dict(s.labels(ds)) for s in FILTER_SPECS}


def parse_filters(query: Mapping[str, object], allowed: Mapping[str, tuple[str, ...]]) -> Filters:
    """Build filters from URL query parameters, silently ignoring anything unknown.

    Values may be a comma-separated string or a list of strings. Unknown
    parameter names, unknown values and junk are dropped, never an error.
    """
    kwargs = {}
    for name in FILTER_PARAMS:
        raw = query.get(name)
        if raw is None:
            continue
        items = raw if isinstance(raw, (list, tuple)) else [raw]
        values: list[str] = []
        for item in items:
            if not isinstance(item, str):
                continue
            for part in item.split(","):
                part = part.strip()
                if part in allowed.get(name, ()) and part not in values:
                    values.append(part)
        # keep the declared order so equal filters give equal URLs
        order = allowed.get(name, ())
        kwargs[name] = tuple(sorted(values, key=order.index))
    return Filters(**kwargs)


def filters_to_query(filters: Filters) -> dict[str, str]:
    """Query parameters for a filter value (only the active ones)."""
    return {name: ",".join(getattr(filters, name)) for name in FILTER_PARAMS if getattr(filters, name)}


def _matches(column: pd.Series, chosen: tuple[str, ...], holds_tuples: bool) -> pd.Series:
    if holds_tuples:
        wanted = set(chosen)
        return column.apply(lambda items: bool(set(items) & wanted))
    return column.isin(chosen)


def filter_claims(claims: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Claims that pass the shared filters (expects :func:`claimcheck.domain.claims_table` output)."""
    mask = pd.Series(True, index=claims.index)
    for s in FILTER_SPECS:
        chosen = getattr(filters, s.name)
        if chosen and s.claim_column:
            mask &= _matches(claims[s.claim_column], chosen, s.claim_column_holds_tuples)
    return claims[mask]


def filter_studies(studies: pd.DataFrame, filters: Filters, claim_ids: set[str] | None = None) -> pd.DataFrame:
    """Studies that pass the shared filters (expects :func:`claimcheck.domain.studies_table` output).

    A filter with a study column narrows the studies directly; the other claim filters keep
    the studies that bear on ``claim_ids`` (the claims that pass), when given.
    """
    mask = pd.Series(True, index=studies.index)
    by_claims = False
    for s in FILTER_SPECS:
        chosen = getattr(filters, s.name)
        if not chosen:
            continue
        if s.study_column:
            mask &= studies[s.study_column].isin(chosen)
        elif s.claim_column:
            by_claims = True
    if claim_ids is not None and by_claims:
        mask &= studies["claims"].apply(lambda c: bool(set(c) & claim_ids))
    return studies[mask]
