"""Articles: the scorecard of one article against items adopted from published checklists."""

from __future__ import annotations

import pandas as pd

from ..dataset import Dataset
from .common import truth
from .harms import unwarned_serious_harms

# --- article scorecard ------------------------------------------------------------
# Items adopted from two published checklists. Each is answered from the curated
# data, never re-judged on the page. DISCERN: Charnock et al., J Epidemiol Community
# Health 1999 (questions as numbered in the instrument); HealthNewsReview.org's
# ten review criteria.
SCORECARD_ITEMS = (
    ("sources", "Does it say which sources it used?", "DISCERN question 4 (sources of information)"),
    ("date", "Does it say when it was written?", "DISCERN question 5 (when the information was produced)"),
    ("uncertainty", "Does it mention uncertainty or limits of the evidence?", "DISCERN question 8 (areas of uncertainty)"),
    ("harms", "Does it mention harms or side effects?", "DISCERN question 11 (risks); HealthNewsReview criterion 3 (harms)"),
    ("serious_harms", "Serious harms in the harms table that it never warns about", "HealthNewsReview criterion 3 (harms)"),
    ("wording", "Claims worded as confident or absolute", "HealthNewsReview criterion 4 (quality of the evidence)"),
    (
        "commercial",
        "Signs of commercial intent",
        "DISCERN question 6 (balanced and unbiased); HealthNewsReview: independent sources and conflicts of interest",
    ),
)


def article_scorecard(ds: Dataset, claims: pd.DataFrame, mentions: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """The scorecard of one article: one row per adopted checklist item, with its answer."""
    art = ds["articles"].set_index("id").loc[article_id]
    # .loc with a boolean mask: an empty object-typed mask used as df[mask] would select columns instead of rows.
    mine = claims.loc[claims["articles"].apply(lambda a: article_id in a).astype(bool)]
    strong = int(mine["assertiveness"].isin(["confident", "absolute"]).sum())
    serious = unwarned_serious_harms(mentions, None)
    missed = serious[serious[article_id] != "warns"] if article_id in serious.columns else serious
    signals = art["commercial_signals"] or []

    def yes(value) -> str:
        answer = truth(value)
        return "not recorded" if answer is None else "yes" if answer else "no"

    answers = {
        "sources": yes(art["cites_sources"]),
        "date": "yes" if isinstance(art["date"], str) else "no",
        "uncertainty": yes(art["mentions_uncertainty"]),
        "harms": yes(art["mentions_harms"]),
        "serious_harms": f"{len(missed)} of {len(serious)}",
        "wording": f"{strong} of {len(mine)}",
        "commercial": f"{len(signals)} signal{'s' if len(signals) != 1 else ''}",
    }
    details = {
        "serious_harms": ", ".join(missed["harm"]),
        "commercial": "; ".join(s.get("kind", "").replace("_", " ") for s in signals),
    }
    return pd.DataFrame([{"Item": q, "Answer": answers[k], "Detail": details.get(k, ""), "From": src} for k, q, src in SCORECARD_ITEMS])
