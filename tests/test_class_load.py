"""The class load script: a short run against a real server, and what it counts as an error."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import class_load  # noqa: E402


def test_three_sessions_at_once_report_no_errors_and_their_rerun_times(tmp_path):
    out = tmp_path / "load.json"
    run = subprocess.run(
        [sys.executable, "bench/class_load.py", "--sessions", "3", "--rounds", "1", "--timeout", "40", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    text = run.stdout
    assert re.search(r"^errors: 0$", text, re.M), text
    # The table row for the loaded phase: reruns, p50, p95, max ms, server CPU s per session, KB per session.
    row = re.search(r"^3 sessions at once\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+\.\d\d)\s+(\d+)$", text, re.M)
    assert row, text
    reruns, p50, p95 = int(row[1]), int(row[2]), int(row[3])
    assert reruns == 3 * len(class_load.STEPS)  # every session finished every step
    assert 0 < p50 <= p95
    alone = re.search(r"^one session alone\s+(\d+)\s+(\d+)", text, re.M)
    assert alone and int(alone[1]) == class_load.BASELINE_SESSIONS * len(class_load.STEPS) and int(alone[2]) > 0, text
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["errors"] == []
    assert round(figures["loaded"]["p50_ms"]) == p50
    mem = re.search(r"server memory \(RSS\): (\d+) MB before, (\d+) MB peak, (\d+) MB after", text)
    assert mem and 0 < int(mem[1]) <= int(mem[2]), text
    # Every page of the visit was opened.
    for page in ("Overview", "Claims", "Evidence", "Legality"):
        assert re.search(rf"^{page}\s+\d+\s+\d+\s+\d+$", text, re.M), page


def _element(kind: str) -> ForwardMsg:
    msg = ForwardMsg()
    el = msg.delta.new_element
    if kind == "exception":
        el.exception.type = "KeyError"
        el.exception.message = "'verdict'"
    elif kind in ("error", "info"):
        el.alert.body = "Something"
        el.alert.format = Alert.ERROR if kind == "error" else Alert.INFO
    else:
        el.markdown.body = "Fine"
    return msg


def test_exceptions_and_error_messages_on_a_page_count_as_errors_and_nothing_else_does():
    assert "KeyError" in class_load._problem(_element("exception"), "Claims")
    assert "error message shown" in class_load._problem(_element("error"), "Claims")
    assert class_load._problem(_element("info"), "Claims") is None
    assert class_load._problem(_element("markdown"), "Claims") is None
    missing = ForwardMsg()
    missing.page_not_found.page_name = "Nowhere"
    assert class_load._problem(missing, "Nowhere") == "Nowhere: page not found"


def test_percentiles_are_nearest_rank():
    values = [0.1 * i for i in range(1, 21)]  # 0.1 .. 2.0
    assert class_load.pct(values, 50) == values[9]
    assert class_load.pct(values, 95) == values[18]
    assert class_load.pct([0.3], 95) == 0.3
