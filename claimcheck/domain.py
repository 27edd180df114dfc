"""Filtering and aggregation: DataFrames in, DataFrames out.

Nothing here reads widgets or session state; pages pass in a :class:`Filters`
value built from the URL and the sidebar, and get back frames ready to chart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from urllib.parse import quote

import pandas as pd

from . import labels as L
from . import schema as S
from .dataset import Dataset
from .freshness import MAX_AGE_DAYS, is_overdue
from .validate import date_bounds

REGIONS = ("world", "us")


@dataclass(frozen=True)
class Filters:
    """The filters shared by every page. An empty tuple means "all"."""

    article: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    verdict: tuple[str, ...] = ()
    certainty: tuple[str, ...] = ()
    design: tuple[str, ...] = ()
    region: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


def allowed_filter_values(ds: Dataset) -> dict[str, tuple[str, ...]]:
    """Every value each shared filter can take, in display order."""
    return {
        "article": tuple(ds["articles"]["id"]),
        "topic": tuple(ds["topics"]["id"]),
        "verdict": S.VERDICTS,
        "certainty": S.CERTAINTY,
        "design": S.DESIGNS,
        "region": REGIONS if len(ds["legality"]) else (),  # no legal data, no maps to choose
    }


def parse_filters(query: Mapping[str, object], allowed: Mapping[str, tuple[str, ...]]) -> Filters:
    """Build filters from URL query parameters, silently ignoring anything unknown.

    Values may be a comma-separated string or a list of strings. Unknown
    parameter names, unknown values and junk are dropped, never an error.
    """
    kwargs = {}
    for name in L.FILTER_PARAMS:
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
    return {f.name: ",".join(getattr(filters, f.name)) for f in fields(filters) if getattr(filters, f.name)}


def with_filter(filters: Filters, **changes: tuple[str, ...]) -> Filters:
    return replace(filters, **changes)


def truth(value) -> bool | None:
    """A recorded yes/no as a Python bool, or None when it was not recorded.

    Boolean columns hold numpy or pandas booleans (and ``pd.NA`` for blanks), for
    which ``value is True`` is always false: read them through this function.
    """
    if value is None or value is pd.NA:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return None
    if isinstance(value, str):
        return {"true": True, "yes": True, "false": False, "no": False}.get(value.strip().lower())
    return bool(value)


# --- claims ---------------------------------------------------------------------
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
    topic_label = dict(zip(ds["topics"]["id"], ds["topics"]["label"]))
    condition_label = dict(zip(ds["conditions"]["id"], ds["conditions"]["label"]))
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


def filter_claims(claims: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Claims that pass the shared filters (expects :func:`claims_table` output)."""
    mask = pd.Series(True, index=claims.index)
    if filters.article:
        mask &= claims["articles"].apply(lambda a: bool(set(a) & set(filters.article)))
    if filters.topic:
        mask &= claims["topic"].isin(filters.topic)
    if filters.verdict:
        mask &= claims["verdict"].isin(filters.verdict)
    if filters.certainty:
        mask &= claims["certainty"].isin(filters.certainty)
    if filters.design:
        mask &= claims["designs"].apply(lambda d: bool(set(d) & set(filters.design)))
    return claims[mask]


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
    label = dict(zip(articles["id"], articles["label"]))
    exploded["article_label"] = exploded["article"].map(label).fillna(exploded["article"])
    return exploded.groupby(["article", "article_label", "topic_label", "type_label"], sort=False).size().reset_index(name="claims")


# --- studies ----------------------------------------------------------------------
def studies_table(ds: Dataset) -> pd.DataFrame:
    """Studies with display columns and the claims each bears on."""
    studies = ds["studies"].copy()
    studies["design_label"] = studies["design"].map(L.DESIGN)
    studies["verification_label"] = studies["verification"].map(L.VERIFICATION)
    studies["status_label"] = studies["status"].map(L.STUDY_STATUS)
    studies["counted"] = studies["status"] == "published"
    studies["identifiers"] = [identifier_links(r) for r in studies.to_dict("records")]
    studies["identifiers_text"] = studies["identifiers"].apply(lambda ids: " · ".join(identifier_text(k, v) for k, v, _ in ids))
    studies["link"] = [best_link(r) for r in studies.to_dict("records")]
    studies["population_text"] = [population_text(r) for r in studies.to_dict("records")]
    claims_of = ds["claim_studies"].groupby("study_id")["claim_id"].agg(tuple)
    studies["claims"] = studies["id"].map(claims_of).apply(lambda v: v if isinstance(v, tuple) else ())
    return studies


def identifier_links(study: Mapping) -> list[tuple[str, str, str]]:
    """(kind, identifier, canonical URL) for each identifier a study record carries: DOI, PubMed, PMC, trial registry."""
    out = []
    for field_name, (kind, template) in L.IDENTIFIER_URL.items():
        value = study.get(field_name)
        if isinstance(value, str) and value.strip():
            out.append((kind, value.strip(), template.format(quote(value.strip(), safe="/:._-()"))))
    return out


