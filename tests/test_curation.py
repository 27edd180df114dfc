"""Contributors' common mistakes: each gets one message that says how to fix it, and loses nothing else."""

from __future__ import annotations

import shutil

import pytest

from claimcheck.dataset import load_dataset
from claimcheck.validate import validate

from .conftest import REAL, edit


def problems(directory) -> list[str]:
    return [str(p) for p in validate(directory).problems]


@pytest.fixture
def real_copy(tmp_path):
    dest = tmp_path / "data"
    shutil.copytree(REAL, dest)
    return dest


def test_an_unquoted_colon_in_a_quote_sets_aside_that_claim_only(real_copy):
    claims_before = load_dataset(REAL)["claims"]
    edit(real_copy / "claims.yaml", "    text: the benefits of using kratom for pain relief are promising\n",
         "    text: the benefits of using kratom for pain relief are promising: a test\n")  # fmt: skip
    line = (real_copy / "claims.yaml").read_text(encoding="utf-8").split("\n").index(
        "    text: the benefits of using kratom for pain relief are promising: a test"
    ) + 1
    found = problems(real_copy)
    own = [p for p in found if "set aside because of its own problem" not in p]
    assert len(own) == 1, own
    assert own[0].startswith(f"claims.yaml:{line}: C001: malformed YAML")
    assert "put the whole value in double quotes" in own[0] and "this record (lines 3-" in own[0]
    assert not [p for p in found if "does not exist" in p], found
    # Only C001's own links are set aside, each saying why; every other claim is still shown.
    links = [p for p in found if "set aside because of its own problem" in p]
    n_links = (load_dataset(REAL)["claim_studies"]["claim_id"] == "C001").sum()
    assert len(links) == n_links and all("claims.yaml:3" in p and "C001/" in p for p in links), links
    ds = load_dataset(real_copy)
    assert list(ds["claims"]["id"]) == [c for c in claims_before["id"] if c != "C001"]
    assert ds.set_aside["claims"] == ("C001",)


def test_a_broken_record_in_the_middle_keeps_the_records_around_it(mini):
    edit(mini / "studies.yaml", "  finding: No difference from placebo.", '  finding: "No difference" from placebo.')
    found = problems(mini)
    own = [p for p in found if "set aside because of its own problem" not in p]
    assert len(own) == 1 and own[0].startswith("studies.yaml:21: trial2022: malformed YAML"), found
    assert "starts with a quote mark" in own[0], own
    ds = load_dataset(mini)
    assert list(ds["studies"]["id"]) == ["rat2020"]
    assert ds.set_aside["studies"] == ("trial2022",) and ds.set_aside["claim_studies"] == ("K2/trial2022",)


def test_a_tab_gets_its_hint(mini):
    edit(mini / "harms.yaml", "  severity: serious", "\tseverity: serious")
    found = problems(mini)
    assert any(p.startswith("harms.yaml:12: liver: malformed YAML") and "YAML takes spaces only" in p for p in found), found
    assert len(load_dataset(mini)["harms"]) == 1


def test_a_comment_mark_inside_unquoted_text_is_caught(mini):
    edit(mini / "studies.yaml", "  finding: Less paw licking.", "  finding: Less paw licking #1 in rats.")
    assert [p for p in problems(mini) if "set aside because" not in p] == [
        "studies.yaml:9: rat2020: finding: the text after ' #' is read as a comment and lost; "
        "put the whole value in double quotes (or move the comment to a line of its own)"
    ]


def test_yes_or_no_where_a_code_is_meant(mini):
    edit(mini / "claims.yaml", "  assertiveness: hedged", "  assertiveness: no")
    edit(mini / "articles.yaml", "  cites_sources: false", "  cites_sources: no")
    found = problems(mini)
    assert any(
        "claims.yaml:34: K3: assertiveness: 'no' is not one of: hedged, qualified, confident, absolute; "
        "'no' looks like a yes/no answer, but this field takes one of the codes" == p
        for p in found
    ), found
    assert (
        "articles.yaml:9: A1: cites_sources: expected true or false, found 'no' (write true or false: yes/no, on/off are kept as text)"
        in found
    )


