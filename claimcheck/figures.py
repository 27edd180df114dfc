"""Every chart the pages draw, as a named function of the data (``v``, the derived tables) and its own arguments.

Each function takes the data and hashable arguments (filters, a year, a kind of data)
and returns a figure, so a cache keyed on the data version, the function's name and
its arguments can never drift from what the figure was built from (see
``ui.data.figure``). The selections a page lists beside a chart (the studies in view,
the figures of one kind) are here too, so the page and the chart use one computation.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from claimcheck import charts as C
from claimcheck import domain as D
from claimcheck import labels as L
from claimcheck import marks, texts

# --- what each view shows -----------------------------------------------------------------


def claims_in_view(v, filters: D.Filters, text: str = "") -> pd.DataFrame:
    """Claims passing the shared filters and, if given, the search text."""
    claims = D.filter_claims(v.claims, filters)
    return D.search_claims(claims, text) if text else claims


def studies_in_view(v, filters: D.Filters) -> pd.DataFrame:
    """Studies of the claims that pass the filters (and of the chosen designs)."""
    return D.filter_studies(v.studies, filters, set(claims_in_view(v, filters)["id"]))


def links_in_view(v, filters: D.Filters) -> pd.DataFrame:
    """Claim-study links (published studies only) of the claims that pass the filters."""
    links = v.links
    links = links[links["claim_id"].isin(set(claims_in_view(v, filters)["id"]))]
    return links[links["design"].isin(filters.design)] if filters.design else links


def headline_numbers(v, filters: D.Filters) -> dict[str, int]:
    """The overview's headline numbers for the claims that pass the filters (``domain.headline_numbers``)."""
    return D.headline_numbers(claims_in_view(v, filters))


def cell_counts(v, filters: D.Filters) -> dict[tuple[str, str], int]:
    """Studies in each (topic, design) cell of the evidence map, for the claims that pass the filters."""
    return links_in_view(v, filters).groupby(["topic", "design"])["study_id"].nunique().to_dict()


def cells(v, filters: D.Filters) -> list[str]:
    """Every cell of the evidence map for the claims that pass the filters, gaps included, topics in their
    table's order, as the select box keeps them: the key of the cell's mark (``topic|design``, see
    :mod:`claimcheck.marks`)."""
    present = set(links_in_view(v, filters)["design"])
    designs = [d for d in L.DESIGN_ORDER if d in present] or list(L.DESIGN_ORDER)
    return [marks.key("cell", t, d) for t in v.ds["topics"]["id"] for d in designs]


def harm_figures(v, kind: str | None, severity: tuple[str, ...] = (), system: tuple[str, ...] = ()) -> pd.DataFrame:
    """Harm figures of one kind of data, narrowed by severity and body system."""
    return D.filter_figures(v.figures, v.ds["harms"], severity, system, [kind] if kind else [])


def as_of(year: int, today: dt.date) -> dt.date:
    """The day a legal map shows: today for the current year, else the year's last day."""
    return today if year == today.year else dt.date(year, 12, 31)


def legal_years(v) -> tuple[int, int]:
    """The first and last year the legal table covers."""
    return D.legal_years(v.ds["legality"])


def place_codes(v) -> list[str]:
    """Every jurisdiction code in the legal table, in the order of the places' names."""
    return list(dict.fromkeys(v.ds["legality"].sort_values("name")["code"]))


def legal_sweep(v, today: dt.date):
    """When the legal table was last swept and how many entries in force are overdue (``freshness.Sweep``)."""
    from . import freshness

    return freshness.legal_sweep(v.ds["legality"].to_dict("records"), today, D.STALE_DAYS)


