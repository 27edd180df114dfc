"""The contract itself, and the real data in data/ against it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from claimcheck import schema as S
from claimcheck.codes import US_STATES
from claimcheck.dataset import load_dataset
from claimcheck.dictionary import data_dictionary
from claimcheck.load import data_dir

from .conftest import REAL, ROOT


def test_every_table_and_field_is_described_and_well_formed():
    names = {t.name for t in S.TABLES}
    errors = []
    for t in S.TABLES:
        if not t.description:
            errors.append(f"{t.name}: no description")
        for k in t.primary_key:
            if k not in t.field_names:
                errors.append(f"{t.name}: primary key {k} is not a field")
        for f in t.fields:
            if not f.description:
                errors.append(f"{t.name}.{f.name}: no description")
            if f.ref and f.ref not in names:
                errors.append(f"{t.name}.{f.name}: refers to unknown table {f.ref}")
        if t.periods:
            start, end, keys = t.periods
            for k in (start, end, *keys):
                if k not in t.field_names:
                    errors.append(f"{t.name}: period field {k} missing")
    assert errors == []


def test_data_dictionary_lists_every_field_of_every_table():
    dd = data_dictionary()
    expected = sum(len(t.fields) + sum(len(f.item_fields) for f in t.fields) for t in S.TABLES)
    assert len(dd) == expected
    assert set(dd["File"]) == {t.file for t in S.TABLES}


def test_real_data_validates_cleanly():
    ds = load_dataset(REAL)
    assert [str(p) for p in ds.problems] == []


def test_data_folder_setting_defaults_to_data_and_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("CLAIMCHECK_DATA_DIR", raising=False)
    assert data_dir() == REAL
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path


@pytest.fixture(scope="module")
def real():
    return load_dataset(REAL)


def test_every_article_has_its_text_and_every_quote_is_found(real):
    # The validator checks each quote against its article; here we also check coverage.
    assert len(real["articles"]) == 5
    assert set(real.article_texts) == set(real["articles"]["id"])
    quoted = {q["article"] for qs in real["claims"]["quotes"] for q in qs}
    assert quoted == set(real["articles"]["id"])


def test_legal_data_covers_all_states_dc_and_the_federal_position(real):
    leg = real["legality"]
    states = set(leg[(leg["level"] == "state") & (leg["scope"] == "leaf")]["code"])
    assert states == set(US_STATES)
    assert ((leg["code"] == "USA") & (leg["level"] == "federal")).any()
    assert leg["last_checked"].notna().all()


def test_every_harm_figure_has_a_denominator_label_and_a_kind(real):
    figs = real["harm_figures"]
    assert (figs["denominator_label"].str.strip().str.len() > 0).all()
    assert figs["data_kind"].isin(S.DATA_KINDS).all()


def test_every_row_says_when_it_was_last_checked(real):
    from claimcheck import schema as S

    for t in S.TABLES:
        if "last_checked" in t.field_names and t.name != "claims":
            assert real[t.name]["last_checked"].notna().all(), t.name


def test_every_study_has_a_url_that_was_seen(real):
    assert real["studies"]["urls"].apply(len).min() >= 1


def test_every_claim_has_verdict_certainty_reasons_and_rationale(real):
    claims = real["claims"]
    assert claims["verdict"].notna().all(), list(claims[claims["verdict"].isna()]["id"])
    health = claims["claim_type"].isin(["efficacy", "safety", "mechanism", "dosage"])
    assert claims[health]["certainty"].notna().all()
    # claims about law, tradition or a study are not graded: they say what they rest on instead
    assert claims[~health]["certainty"].isna().all() and claims[~health]["basis"].notna().all()
    assert claims["reasons"].apply(len).min() >= 1
    assert claims["rationale"].str.len().min() > 40


def test_efficacy_mechanism_and_study_claims_have_sources_or_a_recorded_search(real):
    linked = set(real["claim_studies"]["claim_id"])
    needs = real["claims"][real["claims"]["claim_type"].isin(["efficacy", "mechanism", "study"])]
    missing = [cid for cid, searched in zip(needs["id"], needs["searched"]) if cid not in linked and not isinstance(searched, str)]
    assert missing == []


def test_traditional_use_never_counts_as_evidence_of_efficacy(real):
    links = real["claim_studies"].merge(real["studies"][["id", "design"]], left_on="study_id", right_on="id")
    links = links.merge(real["claims"][["id", "claim_type"]], left_on="claim_id", right_on="id", suffixes=("", "_c"))
    bad = links[
        (links["design"] == "traditional") & (links["claim_type"] == "efficacy") & links["direction"].isin(["supports", "partly_supports"])
    ]
    assert bad.empty, bad[["claim_id", "study_id"]].values.tolist()


def test_unverified_sources_are_flagged_in_the_data(real):
    studies = real["studies"]
    assert set(studies["verification"]) <= {"primary_record", "secondary_only"}
    assert (studies["verification"] == "secondary_only").any()
    # a secondary-only row says what was and was not seen
    secondary = studies[studies["verification"] == "secondary_only"]
    assert secondary["verification_note"].notna().all()


# --- guards on the code -----------------------------------------------------------
CODE_DIRS = ("claimcheck", "ui", "pages")


def _code_files():
    files = [ROOT / "dashboard.py"]
    for d in CODE_DIRS:
        files.extend(sorted((ROOT / d).rglob("*.py")))
    return files


def test_the_package_never_imports_streamlit():
    for path in sorted((ROOT / "claimcheck").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not any(n.split(".")[0] == "streamlit" for n in names), path


def test_no_code_names_the_topic():
    """The topic lives in data/: swapping the folder must be enough to serve another subject."""
    meta = load_dataset(REAL).meta
    words = {meta["subject"].lower(), "mitragyn", "7-hydroxymitragynine"}
    offenders = []
    for path in _code_files():
        text = path.read_text(encoding="utf-8").lower()
        for w in words:
            if w in text:
                offenders.append(f"{path.relative_to(ROOT)}: {w}")
    assert offenders == []


def test_yaml_is_only_read_with_the_safe_loader():
    for path in _code_files():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"yaml\.(load|full_load|unsafe_load)\(", text), path
        assert "yaml.Loader" not in text and "FullLoader" not in text, path


def test_article_texts_in_data_match_the_seed_articles():
    """The copies in data/articles are the collected articles, byte for byte (in this repository's CI)."""
    import os

    seeds = Path(os.environ.get("CLAIMCHECK_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
    if not seeds.is_dir():
        pytest.skip(f"no seed folder at {seeds} (set CLAIMCHECK_SEEDS_DIR); forks without it skip this one check")
    assert sorted(p.name for p in seeds.glob("*.txt")) == sorted(p.name for p in (REAL / "articles").glob("*.txt"))
    for seed in seeds.glob("*.txt"):
        assert (REAL / "articles" / seed.name).read_bytes() == seed.read_bytes(), seed.name


def test_code_files_are_found():
    assert len(_code_files()) > 10 and all(Path(p).exists() for p in _code_files())
