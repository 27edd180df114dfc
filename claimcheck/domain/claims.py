"""Claims: the ledger with its display columns, search, headline numbers and counts per article."""

from __future__ import annotations

import pandas as pd

from .. import labels as L
from .. import schema as S
from ..dataset import Dataset
from .common import label_map


def claim_quotes(ds: Dataset) -> pd.DataFrame:
    """One row per quote: claim_id, article, text, in claim order."""
    rows = [
        {"claim_id": cid, "article": q.get("article"), "text": q.get("text")}
        for cid, quotes in zip(ds["claims"]["id"], ds["claims"]["quotes"])
        for q in quotes
    ]
    return pd.DataFrame(rows, columns=["claim_id", "article", "text"])


def claims_table(ds: Dataset) -> pd.DataFrame:
    """Claims with display columns: articles making each claim, labels, ranks."""
    claims = ds["claims"].copy()
    quotes = claim_quotes(ds)
    arts = quotes.groupby("claim_id", sort=False)["article"].agg(lambda s: tuple(dict.fromkeys(s)))
    claims["articles"] = claims["id"].map(arts).apply(lambda v: v if isinstance(v, tuple) else ())
    claims["n_articles"] = claims["articles"].apply(len)
    claims["first_quote"] = claims["quotes"].apply(lambda qs: qs[0]["text"] if qs else "")
    topic_label = label_map(ds["topics"], "id", "label")
    condition_label = label_map(ds["conditions"], "id", "label")
    claims["topic_label"] = claims["topic"].map(topic_label).fillna(claims["topic"])
    claims["condition_label"] = claims["condition"].map(condition_label).fillna(claims["condition"])
    claims["verdict_label"] = claims["verdict"].apply(lambda v: L.label(L.VERDICT, v))
    claims["certainty_label"] = [certainty_label(c, b, t) for c, b, t in zip(claims["certainty"], claims["basis"], claims["claim_type"])]
    claims["graded"] = claims["claim_type"].isin(S.GRADED_CLAIM_TYPES)
    claims["basis_label"] = claims["basis"].apply(lambda v: L.BASIS.get(v, "") if isinstance(v, str) else "")
    claims["type_label"] = claims["claim_type"].map(L.CLAIM_TYPE)
    claims["assertiveness_label"] = claims["assertiveness"].map(L.ASSERTIVENESS)
    claims["assertiveness_rank"] = claims["assertiveness"].map(L.ASSERTIVENESS_RANK)
    claims["certainty_rank"] = claims["certainty"].map(L.CERTAINTY_RANK)
    links = ds["claim_studies"].merge(
        ds["studies"][["id", "design", "status", "population_kind"]], left_on="study_id", right_on="id", how="left"
    )
    # Only studies with published results count as evidence (a registry entry is listed, never counted).
    counted = links[links["status"] == "published"]
    designs = counted.groupby("claim_id")["design"].agg(lambda s: tuple(sorted(set(s.dropna()))))
    backing = counted[counted["direction"].isin(["supports", "partly_supports"])]
    backing_designs = backing.groupby("claim_id")["design"].agg(lambda s: tuple(sorted(set(s.dropna()))))
    human_trials = backing[backing["design"].isin(L.HUMAN_CONTROLLED) & (backing["population_kind"] == "humans")]
    claims["designs"] = claims["id"].map(designs).apply(lambda v: v if isinstance(v, tuple) else ())
    claims["backing_designs"] = claims["id"].map(backing_designs).apply(lambda v: v if isinstance(v, tuple) else ())
    claims["backed_by_human_trial"] = claims["id"].isin(set(human_trials["claim_id"]))
    claims["n_studies"] = claims["id"].map(links.groupby("claim_id").size()).fillna(0).astype(int)
    return claims


def certainty_label(certainty, basis, claim_type) -> str:
    """What a reader sees in a claim's certainty slot: the GRADE-style level, or what an ungraded claim rests on."""
    if claim_type in S.UNGRADED_CLAIM_TYPES:
        return "Not graded: rests on " + L.BASIS_SHORT[basis] if isinstance(basis, str) and basis in L.BASIS_SHORT else "Not graded"
    return L.label(L.CERTAINTY, certainty if isinstance(certainty, str) else None)


def search_claims(claims: pd.DataFrame, text: str) -> pd.DataFrame:
    """Claims whose statement or any quote contains ``text`` (case-insensitive)."""
    text = (text or "").strip().lower()
    if not text:
        return claims
    hay = claims["statement"].str.lower() + " " + claims["quotes"].apply(lambda qs: " ".join(q["text"].lower() for q in qs))
    return claims[hay.str.contains(text, regex=False)]


def headline_numbers(claims: pd.DataFrame) -> dict[str, int]:
    """The few honest numbers on the home page.

    ``supported_by_human_trial`` counts claims judged supported or partly supported that
    also have a published randomised trial or systematic review in people supporting or
    partly supporting them: both conditions, nothing else.
    """
    judged_supported = claims["verdict"].isin(["supported", "partly_supported"])
    return {
        "claims": len(claims),
        "assessed": int(claims["verdict"].notna().sum()),
        "supported_by_human_trial": int((judged_supported & claims["backed_by_human_trial"]).sum()),
        "supported_or_partly": int(judged_supported.sum()),
        "contradicted_or_unsupported": int(claims["verdict"].isin(["contradicted", "not_supported"]).sum()),
        "insufficient": int((claims["verdict"] == "insufficient").sum()),
    }


def claims_by_article(claims: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Count of claims per article, topic and claim type (one row per combination)."""
    exploded = claims[["id", "articles", "topic_label", "type_label"]].explode("articles").dropna(subset=["articles"])
    exploded = exploded.rename(columns={"articles": "article"})
    label = label_map(articles, "id", "label")
    exploded["article_label"] = exploded["article"].map(label).fillna(exploded["article"])
    return exploded.groupby(["article", "article_label", "topic_label", "type_label"], sort=False).size().reset_index(name="claims")


def claims_in_bars(claims: pd.DataFrame, bars: list[tuple[str, str]]) -> pd.DataFrame:
    """Claims behind the selected bars of the claims-by-article chart: (article id, claim-type label) pairs."""
    if not bars:
        return claims
    keep = claims.apply(lambda c: any(a in c["articles"] and t == c["type_label"] for a, t in bars), axis=1)
    return claims[keep]
