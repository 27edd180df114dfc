"""One broken fixture per validation rule, each asserting the message a maintainer reads."""

from __future__ import annotations

import subprocess
import sys

import pytest

from claimcheck.dataset import load_dataset
from claimcheck.validate import normalise_quote, validate

from .conftest import ROOT, edit


def problems(directory) -> list[str]:
    return [str(p) for p in validate(directory).problems]


def test_fixture_is_clean(mini):
    assert problems(mini) == []


# (file, old text, new text, expected fragments of one problem line)
RULES = [
    ("claims.yaml", "  claim_type: efficacy\n  topic: pain", "  claim_type: efficacy\n topic: pain", ["claims.yaml:", "malformed YAML"]),
    ("legality.csv", "R2,TX,Texas,state,leaf,", "R2,TX,Texas,state,", ["legality.csv:3", "R2", "row has 14 cells but the header has 15"]),
    ("studies.yaml", "  finding: Less paw licking.\n", "", ["studies.yaml:1", "rat2020", "finding", "required field is missing"]),
    ("studies.yaml", "year: 2020", "year: twenty", ["studies.yaml:3", "rat2020", "year", "expected a whole number"]),
    ("claims.yaml", "verdict: not_supported", "verdict: maybe", ["claims.yaml:1", "K1", "verdict", "'maybe' is not one of"]),
    ("claims.yaml", "- id: K2", "- id: K1", ["claims.yaml:", "K1", "duplicate id", "already used at line 1"]),
    (
        "claim_studies.csv",
        "K2,trial2022",
        "K9,trial2022",
        ["claim_studies.csv:3", "claim_id", "refers to claims id 'K9', which does not exist"],
    ),
    ("legality.csv", "R1,FRA,France", "R1,FRX,France", ["legality.csv:2", "R1", "code", "'FRX' is not an ISO 3166-1 alpha-3 country code"]),
    ("legality.csv", "R2,TX,Texas", "R2,TQ,Texas", ["legality.csv:3", "R2", "code", "'TQ' is not a US state or DC postal code"]),
    ("legality.csv", "R4,US-TX:austin", "R4,US-QQ:austin", ["legality.csv:5", "R4", "code", "is not a country code"]),
    (
        "studies.yaml",
        "urls: [https://example.org/rat2020]",
        "urls: ['javascript:alert(1)']",
        ["studies.yaml:5", "urls", "'javascript:alert(1)' is not an http(s) URL"],
    ),
    (
        "harm_figures.csv",
        "https://example.org/survey",
        "ftp://example.org/survey",
        ["harm_figures.csv:2", "G1", "source_url", "is not an http(s) URL"],
    ),
    (
        "claims.yaml",
        "text: Glowroot may help with sleep.",
        "text: ''",
        ["claims.yaml:", "K3", "quotes[1].text", "required field is missing or empty"],
    ),
    (
        "claims.yaml",
        "text: Glowroot may help with sleep.",
        "text: Glowroot cures sleep.",
        ["claims.yaml:37: K3: quotes[1].text", "quote not found in articles/a2.txt (article 'A2')", "departs from the article at"],
    ),
    (
        "harms.yaml",
        "text: Some users report mild nausea.",
        "text: Many users report nausea.",
        [
            "harms.yaml:7: nausea: mentions[1].text",
            "quote not found in articles/a1.txt (article 'A1')",
            "Quote: '⟦M⟧any users report nausea.'",
            "closest passage in the article: '…⟦S⟧ome users report mild",
        ],
    ),
    (
        "claims.yaml",
        "    - article: A2\n      text: Glowroot may",
        "    - article: A7\n      text: Glowroot may",
        ["K3", "quotes[1].article", "refers to articles id 'A7'"],
    ),
    (
        "legality.csv",
        "R3,TX,Texas,state,leaf,banned,2023-06",
        "R3,TX,Texas,state,leaf,banned,2021",
        ["legality.csv:4", "R3", "period overlaps row 'R2'"],
    ),
    (
        "legality.csv",
        "regulated,2019,2023-06",
        "regulated,2019,2017",
        ["legality.csv:3", "R2", "end", "ends (2017) before it starts (2019)"],
    ),
    (
        "studies.yaml",
        "  population_kind: animals\n",
        "  population_kind: animals\n  colour: red\n",
        ["studies.yaml:9", "rat2020", "colour", "unknown field"],
    ),
    ("articles.yaml", "file: a2.txt", "file: missing.txt", ["articles.yaml:", "A2", "file", "articles/missing.txt: file is missing"]),
    ("harm_figures.csv", "G1,nausea,12,", "G1,nausea,twelve,", ["harm_figures.csv:2", "G1", "value", "expected a number"]),
    ("legality.csv", "2026-01-01,high", "2026-02-30,high", ["legality.csv:2", "R1", "last_checked", "not a real calendar date"]),
]


