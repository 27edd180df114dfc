"""The derived tables every page, story, card and export shares, built once per data version.

:func:`build_views` turns a loaded :class:`~claimcheck.dataset.Dataset` into a frozen
:class:`Views`: the claims, studies, harm mentions, harm figures and evidence links with
their display columns, and the label maps (article, topic, place, filter values) that
would otherwise be rebuilt wherever they are needed. The UI caches one ``Views`` per
data version (``ui.data.views``); everything downstream only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import domain as D
from .dataset import Dataset


@dataclass(frozen=True)
class Views:
    """The dataset and the derived frames every page shares, computed once per data version.

    Frames and maps are shared between sessions: read them, never change them.
    """

    ds: Dataset
    claims: pd.DataFrame  # D.claims_table
    quotes: pd.DataFrame  # D.claim_quotes
    studies: pd.DataFrame  # D.studies_table
    harm_mentions: pd.DataFrame  # D.harm_mentions
    figures: pd.DataFrame  # D.figures_table
    links: pd.DataFrame  # D.evidence_links: claim-study links of published studies
    allowed: dict[str, tuple[str, ...]]  # filter name -> every value it can take, in display order
    filter_labels: dict[str, dict[str, str]]  # filter name -> value -> what the reader sees
    article_labels: dict[str, str]  # article id -> label
    topic_labels: dict[str, str]  # topic id -> label
    place_names: dict[str, str]  # jurisdiction code -> name
    claim_statements: dict[str, str]  # claim id -> statement
    harm_names: dict[str, str]  # harm id -> name, in the order harms are listed (harm_mentions)
    figure_harm: dict[str, str]  # harm figure id -> the harm it counts
    fingerprint: str


def build_views(ds: Dataset, fingerprint: str) -> Views:
    """Every derived table and label map of ``ds``; ``fingerprint`` names the data version (a cache key)."""
    claims, mentions, figures = D.claims_table(ds), D.harm_mentions(ds), D.figures_table(ds)
    return Views(
        ds=ds,
        claims=claims,
        quotes=D.claim_quotes(ds),
        studies=D.studies_table(ds),
        harm_mentions=mentions,
        figures=figures,
        links=D.evidence_links(ds),
        allowed=D.allowed_filter_values(ds),
        filter_labels=D.filter_value_labels(ds),
        article_labels=D.label_map(ds["articles"], "id", "label"),
        topic_labels=D.label_map(ds["topics"], "id", "label"),
        place_names=D.label_map(ds["legality"], "code", "name"),
        claim_statements=D.label_map(claims, "id", "statement"),
        harm_names=D.label_map(mentions, "harm_id", "harm"),
        figure_harm=D.label_map(figures, "id", "harm_id"),
        fingerprint=fingerprint,
    )
