"""The shared derived tables, the filter declarations, the ClaimReview address and the column help.

Each is checked against the data files read here directly (YAML, CSV and the committed
datapackage.json), never against the function that produced it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import fields

import pytest
import yaml

from claimcheck import domain as D
from claimcheck import labels as L
from claimcheck.dataset import load_dataset
from claimcheck.dictionary import column_help
from claimcheck.export import DEFAULT_PUBLIC_URL, claim_reviews_file, public_base_url
from claimcheck.sitemap import PAGES
from claimcheck.views import Views, build_views

from .conftest import MINI, REAL


def _yaml(folder, name) -> list[dict]:
    return yaml.safe_load((folder / name).read_text(encoding="utf-8")) or []


def _csv(folder, name) -> list[dict]:
    with open(folder / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def mini_views() -> Views:
    return build_views(load_dataset(MINI), "fp-mini")


@pytest.fixture(scope="module")
def real_views() -> Views:
    return build_views(load_dataset(REAL), "fp-real")


def test_views_label_maps_are_the_files_names(real_views):
    v = real_views
    assert v.fingerprint == "fp-real"
    assert v.article_labels == {a["id"]: a["label"] for a in _yaml(REAL, "articles.yaml")}
    assert v.topic_labels == {t["id"]: t["label"] for t in _csv(REAL, "topics.csv")}
    assert v.claim_statements == {c["id"]: c["statement"] for c in _yaml(REAL, "claims.yaml")}
    assert v.place_names == {r["code"]: r["name"] for r in _csv(REAL, "legality.csv")}


def test_views_evidence_links_are_the_published_studies_links(real_views):
    published = {s["id"] for s in _yaml(REAL, "studies.yaml") if s.get("status") == "published"}
    claims = {c["id"] for c in _yaml(REAL, "claims.yaml")}
    expected = {
        (r["claim_id"], r["study_id"]) for r in _csv(REAL, "claim_studies.csv") if r["study_id"] in published and r["claim_id"] in claims
    }
    assert set(zip(real_views.links["claim_id"], real_views.links["study_id"])) == expected
    assert len(real_views.links) == len(expected)


def test_every_filter_is_one_spec_and_its_values_come_from_the_files(mini_views):
    names = tuple(s.name for s in D.FILTER_SPECS)
    assert tuple(f.name for f in fields(D.Filters)) == names == D.FILTER_PARAMS
    assert len(set(names)) == len(names) and all(s.label and s.help for s in D.FILTER_SPECS)
    articles = _yaml(MINI, "articles.yaml")
    assert mini_views.allowed["article"] == tuple(a["id"] for a in articles)
    assert mini_views.allowed["topic"] == tuple(t["id"] for t in _csv(MINI, "topics.csv"))
    # the article filter shows "id · label", the form the sidebar has always put in the URL
    assert mini_views.filter_labels["article"] == {a["id"]: f"{a['id']} · {a['label']}" for a in articles}
    assert mini_views.filter_labels["verdict"]["not_supported"] == "Not supported"
    assert set(mini_views.filter_labels) == set(names)
    assert hash(D.Filters(article=("A1",))) == hash(D.Filters(article=("A1",)))


def test_filters_built_from_the_specs_narrow_claims_as_the_files_say(mini_views):
    claims = _yaml(MINI, "claims.yaml")
    for article in mini_views.allowed["article"]:
        expected = [c["id"] for c in claims if any(q["article"] == article for q in c["quotes"])]
        assert list(D.filter_claims(mini_views.claims, D.Filters(article=(article,)))["id"]) == expected
    for topic in {c["topic"] for c in claims}:
        expected = [c["id"] for c in claims if c["topic"] == topic]
        assert list(D.filter_claims(mini_views.claims, D.Filters(topic=(topic,)))["id"]) == expected
    # design narrows the studies directly; a claim filter keeps the studies of the claims that pass
    studies = _yaml(MINI, "studies.yaml")
    design = studies[0]["design"]
    shown = D.filter_studies(mini_views.studies, D.Filters(design=(design,)))
    assert list(shown["id"]) == [s["id"] for s in studies if s["design"] == design]
    links = _csv(MINI, "claim_studies.csv")
    claim = claims[0]["id"]
    by_claim = D.filter_studies(mini_views.studies, D.Filters(verdict=(claims[0]["verdict"],)), {claim})
    assert set(by_claim["id"]) == {r["study_id"] for r in links if r["claim_id"] == claim}
    assert D.filter_claims(mini_views.claims, D.Filters(region=("world",))).equals(mini_views.claims), "region narrows no claim"


def test_story_reads_the_shared_views(mini_views):
    from claimcheck.story import story

    articles, claims = _yaml(MINI, "articles.yaml"), _yaml(MINI, "claims.yaml")
    steps = story(mini_views, dt.date(2026, 1, 1), spotlight=claims[0]["id"])
    assert steps[0].key == "spotlight" and steps[0].title.endswith(claims[0]["id"])
    promise = next(s for s in steps if s.key == "promise")
    assert promise.sentences[0].startswith(f"{len(articles)} articles") and f"make {len(claims)} checkable claims" in promise.sentences[0]


@pytest.mark.parametrize(
    ("configured", "seen", "expected"),
    [
        (None, "http://localhost:8501/", "http://localhost:8501"),
        (None, "https://kratom.streamlit.app/Methods_and_data", "https://kratom.streamlit.app"),
        (None, "https://uni.example/course/app/Adverse_effects", "https://uni.example/course/app"),
        ("https://claims.example.org/", "https://kratom.streamlit.app/Claims", "https://claims.example.org"),
        ("", "https://kratom.streamlit.app/Claims", "https://kratom.streamlit.app"),
        ("javascript:alert(1)", None, DEFAULT_PUBLIC_URL),
        (None, None, DEFAULT_PUBLIC_URL),
    ],
)
def test_public_url_defaults_to_the_apps_own_address(configured, seen, expected):
    assert public_base_url(configured, seen, [p.url_path for p in PAGES]) == expected


def test_claimreview_file_links_every_assessed_claim_under_the_app_address():
    ds = load_dataset(MINI)
    claims = D.claims_table(ds)
    reviews = json.loads(claim_reviews_file(claims, ds["articles"], "https://kratom.streamlit.app"))
    assessed = [c["id"] for c in _yaml(MINI, "claims.yaml") if c.get("verdict")]
    assert [r["url"] for r in reviews] == [f"https://kratom.streamlit.app/Claims?claim={c}" for c in assessed]
    assert reviews and all(r["author"]["name"] == "The claimcheck contributors" for r in reviews)


def test_column_help_is_the_published_field_descriptions():
    package = json.loads((REAL / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        table = resource["name"].replace("-", "_")
        schema = resource.get("schema") or resource.get("yamlSchema")
        # the package adds how a CSV file separates list values; a column on screen shows the list itself
        csv_note = ' Several values are separated by " ; ".'
        expected = {f["name"]: f["description"].removesuffix(csv_note) for f in schema["fields"] if f.get("description")}
        assert column_help(table) == expected, table
    claims = {f["name"]: f["description"] for r in package["resources"] if r["name"] == "claims" for f in r["yamlSchema"]["fields"]}
    shown = column_help("claims", {"Verdict": "verdict", "Claim": "id", "Articles": "no_such_field"})
    assert shown == {"Verdict": claims["verdict"], "Claim": claims["id"]}
    with pytest.raises(KeyError, match="tables are"):
        column_help("nope")


def test_handout_takes_the_views_article_labels(mini_views):
    from claimcheck.export import handout_html

    labels = {a["id"]: a["label"] for a in _yaml(MINI, "articles.yaml")}
    page = handout_html(mini_views.claims, mini_views.article_labels, "Worksheet", "Not advice.")
    first = _yaml(MINI, "claims.yaml")[0]["quotes"][0]
    assert f"— {labels[first['article']]}" in page
    assert L.VERDICT["supported"] in page