@pytest.mark.parametrize("file,old,new,expected", RULES, ids=[f"{r[0]}:{r[3][-1][:30]}" for r in RULES])
def test_each_rule_reports_file_record_field_and_message(mini, file, old, new, expected):
    """A missing field is named at its record's first line; a wrong or unknown field at its own line."""
    edit(mini / file, old, new)
    found = problems(mini)
    assert any(all(e in line for e in expected) for line in found), "\n".join(found)


def test_missing_file(mini):
    (mini / "studies.yaml").unlink()
    assert "studies.yaml: file is missing" in problems(mini)


def test_wrong_encoding_names_the_line(mini):
    (mini / "topics.csv").write_bytes("id,label,description\npain,Pain,ok\nsleep,Sl\xe9ep,bad\n".encode("latin-1"))
    found = problems(mini)
    assert any(line.startswith("topics.csv:3") and "not valid UTF-8" in line for line in found), found


def test_curly_and_straight_quotes_and_whitespace_are_normalised():
    assert normalise_quote("it \u201cblocks\u201d  pain\nsignals \u2019") == 'it "blocks" pain signals \''


def test_every_planted_problem_is_listed_not_just_the_first(mini):
    edit(mini / "claims.yaml", "verdict: not_supported", "verdict: maybe")
    edit(mini / "studies.yaml", "year: 2020", "year: twenty")
    edit(mini / "legality.csv", "R1,FRA,France", "R1,FRX,France")
    edit(mini / "claim_studies.csv", "K1,rat2020", "K9,rat2020")  # K1 is set aside anyway: no rule asks for its links
    edit(mini / "harms.yaml", "text: Some users report mild nausea.", "text: Nope.")
    found = problems(mini)
    planted = [p for p in found if "set aside because of its own problem" not in p]
    assert len(planted) == 5, found
    # Records that refer to a record set aside are set aside too, each with its own line.
    dependents = [p for p in found if "set aside because of its own problem" in p]
    assert {p.split(":")[0] for p in dependents} <= {"claim_studies.csv", "harm_figures.csv", "claims.yaml"}, dependents


def test_bad_rows_are_set_aside_and_named_while_good_rows_stay(mini):
    edit(mini / "claims.yaml", "verdict: contradicted", "verdict: wrong")
    ds = load_dataset(mini)
    assert list(ds["claims"]["id"]) == ["K1", "K3", "K4"]
    # K2's study link goes with it (a link to a claim that is not shown would be a blank row).
    assert ds.set_aside == {"claims": ("K2",), "claim_studies": ("K2/trial2022",)}
    assert len(ds["studies"]) == 2 and len(ds["legality"]) == 4


def test_unreadable_table_is_empty_and_reported_but_others_load(mini):
    (mini / "studies.yaml").write_text("- id: x\n  title: [unclosed\n", encoding="utf-8")
    ds = load_dataset(mini)
    assert ds.unreadable == ("studies",)
    assert ds["studies"].empty and len(ds["claims"]) == 4
    # links to studies that could not be read are reported, not silently dropped
    assert any("refers to studies id" in str(p) for p in ds.problems)


def run_cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)