def test_did_you_mean_for_ids_codes_and_fields(mini):
    edit(mini / "claim_studies.csv", "K2,trial2022", "K2,trail2022")
    edit(mini / "claims.yaml", "verdict: not_supported", "verdict: not_suported")
    edit(mini / "studies.yaml", "  population_kind: animals\n", "  population_kind: animals\n  fundng: none\n")
    found = problems(mini)
    assert (
        "claim_studies.csv:3: K2/trail2022: study_id: refers to studies id 'trail2022', which does not exist; did you mean 'trial2022'?"
        in found
    )
    assert any("K1: verdict: 'not_suported' is not one of" in p and p.endswith("did you mean 'not_supported'?") for p in found), found
    assert "studies.yaml:9: rat2020: fundng: unknown field (not in the data contract); did you mean 'funding'?" in found


def test_a_quote_names_its_own_line_its_article_file_and_where_it_departs(mini):
    edit(
        mini / "claims.yaml",
        "text: 'Studies show it \"blocks pain signals\" completely.'",
        "text: 'Studies show it \"blocks pain signal\" completely.'",
    )
    found = problems(mini)
    assert found == [
        "claims.yaml:24: K2: quotes[1].text: quote not found in articles/a1.txt (article 'A1'): the quote departs from the "
        "article at its character 36 (marked ⟦ ⟧). Quote: 'Studies show it \"blocks pain signal⟦\"⟧ completely.'; "
        "closest passage in the article: '…Studies show it \"blocks pain signal⟦s⟧\" completely. Buy it from our…'",
        "claim_studies.csv:3: K2/trial2022: claim_id: refers to claims id 'K2', which is set aside because of its own problem; fix that one first",
    ]


def test_a_long_quote_is_not_cut_before_the_difference(real_copy):
    edit(real_copy / "claims.yaml", "kratom make it a valuable option", "kratom make it a valueable option")
    own = [p for p in problems(real_copy) if "set aside because" not in p]
    assert len(own) == 1 and "articles/002_" in own[0] and "valu⟦e⟧able" in own[0] and "valu⟦a⟧ble" in own[0], own


def test_the_hedged_count_agrees_with_its_number():
    from claimcheck.story import _hedged_sentence

    assert _hedged_sentence(1).startswith("Only 1 is hedged")
    assert _hedged_sentence(3).startswith("Only 3 are hedged")
    assert _hedged_sentence(0).startswith("None is hedged")


def test_a_legal_scope_must_be_declared_by_the_dataset(mini):
    edit(mini / "legality.csv", "R1,FRA,France,country,leaf,", "R1,FRA,France,country,lef,")
    assert [p for p in problems(mini) if "R1" in p] == [
        "legality.csv:2: R1: scope: 'lef' is not one of the legal scopes declared in dataset.yaml (legal_scopes): leaf; did you mean 'leaf'?"
    ]


def test_scope_names_and_notice_come_from_the_data(mini):
    meta = load_dataset(mini).meta
    assert meta["legal_scopes"] == {"leaf": "The whole root"}
    assert meta["notice"] == "Talk to a health professional before using any product."  # the generic default
    assert "pain" not in " ".join(meta["rubric_examples"].values())


@pytest.mark.parametrize(
    "old,new,spaces", [("  claim_type: efficacy", "    claim_type: efficacy", 4), ("  assertiveness: hedged", " assertiveness: hedged", 1)]
)
def test_a_field_indented_out_of_line_gets_the_indentation_hint(mini, old, new, spaces):
    """An over- or under-indented field is named as such, not as a colon to quote (or with no hint at all)."""
    edit(mini / "claims.yaml", old, new)
    found = [p for p in problems(mini) if "malformed YAML" in p]
    assert found and f"this field is indented {spaces} space" in found[0] and "field above it 2" in found[0], found
    assert "double quotes" not in found[0], found
