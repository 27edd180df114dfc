"""Harms: how each article mentions each harm, and the reported figures of how often harms occur."""

from __future__ import annotations

import pandas as pd

from .. import labels as L
from .. import schema as S
from ..dataset import Dataset
from .common import label_map, truth


def harm_mentions(ds: Dataset) -> pd.DataFrame:
    """One row per harm: severity, and for each article how it mentions the harm.

    Each article column holds "warns" (presents it as a risk), "downplays" (mentions
    it only to deny or minimise it) or "" (never mentions it). ``n_articles``
    counts the articles that warn.
    """
    harms = ds["harms"]
    article_ids = list(ds["articles"]["id"])
    rows = []
    for _, h in harms.iterrows():
        stance: dict[str, str] = {}
        for m in h["mentions"]:
            a, st = m.get("article"), m.get("stance") or "warns"
            if stance.get(a) != "warns":
                stance[a] = st
        row = {
            "harm_id": h["id"],
            "harm": h["name"],
            "body_system": h["body_system"],
            "severity": h["severity"],
            "severity_label": L.SEVERITY[h["severity"]],
            "n_articles": sum(1 for a in article_ids if stance.get(a) == "warns"),
            "n_downplay": sum(1 for a in article_ids if stance.get(a) == "downplays"),
            "summary_row": truth(h.get("summary_row")) is True,
        }
        for a in article_ids:
            row[a] = stance.get(a, "")
        rows.append(row)
    columns = ["harm_id", "harm", "body_system", "severity", "severity_label", "n_articles", "n_downplay", "summary_row", *article_ids]
    df = pd.DataFrame(rows, columns=columns)
    sev = {s: i for i, s in enumerate(reversed(S.SEVERITY))}
    return df.sort_values(["severity", "n_articles"], key=lambda s: s.map(sev) if s.name == "severity" else s).reset_index(drop=True)


def unwarned_serious_harms(mentions: pd.DataFrame, article_id: str | None = "all") -> pd.DataFrame:
    """Serious or life-threatening harms (not summary rows) that no article warns about.

    With ``article_id=None``, every serious harm is returned (the denominator for
    one article's scorecard).
    """
    serious = mentions[mentions["severity"].isin(["serious", "life_threatening"]) & ~mentions["summary_row"]]
    if article_id is None:
        return serious
    return serious[serious["n_articles"] == 0]


def figures_table(ds: Dataset) -> pd.DataFrame:
    figs = ds["harm_figures"].copy()
    names = label_map(ds["harms"], "id", "name")
    severity = label_map(ds["harms"], "id", "severity")
    figs["harm"] = figs["harm_id"].map(names)
    figs["severity"] = figs["harm_id"].map(severity)
    figs["data_kind_label"] = figs["data_kind"].map(L.DATA_KIND)
    return figs


def figures_for_display(figs: pd.DataFrame) -> pd.DataFrame:
    """Harm figures (from :func:`figures_table`) as a reader reads them: the figure as written, words instead of codes."""
    return pd.DataFrame(
        {
            "Harm": figs["harm"],
            "Figure": [L.figure_value(v, u) for v, u in zip(figs["value"], figs["unit"])],
            "Out of": figs["denominator"],
            "Who or what was counted": figs["denominator_label"],
            "Kind of data": figs["data_kind_label"],
            "Period": figs["period"],
            "Place": figs["place"],
            "Source name": figs["source_label"],
            "Source": figs["source_url"],
            "Verified": figs["verification"].map(lambda x: L.label(L.VERIFICATION, x)),
            "Note": figs["note"],
        }
    )


def filter_figures(figs: pd.DataFrame, harms: pd.DataFrame, severity=(), systems=(), kinds=()) -> pd.DataFrame:
    """Figures (from :func:`figures_table`) narrowed by severity, body system and kind of data."""
    system_of = label_map(harms, "id", "body_system")
    mask = pd.Series(True, index=figs.index)
    if severity:
        mask &= figs["severity"].isin(severity)
    if systems:
        mask &= figs["harm_id"].map(system_of).isin(systems)
    if kinds:
        mask &= figs["data_kind"].isin(kinds)
    return figs[mask]


def yearly_counts(figs: pd.DataFrame, data_kind: str = "poison_centre_exposures") -> pd.DataFrame:
    """Count figures of one kind whose period is a single year, with the year as a number."""
    part = figs[(figs["data_kind"] == data_kind) & (figs["unit"] == "count") & figs["period"].astype(str).str.fullmatch(r"\d{4}")]
    part = part.copy()
    part["year"] = part["period"].astype(int)
    return part


def claims_for_harm(claims: pd.DataFrame, harm_id: str) -> pd.DataFrame:
    """Safety claims linked to one harm."""
    return claims.loc[claims["harms"].apply(lambda h: harm_id in (h or [])).astype(bool)]