def article_claims(v, doc: str, narrowing: D.Filters) -> tuple[tuple[str, ...], frozenset[str], dict[str, str]]:
    """The claims quoted in article ``doc`` (in text order), those of them the filters ``narrowing`` keep
    in colour (all of them when no filter is set), and each one's verdict label."""
    quotes = v.quotes[v.quotes["article"] == doc]
    in_article = tuple(dict.fromkeys(quotes["claim_id"].tolist()))
    mine = v.claims[v.claims["id"].isin(set(in_article))]
    verdicts = dict(zip(mine["id"].tolist(), mine["verdict_label"].tolist()))
    verdicts = {c: verdicts.get(c, "Not yet assessed") for c in in_article}
    if not narrowing.active:
        return in_article, frozenset(in_article), verdicts
    kept = set(D.filter_claims(mine, narrowing)["id"].tolist())
    return in_article, frozenset(c for c in in_article if c in kept), verdicts


def article_body(v, doc: str, narrowing: D.Filters) -> str:
    """The article ``doc`` as escaped HTML, each claim highlighted in its verdict's colour and labelled;
    claims the filters ``narrowing`` leave out keep their highlight without the colour."""
    from .highlight import article_html

    quotes = v.quotes[v.quotes["article"] == doc]
    _, coloured, verdicts = article_claims(v, doc, narrowing)

    def verdict_of(cid: str) -> str:
        return verdicts.get(cid, "Not yet assessed")

    return article_html(
        v.ds.article_texts.get(doc, ""), list(zip(quotes["claim_id"], quotes["text"])),
        lambda c: L.VERDICT_COLOUR.get(verdict_of(c), "#DDDDDD"), lambda c: L.VERDICT_ICON.get(verdict_of(c), ""), verdict_of,
        set(coloured),
    )  # fmt: skip


def assessed_claims(v, filters: D.Filters) -> tuple[str, ...]:
    """The ids of the claims that have a verdict and pass the filters (the quiz's and the handout's choice)."""
    assessed = v.claims.dropna(subset=["verdict"])
    return tuple(D.filter_claims(assessed, filters)["id"].tolist())


def scorecard(v, doc: str) -> pd.DataFrame:
    """Article ``doc``'s scorecard (item, answer, detail), answered from the curated data."""
    return D.article_scorecard(v.ds, v.claims, v.harm_mentions, doc)


def claims_by_type(v, doc: str) -> pd.DataFrame:
    """How many of article ``doc``'s claims are of each type (columns Type, Claims)."""
    mine = D.filter_claims(v.claims, D.Filters(article=(doc,)))
    return mine["type_label"].value_counts().rename_axis("Type").reset_index(name="Claims")


def claim_studies(v, claim_id: str) -> tuple[list[dict], dict[str, int]]:
    """The studies linked to one claim (counted first, strongest design first) as records, and its evidence ladder."""
    ev = D.claim_evidence(v.ds, claim_id, v.studies)
    return ev.to_dict("records"), D.claim_ladder(v.ds, claim_id, evidence=ev)


def claim_harms(v, claim_id: str) -> list[dict]:
    """The harms (in the harms table) one claim bears on: id, name, severity label, articles warning of it, figures."""
    rows = v.claims[v.claims["id"] == claim_id]
    if rows.empty:
        return []
    wanted = [h for h in (rows.iloc[0]["harms"] or []) if h in v.harm_names]
    hm = v.harm_mentions.set_index("harm_id")
    counts = v.figures["harm_id"].value_counts()
    return [
        {"id": h, "name": v.harm_names[h], "severity_label": hm.loc[h, "severity_label"], "n_articles": int(hm.loc[h, "n_articles"]),
         "figures": int(counts.get(h, 0))}
        for h in wanted
    ]  # fmt: skip


def harm_claims(v, harm_id: str) -> list[tuple[str, str]]:
    """The safety claims linked to one harm: (claim id, verdict label)."""
    linked = D.claims_for_harm(v.claims, harm_id)
    return list(zip(linked["id"].tolist(), linked["verdict_label"].tolist()))


def yearly_sources(v) -> tuple[str, ...]:
    """The sources of the reports-by-year figures, each once, in the table's order."""
    return tuple(dict.fromkeys(D.yearly_counts(v.figures)["source_label"].tolist()))


def unwarned_harm_names(v) -> tuple[str, ...]:
    """The names of the serious or life-threatening harms no article warns about."""
    return tuple(D.unwarned_serious_harms(v.harm_mentions)["harm"].tolist())