def test_cli_exit_codes_and_one_problem_per_line(mini):
    clean = run_cli("validate", str(mini))
    assert clean.returncode == 0 and clean.stdout == ""
    edit(mini / "claims.yaml", "verdict: not_supported", "verdict: maybe")
    edit(mini / "legality.csv", "R1,FRA,France", "R1,FRX,France")
    broken = run_cli("validate", str(mini))
    assert broken.returncode == 1
    lines = broken.stdout.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("claims.yaml:") and lines[2].startswith("legality.csv:2: R1: code:")
    # K1's study link is set aside with K1, and says so.
    assert lines[1].startswith("claim_studies.csv:2: K1/rat2020: claim_id: refers to claims id 'K1', which is set aside")
    assert "3 problems found" in broken.stderr


def test_cli_reads_the_data_folder_setting(mini):
    import os

    edit(mini / "claims.yaml", "verdict: not_supported", "verdict: maybe")
    result = run_cli("validate", env={**os.environ, "CLAIMCHECK_DATA_DIR": str(mini)})
    assert result.returncode == 1 and "'maybe' is not one of" in result.stdout


def test_cli_missing_folder(tmp_path):
    result = run_cli("validate", str(tmp_path / "nope"))
    assert result.returncode == 2 and "not a folder" in result.stderr


def test_a_bad_quote_loses_only_itself_while_the_claim_keeps_a_good_one(mini, monkeypatch):
    # K1 gets a second quote with a typo: the claim stays, with its good quote, and the problem is listed.
    edit(
        mini / "claims.yaml",
        '      text: "It relieves joint pain in days, with no side effects at all."',
        '      text: "It relieves joint pain in days, with no side effects at all."\n'
        "    - article: A1\n"
        "      text: Glowroot is the bets natural remedy.",
    )
    ds = load_dataset(mini)
    k1 = ds["claims"].set_index("id").loc["K1"]
    assert [q["text"] for q in k1["quotes"]] == ["It relieves joint pain in days, with no side effects at all."]
    assert "claims" not in ds.set_aside
    [problem] = [p for p in ds.problems if p.record == "K1"]
    assert "quote not found" in problem.message and "left out" in problem.message and problem.field == "quotes[2].text"
    # The page says what was left out, and the claim card still opens.
    from .test_pages import open_page

    at = open_page("pages/1_Claims.py", data=mini, monkeypatch=monkeypatch, query={"claim": "K1"})
    assert any("1 quote that could not be found in its article was left out of K1" in e.value for e in at.error)
    assert any("K1" in m.value and "Glowroot relieves joint pain" in m.value for m in at.markdown)


def test_a_claim_whose_only_quote_is_bad_is_set_aside_and_its_link_says_so(mini, monkeypatch):
    edit(mini / "claims.yaml", "      text: Glowroot may help with sleep.", "      text: Glowroot may help with slep.")
    ds = load_dataset(mini)
    assert "K3" in ds.set_aside["claims"]
    from .test_pages import open_page

    at = open_page("pages/1_Claims.py", data=mini, monkeypatch=monkeypatch, query={"claim": "K3"})
    assert any("Claim K3 is not shown: it was set aside because of a data problem" in w.value for w in at.warning)
    at = open_page("pages/1_Claims.py", data=mini, monkeypatch=monkeypatch, query={"claim": "K99"})
    assert any("There is no claim K99 in the data" in i.value for i in at.info)


@pytest.mark.parametrize(
    "bad", ["https://https.ncbi.nlm.nih.gov/books/NBK1", "http://http.example.org/a", "https://www.https.example.org/"]
)
def test_a_link_with_a_scheme_in_its_host_is_a_problem(mini, bad):
    """A link copied twice over ("https://https.ncbi…") opens nothing for a reader: it is named, with the fix."""
    edit(mini / "studies.yaml", "urls: [https://example.org/rat2020]", f"urls: [{bad}]")
    found = problems(mini)
    assert any(bad in p and "a scheme typed twice" in p for p in found), found
