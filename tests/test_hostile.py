"""Hostile input: broken, huge, oddly encoded or booby-trapped data gets a clear message, never a
traceback, never rendered HTML from the data, and no valid row is lost."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from streamlit.testing.v1 import AppTest

from claimcheck.dataset import load_dataset
from claimcheck.validate import validate

from .conftest import MINI, ROOT, edit

CLEAN_ROWS = {name: len(df) for name, df in load_dataset(MINI).tables.items()}


def rows_kept_except(ds, broken: set[str]) -> None:
    """Every table not deliberately broken keeps all its rows."""
    for name, n in CLEAN_ROWS.items():
        if name not in broken:
            assert len(ds[name]) == n, f"{name} lost rows"


def test_truncated_yaml(mini):
    text = (mini / "claims.yaml").read_text(encoding="utf-8")
    (mini / "claims.yaml").write_text(text[: len(text) // 2 - 7], encoding="utf-8")
    ds = load_dataset(mini)
    assert any(p.file == "claims.yaml" for p in ds.problems)
    rows_kept_except(ds, {"claims", "claim_studies"})


def test_yaml_that_is_not_a_list_of_records(mini):
    (mini / "studies.yaml").write_text("just a sentence\n", encoding="utf-8")
    ds = load_dataset(mini)
    assert any("expected a list of records" in p.message for p in ds.problems)


def test_a_ten_megabyte_junk_file_is_reported_quickly(mini):
    (mini / "topics.csv").write_bytes(b"id,label,description\n" + (b"x," * 5 + b"\n") * (10 * 1024 * 1024 // 12))
    start = time.perf_counter()
    ds = load_dataset(mini)
    assert time.perf_counter() - start < 60
    assert any(p.file == "topics.csv" and "cells but the header has 3" in p.message for p in ds.problems)
    rows_kept_except(ds, {"topics", "claims", "claim_studies"})  # links of claims set aside go with them


def test_a_file_over_the_size_limit_is_not_read(mini):
    (mini / "harms.yaml").write_bytes(b"#" * (21 * 1024 * 1024))
    problems = [str(p) for p in validate(mini).problems]
    assert any("over the" in p and "limit" in p for p in problems)


def test_binary_and_latin1_files(mini):
    (mini / "conditions.csv").write_bytes(b"id,label\x00\xff\xfe")
    (mini / "topics.csv").write_bytes("id,label,description\npain,Douleur,caf\xe9\n".encode("latin-1"))
    problems = [str(p) for p in validate(mini).problems]
    assert any(p.startswith("conditions.csv") for p in problems)
    assert any(p.startswith("topics.csv:2") and "UTF-8" in p for p in problems)


def test_recursive_and_exploding_yaml_aliases(mini):
    (mini / "studies.yaml").write_text("- &a\n  id: loop\n  urls: &u [*u]\n  nested: *a\n", encoding="utf-8")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi")
    )
    (mini / "harms.yaml").write_text(bomb, encoding="utf-8")
    start = time.perf_counter()
    ds = load_dataset(mini)
    assert time.perf_counter() - start < 30
    assert any(p.file == "studies.yaml" for p in ds.problems) and any(p.file == "harms.yaml" for p in ds.problems)
    rows_kept_except(ds, {"studies", "harms", "claim_studies", "harm_figures"})


def test_python_objects_in_yaml_are_refused(mini):
    (mini / "studies.yaml").write_text("- !!python/object/apply:os.system ['echo hacked > /tmp/pwned']\n", encoding="utf-8")
    problems = [str(p) for p in validate(mini).problems]
    assert any("malformed YAML" in p for p in problems)
    assert not os.path.exists("/tmp/pwned")


def test_javascript_links_and_other_schemes_are_rejected(mini):
    edit(
        mini / "studies.yaml",
        "urls: [https://example.org/rat2020]",
        "urls: ['javascript:alert(1)', 'data:text/html,hi', 'https://ok.example/x']",
    )
    edit(mini / "legality.csv", "https://example.org/fr", "JAVASCRIPT:alert(document.cookie)")
    problems = [str(p) for p in validate(mini).problems]
    assert any("'javascript:alert(1)' is not an http(s) URL" in p for p in problems)
    assert any("legality.csv:2" in p and "not an http(s) URL" in p for p in problems)


def test_dangling_and_duplicate_ids_across_tables(mini):
    edit(mini / "claims.yaml", "- id: K3", "- id: K1")
    edit(mini / "harm_figures.csv", "G2,liver,", "G2,kidney,")
    problems = [str(p) for p in validate(mini).problems]
    assert any("duplicate id" in p for p in problems)
    assert any("harm_figures.csv:3" in p and "refers to harms id 'kidney'" in p for p in problems)


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> [click](javascript:alert(2)) **bold**'


def _hostile_copy(mini):
    edit(mini / "claims.yaml", "statement: Glowroot relieves joint pain.", f"statement: '{HOSTILE}'")
    edit(mini / "claims.yaml", "rationale: Only one small animal study.", f"rationale: '{HOSTILE}'")
    edit(mini / "harms.yaml", "name: Nausea", f"name: '{HOSTILE}'")
    edit(mini / "articles.yaml", "label: Glowroot cures everything", f"label: '{HOSTILE}'")
    edit(mini / "legality.csv", "R1,FRA,France,", f'R1,FRA,"{HOSTILE.replace(chr(34), chr(39))}",')
    return mini


@pytest.mark.parametrize(
    "page", [None, "pages/1_Claims.py", "pages/2_Evidence.py", "pages/3_Articles.py", "pages/4_Adverse_effects.py",
             "pages/5_Legality.py", "pages/6_Classroom.py", "pages/7_Methods_and_data.py"],
)  # fmt: skip
def test_html_and_script_in_data_are_shown_as_text(mini, monkeypatch, page):
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(_hostile_copy(mini)))
    at = AppTest.from_file("../dashboard.py", default_timeout=60)
    at.query_params["claim"] = "K1"
    at.query_params["doc"] = "A1"
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    for m in at.markdown:
        if m.proto.allow_html:
            # The only HTML the app writes itself (article text, presenter) must carry the data escaped.
            assert "<script>" not in m.value and "<img src=x" not in m.value
        else:
            assert "](javascript:" not in m.value


def test_the_validator_never_tracebacks_on_a_corpus_of_junk(mini):
    junk = ["", "\x00", "---\n- [", "- id: x\n  - y", "{{{{", "- id: 1\n  year: .inf", 'a,b\n"unterminated', "id\n" + "a" * 100_000]
    for i, content in enumerate(junk):
        for name in ("claims.yaml", "legality.csv"):
            (mini / name).write_text(content, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "claimcheck", "validate", str(mini)], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        assert result.returncode in (0, 1), (i, result.stderr[-2000:])
        assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, (i, result.stderr[-2000:])


def test_links_built_from_data_cannot_carry_script_or_break_out():
    from ui.frame import link

    assert link("click", "javascript:alert(1)") == "click"
    assert link("[x](y)", "https://example.org/a b)(c") == "[\\[x\\]\\(y\\)](https://example.org/a%20b%29%28c)"
