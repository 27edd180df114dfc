"""Every assessed claim as schema.org ClaimReview JSON-LD, for fact-check aggregators.

Google's fact-check documentation lists ``claimReviewed``, ``reviewRating`` (with
its textual ``alternateName``) and ``url`` as required; the rating also carries a
numeric value on a documented 1-5 scale, and ``itemReviewed`` names the articles
where the claim appeared. (Google has said it is phasing ClaimReview out of
Search results; the markup stays useful to fact-check tools and archives.)
"""

from __future__ import annotations

import json

import pandas as pd

from . import labels as L
from .sitemap import url

# Numeric scale, documented with the export: worst 1 = contradicted, best 5 = supported.
RATING_VALUE = {"contradicted": 1, "not_supported": 2, "insufficient": 3, "partly_supported": 4, "supported": 5}
RATING_SCALE = "1 = Contradicted, 2 = Not supported, 3 = Insufficient evidence, 4 = Partly supported, 5 = Supported"


def claim_reviews(claims: pd.DataFrame, articles: pd.DataFrame, base_url: str, publisher: str) -> list[dict]:
    """One ClaimReview object per claim with a verdict; ``base_url`` is where the dashboard is served."""
    base = base_url.rstrip("/")
    art = articles.set_index("id")
    out = []
    for _, c in claims.dropna(subset=["verdict"]).iterrows():
        appearances = []
        for a in dict.fromkeys(q["article"] for q in c["quotes"]):
            if a in art.index:
                title = art.loc[a, "title"] if isinstance(art.loc[a, "title"], str) else art.loc[a, "label"]
                work = {"@type": "CreativeWork", "headline": title}
                if isinstance(art.loc[a, "date"], str):
                    work["datePublished"] = art.loc[a, "date"]
                appearances.append(work)
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": url("claims", base, claim=str(c["id"])),
            "claimReviewed": str(c["statement"]),
            "author": {"@type": "Organization", "name": publisher},
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": RATING_VALUE[c["verdict"]],
                "bestRating": 5,
                "worstRating": 1,
                "alternateName": L.VERDICT[c["verdict"]],
                "ratingExplanation": str(c["rationale"]) if isinstance(c["rationale"], str) else "",
            },
            "itemReviewed": {"@type": "Claim", "appearance": appearances, "firstAppearance": appearances[0] if appearances else None},
        }
        if isinstance(c.get("last_checked"), str):
            review["datePublished"] = c["last_checked"]
        out.append(review)
    return out


def claim_reviews_json(claims: pd.DataFrame, articles: pd.DataFrame, base_url: str, publisher: str) -> str:
    """The reviews as JSON text that is safe to paste inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as JSON escapes (``\\u003c``...), so a
    statement containing ``</script>`` cannot end the script element; the JSON
    value is unchanged.
    """
    text = json.dumps(claim_reviews(claims, articles, base_url, publisher), indent=2, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
