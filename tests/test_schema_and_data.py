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

from .conftest import EXPORTED_DATA_DIR, REAL, ROOT


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


def test_the_exported_data_folder_validates():
    """The one test that reads $CLAIMCHECK_DATA_DIR: the folder a deployment serves passes the validator (data/ if none)."""
    folder = Path(EXPORTED_DATA_DIR) if EXPORTED_DATA_DIR else REAL
    assert folder.is_dir(), f"CLAIMCHECK_DATA_DIR={folder} is not a folder"
    assert [str(p) for p in load_dataset(folder).problems] == []


def test_data_folder_setting_defaults_to_data_and_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("CLAIMCHECK_DATA_DIR", raising=False)
    assert data_dir() == REAL
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path


@pytest.fixture(scope="module")
def real():
    return load_dataset(REAL)


def test_every_article_is_quoted_by_at_least_one_claim(real):
    # A curated fact of this topic, not a rule: an article with no claim yet is valid data.
    assert set(real.article_texts) == set(real["articles"]["id"])
    quoted = {q["article"] for qs in real["claims"]["quotes"] for q in qs}
    assert quoted == set(real["articles"]["id"])


def test_legal_data_covers_all_states_dc_and_the_federal_position(real):
    leg = real["legality"]
    states = set(leg[(leg["level"] == "state") & (leg["scope"] == "leaf")]["code"])
    assert states == set(US_STATES)
    assert ((leg["code"] == "USA") & (leg["level"] == "federal")).any()


def test_every_claim_of_the_bundled_topic_is_assessed(real):
    # Also a curated fact: the schema allows a claim with no verdict yet (shown as not yet assessed).
    claims = real["claims"]
    assert claims["verdict"].notna().all(), list(claims[claims["verdict"].isna()]["id"])


def test_some_sources_are_marked_secondary_only(real):
    # The rule that each says what was seen is the validator's (rules.secondary_sources_say_what_was_seen).
    assert (real["studies"]["verification"] == "secondary_only").any()


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


def test_no_text_in_the_code_uses_a_word_of_the_topic():
    """Every topic word of data/ (tests/test_new_topic.py:topic_words), in the code's strings and its Markdown texts.

    Docstrings and regular expressions (``re.compile``) are left out: they are never shown (the
    article matcher's cues are generic health words).
    """
    from .test_new_topic import topic_words

    words = topic_words()
    offenders = []
    texts = [(p, [p.read_text(encoding="utf-8")]) for p in sorted((ROOT / "claimcheck").rglob("*.md"))]
    for path in _code_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        patterns = {
            id(a)
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "compile"
            for a in ast.walk(n)
        } | {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}  # and docstrings
        strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in patterns]
        texts.append((path, strings))
    for path, strings in texts:
        text = "\n".join(strings).lower()
        offenders += [
            f"{path.relative_to(ROOT)}: {w}" for w in sorted(words) if re.search(rf"(?<![a-z0-9-]){re.escape(w)}(?![a-z0-9-])", text)
        ]
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
    # Every seed is in data/articles unchanged; an article a contributor adds later needs no seed.
    assert {p.name for p in seeds.glob("*.txt")} <= {p.name for p in (REAL / "articles").glob("*.txt")}
    for seed in seeds.glob("*.txt"):
        assert (REAL / "articles" / seed.name).read_bytes() == seed.read_bytes(), seed.name


def test_code_files_are_found():
    assert len(_code_files()) > 10 and all(Path(p).exists() for p in _code_files())


@pytest.mark.parametrize("table,section", [("studies", "## Add a study"), ("harms", "## Add a harm or a figure")])
def test_the_contributing_guide_names_every_required_field(table, section):
    """A contributor following CONTRIBUTING.md writes a record the validator accepts: every required field is named."""
    from claimcheck import schema as S

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    part = text.split(section, 1)[1].split("\n## ", 1)[0]
    missing = [f.name for f in S.table(table).fields if f.required and f"`{f.name}`" not in part]
    assert not missing, f"{section} does not name {missing}"