def legal_status(v, year: int, scope: str, today: dt.date) -> pd.DataFrame:
    """Every jurisdiction's status for ``scope`` at the end of ``year`` (today for this year)."""
    return D.status_as_of(v.ds["legality"], as_of(year, today), scope)


# --- the charts ----------------------------------------------------------------------------
# Each carries its caption (sources, what it does not show; texts/captions.yaml) inside the
# figure, so an exported PNG or a slide keeps them.


def _captioned(fig: go.Figure, key: str, **values: object) -> go.Figure:
    return C.with_caveats(fig, **texts.caption(key, **values))


def not_counted(studies: pd.DataFrame) -> str:
    """The caption's note on studies listed but not counted (no published results), or nothing."""
    n = int((~studies["counted"]).sum())
    if not n:
        return ""
    return f" {n} registered, ongoing or unpublished stud{'ies are' if n != 1 else 'y is'} listed under All studies but not counted."


def hype_gap(v, filters: D.Filters) -> go.Figure:
    return _captioned(C.hype_gap(claims_in_view(v, filters)), "overview.hype")


def claims_by_article(v, filters: D.Filters, text: str = "") -> go.Figure:
    fig = C.claims_by_article(D.claims_by_article(claims_in_view(v, filters, text), v.ds["articles"]))
    return _captioned(fig, "claims.by_article")


def design_ladder(v, filters: D.Filters) -> go.Figure:
    studies = studies_in_view(v, filters)
    return _captioned(C.design_ladder(D.design_ladder(studies)), "evidence.ladder", not_counted=not_counted(studies))


def evidence_map(v, filters: D.Filters) -> go.Figure:
    fig = C.evidence_matrix(D.evidence_matrix(links_in_view(v, filters), v.ds["topics"]))
    return _captioned(fig, "evidence.matrix", not_counted=not_counted(studies_in_view(v, filters)))


def harm_warnings(v) -> go.Figure:
    return _captioned(C.mentioned_vs_reported(v.harm_mentions, v.ds["articles"]), "harms.mentions")


def harms_by_year(v) -> go.Figure:
    yearly = D.yearly_counts(v.figures)
    sources = "; ".join(dict.fromkeys(yearly["source_label"])) or "none"
    return _captioned(C.counts_by_year(yearly), "harms.by_year", sources=sources)


def harm_panels(v, kind: str, severity: tuple[str, ...] = (), system: tuple[str, ...] = ()) -> go.Figure:
    shown = harm_figures(v, kind, severity, system)
    fig = C.kind_panels(shown, L.DATA_KIND[kind])
    sources = "; ".join(dict.fromkeys(shown["source_label"])) or "none"
    return _captioned(fig, "harms.panels", sources=sources, meaning=L.DATA_KIND_MEANING[kind])


def world_map(v, year: int, scope: str, today: dt.date) -> go.Figure:
    status = legal_status(v, year, scope, today)
    world = status[status["level"].isin(["country", "federal"])]
    fig = C.legal_map(world, "world", f"Where is it legal? Countries, as of {as_of(year, today):%d %b %Y}", today=today)
    return _captioned(fig, "legality.world")


def us_map(v, year: int, scope: str, today: dt.date) -> go.Figure:
    status = legal_status(v, year, scope, today)
    title = f"Where is it legal? US states, as of {as_of(year, today):%d %b %Y}"
    fig = C.legal_map(status[status["level"] == "state"], "us", title, local=D.local_rules_by_state(status), today=today)
    return _captioned(fig, "legality.us")


def legal_timeline(v) -> go.Figure:
    return _captioned(C.timeline(D.timeline_events(v.ds["timeline"], v.place_names)), "legality.timeline")


# The names a page may ask ``ui.data.figure`` for.
FIGURES = {
    f.__name__: f
    for f in (hype_gap, claims_by_article, design_ladder, evidence_map, harm_warnings, harms_by_year, harm_panels, world_map, us_map)
    + (legal_timeline,)
}
