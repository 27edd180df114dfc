"""What a reader sees is what the data files say.

Each test reads a value from the page as a user sees it (an AppTest element, or a chart's data)
and compares it with a computation made here, directly from the raw YAML and CSV files with the
``yaml`` and ``csv`` modules. Nothing from ``claimcheck`` is used for the expected values, so a bug
in the package's reading of the data (such as a numpy boolean compared with ``is True``) cannot
pass by agreeing with itself. The display words are written out here too, on purpose.
"""

from __future__ import annotations

import csv
import datetime as dt
import re

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from claimcheck import marks

from .conftest import REAL
from .test_pages import figures as _figures
from .test_pages import metric as _metric
from .test_pages import numbers as _numbers
from .test_pages import open_page
from .test_pages import table as _table

HEALTH_TYPES = {"efficacy", "safety", "mechanism", "dosage"}
VERDICT_WORDS = {
    "supported": "Supported",
    "partly_supported": "Partly supported",
    "insufficient": "Insufficient evidence",
    "not_supported": "Not supported",
    "contradicted": "Contradicted",
}
CERTAINTY_WORDS = {"high": "High", "moderate": "Moderate", "low": "Low", "very_low": "Very low", "none": "None"}
BASIS_WORDS = {
    "official_text": "Official text (law, regulation or register)",
    "agency_page": "A government agency's own page",
    "study_record": "The published study or review itself",
    "secondary_report": "Secondary reports only (news, vendor or aggregator pages)",
    "none_found": "No source found",
}
STATUS_WORDS = {
    "banned": "Banned",
    "restricted": "Restricted",
    "regulated": "Regulated",
    "unregulated": "No specific law",
    "unclear": "Unclear",
}