def identifier_text(kind: str, value: str) -> str:
    """An identifier as a reader cites it: "DOI 10.1/x", "PubMed 123", "PMC7053747" (no "PMC PMC…")."""
    return value if value.upper().startswith(kind.upper()) else f"{kind} {value}"


def best_link(study: Mapping) -> str | None:
    """The link a reader should follow first: a canonical identifier page (DOI first), else the first page it was seen on."""
    ids = identifier_links(study)
    if ids:
        return ids[0][2]
    urls = study.get("urls")
    return urls[0] if isinstance(urls, (list, tuple)) and urls else None


def population_text(study: Mapping) -> str:
    """Who or what was studied, in words: the curated description, else the kind and number."""
    text = study.get("population")
    if isinstance(text, str) and text.strip():
        return text.strip()
    n = study.get("n")
    kind = study.get("population_kind")
    if kind == "humans" and n is not None and not pd.isna(n):
        return f"{int(n):,} people"
    return L.POPULATION_KIND.get(kind, "not recorded").capitalize() if isinstance(kind, str) else "Not recorded"


def filter_studies(studies: pd.DataFrame, filters: Filters, claim_ids: set[str] | None = None) -> pd.DataFrame:
    mask = pd.Series(True, index=studies.index)
    if filters.design:
        mask &= studies["design"].isin(filters.design)
    if claim_ids is not None and (filters.article or filters.topic or filters.verdict or filters.certainty):
        mask &= studies["claims"].apply(lambda c: bool(set(c) & claim_ids))
    return studies[mask]


def design_ladder(studies: pd.DataFrame) -> pd.DataFrame:
    """Number of studies with published results at each rung of the design ladder, every rung present.

    Registered, ongoing and unreported studies are not counted on any rung.
    """
    counts = studies[studies["status"] == "published"]["design"].value_counts()
    return pd.DataFrame(
        {
            "design": list(L.DESIGN_ORDER),
            "design_label": [L.DESIGN[d] for d in L.DESIGN_ORDER],
            "studies": [int(counts.get(d, 0)) for d in L.DESIGN_ORDER],
        }
    )


def claim_evidence(ds: Dataset, claim_id: str) -> pd.DataFrame:
    """The studies linked to one claim, with direction and note."""
    links = ds["claim_studies"][ds["claim_studies"]["claim_id"] == claim_id]
    out = links.merge(studies_table(ds), left_on="study_id", right_on="id", how="left")
    out["direction_label"] = [L.DIRECTION.get(d, d) if counted else L.NOT_COUNTED for d, counted in zip(out["direction"], out["counted"])]
    order = {d: i for i, d in enumerate(L.DESIGN_ORDER)}
    # Studies that count come first, strongest design first; those without published results last.
    out["_rank"] = [
        order.get(d, len(order)) + (0 if c is True else len(order) + 1) for d, c in zip(out["design"], out["counted"].map(truth))
    ]
    return out.sort_values("_rank", kind="stable").drop(columns="_rank").reset_index(drop=True)


# --- harms ------------------------------------------------------------------------
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
    names = dict(zip(ds["harms"]["id"], ds["harms"]["name"]))
    severity = dict(zip(ds["harms"]["id"], ds["harms"]["severity"]))
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


# --- legality ---------------------------------------------------------------------
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


def claims_in_bars(claims: pd.DataFrame, bars: list[tuple[str, str]]) -> pd.DataFrame:
    """Claims behind the selected bars of the claims-by-article chart: (article id, claim-type label) pairs."""
    if not bars:
        return claims
    keep = claims.apply(lambda c: any(a in c["articles"] and t == c["type_label"] for a, t in bars), axis=1)
    return claims[keep]


def legal_years(legality: pd.DataFrame) -> tuple[int, int]:
    """The span of years the legal data covers, for the "as of" control."""
    years = [int(str(v)[:4]) for col in ("start", "end") for v in legality[col].dropna()]
    if not years:
        return (dt.date.today().year, dt.date.today().year)
    return (min(years), max(max(years), dt.date.today().year))


def filter_figures(figs: pd.DataFrame, harms: pd.DataFrame, severity=(), systems=(), kinds=()) -> pd.DataFrame:
    """Figures (from :func:`figures_table`) narrowed by severity, body system and kind of data."""
    system_of = dict(zip(harms["id"], harms["body_system"]))
    mask = pd.Series(True, index=figs.index)
    if severity:
        mask &= figs["severity"].isin(severity)
    if systems:
        mask &= figs["harm_id"].map(system_of).isin(systems)
    if kinds:
        mask &= figs["data_kind"].isin(kinds)
    return figs[mask]


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


