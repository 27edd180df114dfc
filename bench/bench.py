"""Benchmark: prints tables of figures against the targets. No arguments.

    python bench/bench.py

What it measures (medians; the machine and date are printed with the figures):
1. Each page in real Chromium, from navigation until the script has finished and
   every chart and data table the page's own run produced is drawn, alternating with a *floor
   app* (one page, one plotly chart) in the same run, several rounds; reported
   as a ratio to the floor, for a first visit (empty browser cache) and a return
   visit (Streamlit's JavaScript already cached), each against the floor's own.
2. Bytes the browser receives for each page: app data over the websocket, and
   everything including static files on a cold load.
3. Server-side time of a rerun after a filter change on each page (AppTest), on
   the real data and on synthetic data 10 and 100 times larger (generated here,
   valid against the schema).
4. Peak memory (VmHWM) of the server process on the real and the 100x data.

Targets: every page within 1.5 x the floor; a rerun after a filter change under
150 ms on the real data and under 1 s at 100 x; no page sends more than 1 MB.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synthetic  # noqa: E402

CHROMIUM = os.environ.get("CLAIMCHECK_CHROMIUM", "/usr/bin/chromium")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
PAGES = {  # url path -> script
    "": "dashboard.py",
    "Claims": "pages/1_Claims.py",
    "Evidence": "pages/2_Evidence.py",
    "Articles": "pages/3_Articles.py",
    "Adverse_effects": "pages/4_Adverse_effects.py",
    "Legality": "pages/5_Legality.py",
    "Classroom": "pages/6_Classroom.py",
    "Methods_and_data": "pages/7_Methods_and_data.py",
    "Check_an_article": "pages/8_Check_an_article.py",
}
# Ready: the script has finished, the title is up, every chart is drawn, and every data
# table in the window is drawn (its grid has a canvas; the grid draws only what can be
# seen, so tables further down or in closed expanders have none). How many charts and
# tables comes from the page's own run (expected_drawn): counting only what is already in
# the DOM would call a page ready while a chart or table is still on its way.
READY = """([n, g]) => {
  if (document.querySelector('[data-testid=stStatusWidget]')) return false;
  if (document.querySelector('[data-testid=stSkeleton]')) return false;
  if (!document.querySelector('h1')) return false;
  const plots = [...document.querySelectorAll('.stPlotlyChart, [data-testid=stPlotlyChart]')];
  const grids = [...document.querySelectorAll('[data-testid=stDataFrame]')];
  const seen = x => { const r = x.getBoundingClientRect(); return r.height > 0 && r.top < innerHeight && r.bottom > 0; };
  return plots.filter(p => p.querySelector('.main-svg')).length >= n && plots.every(p => p.querySelector('.main-svg'))
    && grids.length >= g && grids.filter(seen).every(x => x.querySelector('canvas'));
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(script: str, data_dir: Path | None = None):
    port = free_port()
    env = dict(os.environ)
    if data_dir:
        env["CLAIMCHECK_DATA_DIR"] = str(data_dir)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"{base}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def open_page(path: str, query: str = ""):
    """A page run in AppTest the way a browser opens it: the entry script, then the page."""
    from urllib.parse import parse_qsl

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    for k, v in parse_qsl(query.lstrip("?")):
        at.query_params[k] = v
    at.run()
    if PAGES[path] != "dashboard.py":
        at.switch_page(PAGES[path]).run()
    return at


def expected_drawn(data_dir: Path | None = None, queries: dict[str, str] | None = None) -> dict[str, tuple[int, int]]:
    """How many plotly charts and data tables each page draws on opening, counted from its own run (AppTest).

    ``queries`` maps a page path to the query string it is opened with (``?a=1&b=2``).
    """

    if data_dir:
        os.environ["CLAIMCHECK_DATA_DIR"] = str(data_dir)
    out = {}
    for path, query in (queries or dict.fromkeys(PAGES, "")).items():
        at = open_page(path, query)
        out[path] = (len(at.get("plotly_chart")), len(at.dataframe))
    os.environ.pop("CLAIMCHECK_DATA_DIR", None)
    return out


def visit(browser, url: str, drawn: tuple[int, int] = (0, 0), ctx=None) -> tuple[float, int, int]:
    """Seconds until ready, websocket bytes received, all bytes received.

    Without ``ctx`` the visit is a first visit: a fresh browser profile with an
    empty cache. With ``ctx`` (a context that has seen the page before) it is a
    return visit: the browser has Streamlit's JavaScript in its HTTP cache.
    """
    own = ctx is None
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}) if own else ctx
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes = {"ws": 0, "http": 0}
    cdp.on("Network.webSocketFrameReceived", lambda e: sizes.__setitem__("ws", sizes["ws"] + len(e["response"]["payloadData"])))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__("http", sizes["http"] + int(e.get("encodedDataLength", 0))))
    t = time.perf_counter()
    page.goto(url)
    page.wait_for_timeout(300)  # let the script start before judging "idle"
    page.wait_for_function(READY, arg=list(drawn), timeout=120_000, polling=50)
    elapsed = time.perf_counter() - t - 0.3
    cdp.detach()
    page.close()
    if own:
        ctx.close()
    return elapsed, sizes["ws"], sizes["ws"] + sizes["http"]


