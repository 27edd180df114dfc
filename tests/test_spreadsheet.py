"""Files saved by a spreadsheet or another editor: the validator and `frictionless validate` agree on them."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from claimcheck.validate import validate

from .conftest import MINI, ROOT


def _frictionless(directory) -> tuple[bool, str]:
    """`frictionless validate` on the folder's datapackage.json, as CI runs it."""
    pytest.importorskip("frictionless")  # in requirements-dev.txt; CI has it
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "datapackage.json"],
        cwd=directory, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return result.returncode == 0, result.stdout + result.stderr


def _corpus(tmp_path, name: str):
    """A copy of the fixture topic saved the ways spreadsheets and editors save files."""
    d = tmp_path / name
    shutil.copytree(MINI, d)
    subprocess.run([sys.executable, "-m", "claimcheck", "datapackage", str(d)], cwd=ROOT, check=True, capture_output=True)

    def rewrite(rel, fn):
        p = d / rel
        p.write_bytes(fn(p.read_bytes()))

    rewrite("topics.csv", lambda b: b"\xef\xbb\xbf" + b)  # Excel's "CSV UTF-8" puts a BOM first
    rewrite("conditions.csv", lambda b: b.replace(b"\n", b"\r\n"))  # CRLF line endings
    rewrite("claim_studies.csv", lambda b: b + b"\n")  # a blank trailing row
    rewrite("legality.csv", lambda b: b.replace(b"\n", b"\r\n") + b",,,,,,,,,,,,,,\r\n")  # Excel's empty row, CRLF
    rewrite("harm_figures.csv", lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n") + b"\r\n\r\n")
    rewrite("claims.yaml", lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"))
    return d


def test_spreadsheet_saves_pass_both_checks_and_lose_no_row(tmp_path):
    d = _corpus(tmp_path, "saved")
    result = validate(d)
    ok, report = _frictionless(d)
    assert [str(p) for p in result.problems] == [] and ok, report
    clean = validate(MINI)
    assert {k: len(v) for k, v in result.records.items()} == {k: len(v) for k, v in clean.records.items()}


def test_a_real_error_fails_both_checks(tmp_path):
    d = _corpus(tmp_path, "broken")
    p = d / "legality.csv"
    p.write_bytes(p.read_bytes().replace(b"R2,TX,Texas", b"R1,TX,Texas"))  # a duplicate primary key
    problems = [str(x) for x in validate(d).problems]
    ok, report = _frictionless(d)
    assert any("legality.csv:3: R1" in x and "duplicate id" in x for x in problems), problems
    assert not ok and "primary-key" in report, report