# --- the raw files, read without the package ---------------------------------------------
def _yaml(name: str) -> list[dict]:
    with open(REAL / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or []


def _csv(name: str) -> list[dict]:
    with open(REAL / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def raw() -> dict:
    return {
        "articles": _yaml("articles.yaml"),
        "claims": _yaml("claims.yaml"),
        "studies": {s["id"]: s for s in _yaml("studies.yaml")},
        "links": _csv("claim_studies.csv"),
        "harms": _yaml("harms.yaml"),
        "legality": _csv("legality.csv"),
        "topics": {t["id"]: t["label"] for t in _csv("topics.csv")},
    }


def _texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning] + [i.value for i in at.info]


# --- independent computations ------------------------------------------------------------
def supported_by_published_human_trial(raw: dict, claims: list[dict]) -> int:
    """Claims judged (partly) supported with a published human RCT or systematic review supporting them."""
    backed = set()
    for link in raw["links"]:
        study = raw["studies"][link["study_id"]]
        if (
            link["direction"] in ("supports", "partly_supports")
            and study["design"] in ("rct", "systematic_review")
            and study["population_kind"] == "humans"
            and study["status"] == "published"
        ):
            backed.add(link["claim_id"])
    return sum(1 for c in claims if c.get("verdict") in ("supported", "partly_supported") and c["id"] in backed)


def _first_day(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def in_force_today(rows: list[dict], levels: tuple[str, ...], scope: str = "leaf") -> dict[str, str]:
    today = dt.date.today()
    out = {}
    for r in rows:
        if r["level"] not in levels or r["scope"] != scope:
            continue
        start = _first_day(r["start"]) if r["start"] else dt.date.min
        end = _first_day(r["end"]) if r["end"] else dt.date.max
        if start <= today < end:
            out[r["code"]] = r["status"]
    return out


# --- Overview ----------------------------------------------------------------------------
def test_overview_headline_counts_what_its_label_says(raw):
    at = open_page()
    claims = raw["claims"]
    assert _metric(at, "Claims found in the articles") == str(len(claims))
    assert _metric(at, "Supported or partly supported, with a human trial or review") == str(
        supported_by_published_human_trial(raw, claims)
    )
    assert _metric(at, "Contradicted or not supported") == str(sum(c.get("verdict") in ("contradicted", "not_supported") for c in claims))
    assert _metric(at, "Insufficient evidence") == str(sum(c.get("verdict") == "insufficient" for c in claims))


def test_overview_headline_never_counts_unsupported_claims_even_with_a_trial_linked(raw):
    # Claims judged not supported can have a trial linked that partly supports them (the trial is in
    # another population, say); the headline must still say 0 when only such claims are shown.
    at = open_page(query={"verdict": "not_supported,insufficient"})
    assert _metric(at, "Supported or partly supported, with a human trial or review") == "0"
    shown = [c for c in raw["claims"] if c.get("verdict") in ("not_supported", "insufficient")]
    assert _metric(at, "Claims found in the articles") == str(len(shown))


# --- Articles: the scorecard of every article --------------------------------------------
def _yes(value) -> str:
    return "not recorded" if value is None else ("yes" if value else "no")


def _serious_unwarned(raw: dict, article_id: str) -> tuple[int, int]:
    serious = [h for h in raw["harms"] if h["severity"] in ("serious", "life_threatening") and not h.get("summary_row")]
    missed = [
        h
        for h in serious
        if not any(m["article"] == article_id and (m.get("stance") or "warns") == "warns" for m in h.get("mentions") or [])
    ]
    return len(missed), len(serious)


@pytest.mark.parametrize("article_id", [a["id"] for a in _yaml("articles.yaml")])
def test_article_scorecard_answers_from_the_data(raw, article_id):
    art = next(a for a in raw["articles"] if a["id"] == article_id)
    at = open_page("pages/3_Articles.py", query={"doc": art["id"]})
    card = _table(at, "Answer").set_index("Item")["Answer"]
    assert card["Does it say which sources it used?"] == _yes(art.get("cites_sources"))
    assert card["Does it mention uncertainty or limits of the evidence?"] == _yes(art.get("mentions_uncertainty"))
    assert card["Does it mention harms or side effects?"] == _yes(art.get("mentions_harms"))
    assert card["Does it say when it was written?"] == ("yes" if art.get("date") else "no")
    mine = [c for c in raw["claims"] if any(q["article"] == art["id"] for q in c["quotes"])]
    strong = sum(c["assertiveness"] in ("confident", "absolute") for c in mine)
    assert card["Claims worded as confident or absolute"] == f"{strong} of {len(mine)}"
    missed, serious = _serious_unwarned(raw, art["id"])
    assert card["Serious harms in the harms table that it never warns about"] == f"{missed} of {serious}"
    n = len(art.get("commercial_signals") or [])
    assert card["Signs of commercial intent"] == f"{n} signal{'s' if n != 1 else ''}"


def test_articles_page_says_how_the_filters_apply(raw):
    art = raw["articles"][0]
    at = open_page("pages/3_Articles.py", query={"doc": art["id"], "verdict": "insufficient"})
    mine = {c["id"] for c in raw["claims"] if any(q["article"] == art["id"] for q in c["quotes"])}
    matching = {c["id"] for c in raw["claims"] if c["id"] in mine and c.get("verdict") == "insufficient"}
    assert any(f"{len(matching)} of {len(mine)} claims in this article match" in t for t in _texts(at))


# --- Claims: the card shows the curated verdict and certainty, or what the claim rests on --
def _sample_claims(raw: dict) -> list[dict]:
    seen, sample = set(), []
    for c in raw["claims"]:
        if c["claim_type"] not in seen:  # the first claim of every type
            seen.add(c["claim_type"])
            sample.append(c)
    return sample


def test_claim_cards_show_verdict_and_certainty_or_basis(raw):
    sample = _sample_claims(raw)
    assert {c["claim_type"] for c in sample} & HEALTH_TYPES and {c["claim_type"] for c in sample} - HEALTH_TYPES
    for c in sample:
        at = open_page("pages/1_Claims.py", query={"claim": c["id"]})
        texts = "\n".join(_texts(at))
        assert f"**{VERDICT_WORDS[c['verdict']]}**" in texts, c["id"]
        if c["claim_type"] in HEALTH_TYPES:
            assert f"Certainty of human evidence  \n**{CERTAINTY_WORDS[c['certainty']]}**" in texts, c["id"]
        else:
            assert "certainty" not in c
            assert f"rests on  \n**{BASIS_WORDS[c['basis']]}**" in texts, c["id"]


def test_claims_table_counts_and_rows_match_the_ledger(raw):
    at = open_page("pages/1_Claims.py")
    assert any(f"**{len(raw['claims'])} claims**" == t for t in _texts(at))
    rows = _table(at, "Verdict").set_index("Claim")
    for c in raw["claims"]:
        assert rows.loc[c["id"], "Verdict"] == VERDICT_WORDS[c["verdict"]]
        shown = rows.loc[c["id"], "Certainty or basis"]
        if c["claim_type"] in HEALTH_TYPES:
            assert shown == CERTAINTY_WORDS[c["certainty"]], c["id"]
        else:
            assert shown.startswith("Not graded: rests on"), c["id"]


# --- Evidence ---------------------------------------------------------------------------
def test_evidence_table_shows_each_study_status_and_identifier_links(raw):
    at = open_page("pages/2_Evidence.py", query={"view": "table"})
    rows = _table(at, "Status").set_index("Study")
    assert len(rows) == len(raw["studies"])
    unpublished = [s for s in raw["studies"].values() if s["status"] != "published"]
    assert unpublished, "the bundled data has registered or unreported trials"
    for s in raw["studies"].values():
        assert (rows.loc[s["id"], "Status"] == "Published") == (s["status"] == "published"), s["id"]
        if s.get("doi"):
            assert rows.loc[s["id"], "Link"] == f"https://doi.org/{s['doi']}", s["id"]
            assert f"DOI {s['doi']}" in rows.loc[s["id"], "Identifiers"]
        elif s.get("pmid"):
            assert rows.loc[s["id"], "Link"] == f"https://pubmed.ncbi.nlm.nih.gov/{s['pmid']}/", s["id"]
    assert any(f"{len(unpublished)} without published results" in t for t in _texts(at))


def test_design_ladder_counts_only_studies_with_results(raw):
    at = open_page("pages/2_Evidence.py", query={"view": "ladder"})
    fig = _figures(at)[0]
    bars = fig["data"][0]
    shown = dict(zip(bars["y"], _numbers(bars["x"])))
    counts: dict[str, int] = {}
    for s in raw["studies"].values():
        if s["status"] == "published":
            counts[s["design"]] = counts.get(s["design"], 0) + 1
    assert shown["Randomised controlled trial"] == counts.get("rct", 0)
    assert sum(shown.values()) == sum(counts.values())


def test_evidence_map_cells_count_distinct_published_studies(raw):
    at = open_page("pages/2_Evidence.py")
    fig = _figures(at)[0]
    shown = {}
    for trace in fig["data"]:
        if trace["name"].startswith("□") or not trace.get("customdata"):
            continue  # gaps, and the rows' labels
        for cell, n, *_ in trace["customdata"]:
            shown[("|".join(marks.decode(cell, "cell").parts), trace["name"])] = n
    topic_of = {c["id"]: c["topic"] for c in raw["claims"]}
    words = {"supports": "Supports", "partly_supports": "Partly supports", "contradicts": "Contradicts", "no_bearing": "No bearing"}
    expected: dict[tuple[str, str], set] = {}
    for link in raw["links"]:
        study = raw["studies"][link["study_id"]]
        if study["status"] != "published":
            continue
        key = (f"{topic_of[link['claim_id']]}|{study['design']}", words[link["direction"]])
        expected.setdefault(key, set()).add(study["id"])
    assert shown == {k: len(v) for k, v in expected.items()}


# --- Adverse effects --------------------------------------------------------------------
def test_warning_names_exactly_the_serious_harms_no_article_warns_about(raw):
    at = open_page("pages/4_Adverse_effects.py")
    serious = [h for h in raw["harms"] if h["severity"] in ("serious", "life_threatening") and not h.get("summary_row")]
    unwarned = [h["name"] for h in serious if not any((m.get("stance") or "warns") == "warns" for m in h.get("mentions") or [])]
    warning = next(w.value for w in at.warning if "no article warns about" in w.value)
    listed = re.sub(r"\\(.)", r"\1", warning.split(":**", 1)[1]).strip()  # Markdown escapes removed
    assert listed == ", ".join(h["name"] for h in serious if h["name"] in unwarned) or sorted(listed.split(", ")) == sorted(
        ", ".join(unwarned).split(", ")
    )
    for h in serious:
        assert (h["name"] in listed) == (h["name"] in unwarned), h["name"]


# --- Legality: the status of every place on each map ------------------------------------
# The world map shows countries and the US federal row; the US map shows states and DC.
@pytest.mark.parametrize(("query", "levels"), [({}, ("country", "federal")), ({"map": "us"}, ("state",))])
def test_each_map_shows_every_place_with_its_status_in_force_today(raw, query, levels):
    at = open_page("pages/5_Legality.py", query=query)
    fig = _figures(at)[0]
    shown = {}
    for trace in fig["data"]:
        if trace.get("type") == "choropleth":
            for code in trace["locations"]:
                shown[code] = trace["name"]
    expected = {code: STATUS_WORDS[status] for code, status in in_force_today(raw["legality"], levels).items()}
    assert shown == expected


# --- glossary: every abbreviation a reader meets often is explained ---------------------
EVERYDAY = {"US", "USA", "UK", "EU", "UN", "PDF", "OH"}  # "OH" is the tail of 7-OH, which has its own entry


def test_every_frequent_abbreviation_is_in_the_glossary():
    texts = []
    for name, keys in (
        ("claims.yaml", ("statement", "rationale", "searched", "would_change")),
        ("harms.yaml", ("name", "description", "severity_note")),
        ("studies.yaml", ("finding", "population")),
    ):
        for rec in _yaml(name):
            texts += [rec[k] for k in keys if isinstance(rec.get(k), str)]
    for row in _csv("harm_figures.csv"):
        texts += [row["denominator_label"], row["note"]]
    counts: dict[str, int] = {}
    for t in texts:
        for token in re.findall(r"\b[A-Z][A-Za-z0-9-]*[A-Z0-9]\b", t):
            if sum(ch.isupper() for ch in token) >= 2 and not re.search(r"\d{3,}", token):
                counts[token] = counts.get(token, 0) + 1
    frequent = {t for t, n in counts.items() if n >= 3} - EVERYDAY
    terms = " ".join(r["term"] for r in _csv("glossary.csv"))
    missing = sorted(t for t in frequent if not re.search(rf"(?<![A-Za-z0-9]){re.escape(t)}(?![A-Za-z0-9])", terms))
    assert missing == [], f"add these to data/glossary.csv: {missing}"


def test_claim_card_ladder_counts_only_studies_with_results(raw):
    # A claim linked to a registered or unreported trial: its card's ladder must not count that trial.
    unpublished = {s["id"] for s in raw["studies"].values() if s["status"] != "published"}
    claim_id = next(link["claim_id"] for link in raw["links"] if link["study_id"] in unpublished)
    design_words = {"rct": "Randomised controlled trial", "systematic_review": "Systematic review / meta-analysis"}
    at = open_page("pages/1_Claims.py", query={"claim": claim_id})
    ladder = next(t for t in _texts(at) if t.startswith("**Evidence ladder:**"))
    for design, words in design_words.items():
        n = sum(
            1
            for link in raw["links"]
            if link["claim_id"] == claim_id
            and raw["studies"][link["study_id"]]["design"] == design
            and raw["studies"][link["study_id"]]["status"] == "published"
        )
        assert (f"{n} × {words}" in ladder) if n else (words not in ladder), ladder


def test_harm_figures_table_reads_as_written_with_words_not_codes():
    figures = _csv("harm_figures.csv")
    at = open_page("pages/4_Adverse_effects.py", query={"view": "how_often"})
    kind = at.segmented_control(key="kind").value
    mine = [f for f in figures if f["data_kind"] == kind]

    def written(f: dict) -> str:
        v = float(f["value"])
        text = f"{int(v):,}" if v.is_integer() else f"{v:,.6g}"
        return text + ("%" if f["unit"] in ("percent", "percent_change") else "")

    rows = _table(at, "Figure")
    assert sorted(rows["Figure"]) == sorted(written(f) for f in mine)
    words = {"primary_record": "Primary record seen", "secondary_only": "Secondary page only ⚠"}
    assert sorted(rows["Verified"]) == sorted(words[f["verification"]] for f in mine)