def figure_panels(figs: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """Figures split into panels of one kind of data and one unit each, in a fixed order."""
    out = []
    for kind in S.DATA_KINDS:
        for unit in S.UNITS:
            part = figs[(figs["data_kind"] == kind) & (figs["unit"] == unit)]
            if not part.empty:
                out.append((kind, unit, part))
    return out


def yearly_counts(figs: pd.DataFrame, data_kind: str = "poison_centre_exposures") -> pd.DataFrame:
    """Count figures of one kind whose period is a single year, with the year as a number."""
    part = figs[(figs["data_kind"] == data_kind) & (figs["unit"] == "count") & figs["period"].astype(str).str.fullmatch(r"\d{4}")]
    part = part.copy()
    part["year"] = part["period"].astype(int)
    return part


def claims_for_harm(claims: pd.DataFrame, harm_id: str) -> pd.DataFrame:
    """Safety claims linked to one harm."""
    return claims.loc[claims["harms"].apply(lambda h: harm_id in (h or [])).astype(bool)]


def local_rules_by_state(status: pd.DataFrame) -> pd.DataFrame:
    """City and county rules in force, grouped by the state they sit in (for a marker per state)."""
    from .codes import state_of_local

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


def evidence_links(ds: Dataset) -> pd.DataFrame:
    """One row per claim-study link, with the claim's topic and the study's design."""
    links = ds["claim_studies"].merge(ds["claims"][["id", "topic"]], left_on="claim_id", right_on="id", how="inner").drop(columns="id")
    studies = ds["studies"]
    # Only studies with published results are evidence; the others never enter the map.
    studies = studies[studies["status"] == "published"]
    links = links.merge(studies[["id", "design", "title", "year", "urls", "verification"]], left_on="study_id", right_on="id", how="inner")
    canonical = {r["id"]: best_link(r) for r in studies.to_dict("records")}
    links["link"] = links["study_id"].map(canonical)
    topic_label = dict(zip(ds["topics"]["id"], ds["topics"]["label"]))
    links["topic_label"] = links["topic"].map(topic_label).fillna(links["topic"])
    return links.drop(columns="id")


def evidence_matrix(links: pd.DataFrame, topics: pd.DataFrame) -> pd.DataFrame:
    """Studies per topic x design x direction; every topic and design appears, so gaps show.

    Returns columns topic, topic_label, design, direction, studies (0 for empty cells,
    with direction None).
    """
    counts = links.groupby(["topic", "design", "direction"])["study_id"].nunique().reset_index(name="studies")
    labels = dict(zip(topics["id"], topics["label"]))
    used = [t for t in topics["id"] if t in set(links["topic"])] or list(topics["id"])
    rows = []
    for t in used:
        for d in L.DESIGN_ORDER:
            cell = counts[(counts["topic"] == t) & (counts["design"] == d)]
            if cell.empty:
                rows.append({"topic": t, "topic_label": labels.get(t, t), "design": d, "direction": None, "studies": 0})
            for _, r in cell.iterrows():
                rows.append(
                    {"topic": t, "topic_label": labels.get(t, t), "design": d, "direction": r["direction"], "studies": int(r["studies"])}
                )
    return pd.DataFrame(rows, columns=["topic", "topic_label", "design", "direction", "studies"])


def cell_studies_for_display(found: pd.DataFrame) -> pd.DataFrame:
    """The studies of an evidence-map cell with readable headers and labels instead of stored codes."""
    return pd.DataFrame(
        {
            "Study": found["study_id"],
            "Year": found["year"],
            "Title": found["title"],
            "Bears on claims": found["claims"],
            "How": found["directions"].map(lambda s: ", ".join(L.label(L.DIRECTION, d) for d in s.split(", "))),
            "Verified": found["verification"].map(lambda x: L.label(L.VERIFICATION, x)),
            "Link": found["link"],
        }
    )


def cell_studies(links: pd.DataFrame, topic: str, design: str) -> pd.DataFrame:
    """The studies behind one cell of the evidence matrix, with the claims they bear on."""
    part = links[(links["topic"] == topic) & (links["design"] == design)]
    return (
        part.groupby(["study_id", "title", "year", "verification"], sort=False)
        .agg(
            claims=("claim_id", lambda s: ", ".join(dict.fromkeys(s))),
            directions=("direction", lambda s: ", ".join(dict.fromkeys(s))),
            link=("link", "first"),
        )
        .reset_index()
    )


def claim_ladder(ds: Dataset, claim_id: str) -> dict[str, int]:
    """How many linked studies sit on each rung of the design ladder for one claim."""
    ev = claim_evidence(ds, claim_id)
    counts = ev[ev["counted"]]["design"].value_counts()  # a study without published results is on no rung
    return {d: int(counts[d]) for d in L.DESIGN_ORDER if d in counts}
