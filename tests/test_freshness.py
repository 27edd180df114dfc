"""The freshness routine: ``python -m claimcheck stale`` lists exactly the rows overdue for a re-check."""

from __future__ import annotations

import csv
import datetime as dt
import re

import yaml

from claimcheck.__main__ import main
from claimcheck.validate import validate

from .conftest import edit

TODAY = dt.date(2026, 12, 3)


def _expected(folder, days: dict[str, int]) -> set[tuple[str, str]]:
    """Overdue rows computed straight from the files, without the package."""

    def late(value, limit):
        return not value or (TODAY - dt.date.fromisoformat(str(value))).days > limit

    out = set()
    with open(folder / "legality.csv", newline="", encoding="utf-8") as fh:
        out |= {("legality", r["id"]) for r in csv.DictReader(fh) if not r["end"] and late(r["last_checked"], days["legality"])}
    with open(folder / "harm_figures.csv", newline="", encoding="utf-8") as fh:
        out |= {("harm_figures", r["id"]) for r in csv.DictReader(fh) if late(r["last_checked"], days["harm_figures"])}
    studies = yaml.safe_load((folder / "studies.yaml").read_text(encoding="utf-8"))
    out |= {("studies", s["id"]) for s in studies if late(s.get("last_checked"), days["studies"])}
    claims = yaml.safe_load((folder / "claims.yaml").read_text(encoding="utf-8"))
    out |= {("claims", c["id"]) for c in claims if c.get("verdict") and late(c.get("last_checked"), days["claims"])}
    return out


FILES = {"legality.csv": "legality", "harm_figures.csv": "harm_figures", "studies.yaml": "studies", "claims.yaml": "claims"}


def _listed(out: str) -> set[tuple[str, str]]:
    rows = set()
    for line in out.splitlines():
        m = re.match(r"^([a-z_]+\.(?:csv|yaml)):\d+: ([^:]+): last_checked: ", line)
        assert m, f"not a file:line: record: field: message line: {line!r}"
        rows.add((FILES[m.group(1)], m.group(2)))
    return rows


def test_stale_lists_exactly_the_overdue_rows_and_fails(mini, capsys):
    # a closed period checked long ago is history, not overdue; a current row checked yesterday is fresh
    edit(
        mini / "legality.csv",
        "R2,TX,Texas,state,leaf,regulated,2019,2023-06,Test act,https://example.org/tx,2026-01-01",
        "R2,TX,Texas,state,leaf,regulated,2019,2023-06,Test act,https://example.org/tx,2019-01-01",
    )
    edit(mini / "legality.csv", "https://example.org/fr,2026-01-01", "https://example.org/fr,2026-12-02")
    edit(mini / "harm_figures.csv", "G2,", "G2,")  # unchanged: harm figures are fresh at 336 days
    text = (mini / "studies.yaml").read_text(encoding="utf-8").replace("last_checked: 2026-01-01", "last_checked: 2025-06-01", 1)
    (mini / "studies.yaml").write_text(text, encoding="utf-8")
    expected = _expected(mini, {"legality": 180, "studies": 365, "claims": 365, "harm_figures": 365})
    assert ("legality", "R3") in expected and ("studies", "rat2020") in expected and ("legality", "R2") not in expected
    assert main(["stale", str(mini), "--today", TODAY.isoformat()]) == 1
    captured = capsys.readouterr()
    assert _listed(captured.out) == expected
    assert f"{len(expected)} rows overdue" in captured.err


def test_stale_report_only_exits_zero_and_days_overrides_every_limit(mini, capsys):
    assert main(["stale", str(mini), "--report-only", "--today", TODAY.isoformat()]) == 0
    assert _listed(capsys.readouterr().out) == _expected(mini, {"legality": 180, "studies": 365, "claims": 365, "harm_figures": 365})
    assert main(["stale", str(mini), "--days", "30", "--today", TODAY.isoformat()]) == 1
    listed = _listed(capsys.readouterr().out)
    assert listed == _expected(mini, dict.fromkeys(FILES.values(), 30))
    assert ("harm_figures", "G1") in listed


def test_stale_passes_when_everything_was_checked_recently(mini, capsys):
    claims = yaml.safe_load((mini / "claims.yaml").read_text(encoding="utf-8"))
    for c in claims:
        c.setdefault("last_checked", "2026-11-30")  # K2 and K4 carry a verdict that was never dated
    (mini / "claims.yaml").write_text(yaml.safe_dump(claims, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["stale", str(mini), "--days", "100000", "--today", TODAY.isoformat()]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no row overdue" in captured.err


def test_stale_on_a_missing_folder_or_negative_days_says_so(tmp_path, capsys):
    assert main(["stale", str(tmp_path / "nowhere")]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert main(["stale", str(tmp_path), "--days", "-1"]) == 2


def test_a_confidence_that_contradicts_the_rule_is_reported_with_a_hint(mini):
    # R2: one secondary site, labelled high
    edit(mini / "legality.csv", "https://example.org/tx,2026-01-01,low,secondary", "https://example.org/tx,2026-12-02,high,secondary")
    # R1: official text seen, no disagreement: high is right
    edit(mini / "legality.csv", "https://example.org/fr,2026-01-01,high,primary", "https://example.org/fr,2026-12-02,high,primary")
    result = validate(mini)
    [problem] = [p for p in result.problems if p.field == "confidence"]
    assert (problem.file, problem.line, problem.record) == ("legality.csv", 3, "R2")
    assert "'high' contradicts the confidence rule" in problem.message and "set confidence: low" in problem.message
    assert all(not r.problems for r in result.records["legality"]), "a label to fix does not take the row off the map"


def test_two_agreeing_secondary_sites_make_medium_and_a_disagreement_lowers_it(mini):
    edit(
        mini / "legality.csv",
        "https://example.org/tx,2026-01-01,low,secondary,,",
        "https://example.org/tx ; https://another.example.net/tx,2026-12-02,medium,secondary,,",
    )
    assert not [p for p in validate(mini).problems if p.field == "confidence"]
    edit(mini / "legality.csv", "2026-12-02,medium,secondary,,", "2026-12-02,medium,secondary,,One page gives 2018")
    [problem] = [p for p in validate(mini).problems if p.field == "confidence"]
    assert problem.record == "R2" and "set confidence: low" in problem.message
