"""Reuse: the open data package, ClaimReview export, and a second (made-up) topic through every page."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from claimcheck import schema as S
from claimcheck.claimreview import RATING_VALUE, claim_reviews
from claimcheck.datapackage import descriptor, render
from claimcheck.dataset import load_dataset

from .conftest import MINI, REAL, ROOT

PAGES = [None, "pages/1_Claims.py", "pages/2_Evidence.py", "pages/3_Articles.py", "pages/4_Adverse_effects.py",
         "pages/5_Legality.py", "pages/6_Classroom.py", "pages/7_Methods_and_data.py", "pages/8_Check_an_article.py"]  # fmt: skip


def test_datapackage_json_is_in_step_with_the_schema():
    ds = load_dataset(REAL)
    assert (REAL / "datapackage.json").read_text(encoding="utf-8") == render(REAL, ds.meta), "run: python -m claimcheck datapackage"


def test_datapackage_describes_every_table_with_fields_keys_and_licence():
    d = descriptor(REAL, load_dataset(REAL).meta)
    names = {r["path"] for r in d["resources"]}
    assert names == {t.file for t in S.TABLES if (REAL / t.file).exists()}
    legality = next(r for r in d["resources"] if r["path"] == "legality.csv")
    fields = {f["name"]: f for f in legality["schema"]["fields"]}
    assert fields["status"]["constraints"]["enum"] == list(S.LEGAL_STATUS)
    assert legality["schema"]["primaryKey"] == ["id"]
    assert d["licenses"][0]["name"] == "CC-BY-4.0"


def test_datapackage_check_fails_when_stale(mini):
    cli = [sys.executable, "-m", "claimcheck", "datapackage", str(mini)]
    assert subprocess.run([*cli, "--check"], cwd=ROOT, capture_output=True).returncode == 1
    assert subprocess.run(cli, cwd=ROOT, capture_output=True).returncode == 0
    assert subprocess.run([*cli, "--check"], cwd=ROOT, capture_output=True).returncode == 0


def test_claimreview_has_the_properties_google_lists_as_required():
    ds = load_dataset(REAL)
    from claimcheck import domain as D

    reviews = claim_reviews(D.claims_table(ds), ds["articles"], "https://example.org/app/", "Test")
    assert len(reviews) == ds["claims"]["verdict"].notna().sum()
    for r in reviews:
        assert r["@type"] == "ClaimReview" and r["@context"] == "https://schema.org"
        assert r["claimReviewed"] and r["url"].startswith("https://example.org/app/Claims?claim=")
        rating = r["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert r["itemReviewed"]["@type"] == "Claim" and r["itemReviewed"]["appearance"]
    json.dumps(reviews)  # serialisable
    assert set(RATING_VALUE) == set(S.VERDICTS)


EXPECTED = {  # something from the made-up data that each page must show
    None: "Glowroot test data",
    "pages/1_Claims.py": "**4 claims**",
    "pages/2_Evidence.py": "**2 studies**",  # opened on its table view (QUERY)
    "pages/3_Articles.py": "Glowroot Cures Everything",
    "pages/4_Adverse_effects.py": "Liver injury",  # its card, opened by the link (QUERY)
    "pages/5_Legality.py": "Austin, TX",  # opened on its table view (QUERY)
    "pages/6_Classroom.py": "K1",
    "pages/7_Methods_and_data.py": "last updated 2026-01-01",
    "pages/8_Check_an_article.py": "one of the 4 claims in the ledger",
}
QUERY = {"pages/2_Evidence.py": {"view": "table"}, "pages/4_Adverse_effects.py": {"harm": "liver"}, "pages/5_Legality.py": {"map": "table"}}


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [t.value for t in at.title] + [h.value for h in at.header] + [c.value for c in at.caption]
    parts += [df.value.to_string() for df in at.dataframe] + [t.value.to_string() for t in at.table]
    return "\n".join(parts).replace("\\", "")


@pytest.mark.parametrize("page", PAGES)
def test_a_second_made_up_topic_runs_every_page(page, monkeypatch):
    """tests/fixtures/mini is an invented topic ("Glowroot"); the same code must serve it."""
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(MINI))
    at = AppTest.from_file("../dashboard.py", default_timeout=60)
    for k, v in QUERY.get(page, {}).items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]  # the data is valid: no banner
    assert EXPECTED[page] in page_text(at)