def browser_figures() -> tuple[list[tuple], float]:
    """Per page: first-visit and return-visit times against the floor's, alternating, medians."""
    from playwright.sync_api import sync_playwright

    drawn = expected_drawn()
    rows = []
    with server("dashboard.py") as (app, app_pid), server("bench/floor_app.py") as (floor, _):
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            warm = b.new_context(viewport={"width": 1400, "height": 1000})  # one profile for return visits
            visit(b, f"{app}/", drawn[""])  # warm the server's caches and the first import
            visit(b, f"{floor}/", (1, 0), warm)
            for path in PAGES:
                visit(b, f"{app}/{path}", drawn[path], warm)  # the return visits' first visit
                cold, cold_floor, hot, hot_floor, ws, total = [], [], [], [], [], []
                for _ in range(ROUNDS):  # page, floor, page, floor ...
                    t, w, a = visit(b, f"{app}/{path}", drawn[path])
                    cold.append(t)
                    ws.append(w)
                    total.append(a)
                    cold_floor.append(visit(b, f"{floor}/", (1, 0))[0])
                    hot.append(visit(b, f"{app}/{path}", drawn[path], warm)[0])
                    hot_floor.append(visit(b, f"{floor}/", (1, 0), warm)[0])
                rows.append(
                    (
                        path or "Overview",
                        drawn[path],
                        statistics.median(cold),
                        statistics.median(cold_floor),
                        statistics.median(a / f for a, f in zip(cold, cold_floor)),
                        statistics.median(hot),
                        statistics.median(hot_floor),
                        statistics.median(a / f for a, f in zip(hot, hot_floor)),
                        statistics.median(ws),
                        statistics.median(total),
                    )
                )
            warm.close()
            b.close()
        mem = peak_rss_mb(app_pid)
    return rows, mem


def rerun_ms(data_dir: Path, runs: int = 5) -> list[tuple[str, float]]:
    """Median server-side rerun after a change of the shared verdict filter, per page."""

    os.environ["CLAIMCHECK_DATA_DIR"] = str(data_dir)
    out = []
    for path in PAGES:
        at = open_page(path)
        times = []
        choices = [["contradicted"], ["supported", "partly_supported"]]
        for i in range(runs):
            widget = at.sidebar.multiselect(key="verdict").set_value(choices[i % 2])
            t = time.perf_counter()
            widget.run()
            times.append((time.perf_counter() - t) * 1000)
            if at.exception:
                raise RuntimeError(f"{path}: {at.exception[0].value}")
        out.append((path or "Overview", statistics.median(times)))
    os.environ.pop("CLAIMCHECK_DATA_DIR", None)
    return out


def server_memory(data_dir: Path) -> float:
    from playwright.sync_api import sync_playwright

    drawn = expected_drawn(data_dir)
    with server("dashboard.py", data_dir) as (app, pid), sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for path in PAGES:
            visit(b, f"{app}/{path}", drawn[path])
        b.close()
        return peak_rss_mb(pid)


def main() -> None:
    print(f"{dt.date.today()} · {platform.node()} · {os.cpu_count()} CPUs · Python {platform.python_version()} · {ROUNDS} rounds\n")
    with tempfile.TemporaryDirectory() as tmp:
        x10 = synthetic.make(ROOT / "data", Path(tmp) / "x10", 10)
        x100 = synthetic.make(ROOT / "data", Path(tmp) / "x100", 100)
        reruns = {name: dict(rerun_ms(d)) for name, d in (("real", ROOT / "data"), ("10x", x10), ("100x", x100))}
        rows, mem = browser_figures() if Path(CHROMIUM).exists() else ([], float("nan"))
        mem100 = server_memory(x100) if Path(CHROMIUM).exists() else float("nan")

    print("Page in Chromium: navigation until the script has finished and every chart and data table is drawn, against the floor")
    print("first visit = empty browser cache; return visit = Streamlit's JavaScript already in the browser's cache")
    print(
        f"{'page':<18}{'charts':>7}{'tables':>7}{'first s':>9}{'floor s':>9}{'ratio':>7}{'return s':>10}{'floor s':>9}{'ratio':>7}"
        f"{'target':>8}{'ws KB':>8}{'all KB':>9}{'<1MB':>6}"
    )
    for name, (n, g), a, f, r, ha, hf, hr, ws, total in rows:
        print(
            f"{name:<18}{n:>7}{g:>7}{a:>9.2f}{f:>9.2f}{r:>7.2f}{ha:>10.2f}{hf:>9.2f}{hr:>7.2f}{'≤1.5':>8}"
            f"{ws / 1024:>8.0f}{total / 1024:>9.0f}{'yes' if ws < 1024 * 1024 else 'NO':>6}"
        )
    print("\nServer-side rerun after a filter change (AppTest), median ms")
    print(f"{'page':<18}{'real':>8}{'10x':>8}{'100x':>8}   targets: real < 150, 100x < 1000")
    for name in reruns["real"]:
        print(f"{name:<18}{reruns['real'][name]:>8.0f}{reruns['10x'][name]:>8.0f}{reruns['100x'][name]:>8.0f}")
    print(f"\nPeak memory of the server process: real data {mem:.0f} MB, 100x data {mem100:.0f} MB")


if __name__ == "__main__":
    main()
