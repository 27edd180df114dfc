"""Benchmark: prints a table of start-up and data-loading figures. No arguments.

    python bench/bench.py

Figures (medians of several runs, on whatever machine runs it):
- load + validate the data folder, in process;
- fingerprint of the data folder (done on every rerun to decide whether to reload);
- a cached rerun of each page in AppTest (server-side time after the first load);
- server start until /_stcore/health answers;
- first page in Chromium: navigation until the first chart is drawn.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.dataset import load_dataset  # noqa: E402
from claimcheck.load import data_dir, fingerprint  # noqa: E402

CHROMIUM = os.environ.get("CLAIMCHECK_CHROMIUM", "/usr/bin/chromium")
PAGES = ["dashboard.py", "pages/1_Claims.py", "pages/2_Evidence.py", "pages/3_Articles.py", "pages/4_Adverse_effects.py",
         "pages/5_Legality.py", "pages/6_Classroom.py", "pages/7_Methods_and_data.py"]  # fmt: skip


def median_ms(fn, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def page_rerun_ms(page: str, runs: int = 5) -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    if page != "dashboard.py":
        at.switch_page(page)
        at.run()
    return median_ms(at.run, runs)


def server_figures(rounds: int = 3) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    health, first_chart = [], []
    for _ in range(rounds):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port), "--server.address", "127.0.0.1"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                    break
                except OSError:
                    time.sleep(0.05)
            health.append((time.perf_counter() - t0) * 1000)
            with sync_playwright() as p:
                b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
                page = b.new_page()
                t1 = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/")
                page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
                first_chart.append((time.perf_counter() - t1) * 1000)
                b.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    return statistics.median(health), statistics.median(first_chart)


def main() -> None:
    directory = data_dir()
    rows = [
        ("load + validate data folder (in process)", median_ms(lambda: load_dataset(directory))),
        ("fingerprint data folder (every rerun)", median_ms(lambda: fingerprint(directory), 21)),
    ]
    for page in PAGES:
        rows.append((f"cached rerun, {page} (AppTest)", page_rerun_ms(page)))
    if Path(CHROMIUM).exists():
        health, chart = server_figures()
        rows.append(("server start until health answers", health))
        rows.append(("first page: navigation until first chart drawn", chart))
    print(f"{'figure':<55} {'median ms':>10}")
    for name, ms in rows:
        print(f"{name:<55} {ms:>10.1f}")


if __name__ == "__main__":
    main()
