"""Every curation rule of the validator (claimcheck/rules.py), each with a fixture that breaks it.

These rules used to live only in the data tests; now `python -m claimcheck validate` enforces
them, so a contributor learns of a broken rule from the validator, not from CI.
"""

from __future__ import annotations

import pytest

from claimcheck.rules import RULES
from claimcheck.validate import validate

from .conftest import edit

# rule -> (file, old text, new text, fragments of the one problem line it must produce)
BROKEN = {
    "certainty_or_basis": (
        "claims.yaml",
        "  basis: study_record\n",
        "",
        ["claims.yaml:16", "K2", "basis", "a study claim with a verdict needs `basis`"],
    ),
    "unpublished_studies_not_counted": (
        "studies.yaml",
        "  design: rct\n  status: published",
        "  design: rct\n  status: ongoing",
        ["claim_studies.csv:3", "K2/trial2022", "direction", "has status 'ongoing'", "set direction to no_bearing"],
    ),
    "assessed_claims_cite_or_record_a_search": (
        "claim_studies.csv",
        "K1,rat2020,partly_supports,Rats only.\n",
        "",
        ["claims.yaml:1", "K1", "searched", "an efficacy claim with a verdict needs its studies", "claim_studies.csv"],
    ),
    "assessed_claims_say_why": (
        "claims.yaml",
        "  reasons: [misdescribes_study]\n",
        "",
        ["claims.yaml:16", "K2", "reasons", "needs at least one reason tag"],
    ),
    "secondary_sources_say_what_was_seen": (
        "studies.yaml",
        "  verification_note: Seen only in a made-up news report; the trial record was not seen.\n",
        "",
        ["studies.yaml:12", "trial2022", "verification_note", "secondary_only needs `verification_note`"],
    ),
    "tradition_is_not_evidence_of_efficacy": (
        "studies.yaml",
        "  design: animal\n",
        "  design: traditional\n",
        ["claim_studies.csv:2", "K1/rat2020", "direction", "never counted as evidence of efficacy"],
    ),
}


def test_every_rule_has_a_breaking_fixture():
    assert {r.__name__ for r in RULES} == set(BROKEN)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_rule_names_the_record_and_how_to_fix_it(mini, name):
    file, old, new, expected = BROKEN[name]
    edit(mini / file, old, new)
    found = [str(p) for p in validate(mini).problems]
    own = [line for line in found if "set aside because of its own problem" not in line]
    assert len(own) == 1 and all(e in own[0] for e in expected), "\n".join(found)


def test_the_rationale_is_required_once_a_claim_has_a_verdict(mini):
    edit(mini / "claims.yaml", "  rationale: The trial found no effect.\n", "")
    found = [str(p) for p in validate(mini).problems]
    assert any(line.startswith("claims.yaml:16: K2: rationale: a claim with a verdict needs a `rationale`") for line in found), found


def test_a_secondary_only_figure_needs_its_note(mini):
    edit(mini / "harm_figures.csv", "secondary_only,Seen only in a made-up news report.,", "secondary_only,,")
    found = [str(p) for p in validate(mini).problems]
    assert any(line.startswith("harm_figures.csv:3: G2: note: a row with verification: secondary_only needs `note`") for line in found)


def test_every_harm_says_when_it_was_last_checked(mini):
    edit(mini / "harms.yaml", "  mentions: []\n  last_checked: 2026-01-01\n", "  mentions: []\n")
    found = [str(p) for p in validate(mini).problems]
    assert "harms.yaml:9: liver: last_checked: required field is missing or empty" in found, found


def test_an_unassessed_claim_needs_no_studies_yet(mini):
    # K3 has no verdict: it is listed as not yet assessed, with no study links and no search note.
    assert not [p for p in validate(mini).problems if p.record == "K3"]
