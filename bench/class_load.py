"""A class at once: many sessions against one server, spoken in Streamlit's own protocol.

    python bench/class_load.py                      # 40 sessions, 2 rounds of 8 steps each
    python bench/class_load.py --sessions 10 --rounds 1 --json out.json

No browser: each session is one websocket to ``/_stcore/stream`` that sends the
``rerun_script`` requests a browser tab sends (protobuf ``BackMsg``) and reads the
``ForwardMsg`` stream back until the server says the script has finished. So the
figures are the server's: what one Streamlit process does for a class. Each session first fetches the page shell over
HTTP (``index.html`` and the scripts and styles it names, six at a time like a
browser; not the element code a browser loads later, such as plotly's), then, in
every round, opens the overview, switches between four pages and changes filters
through the query string, the way a shared link or a page link does.

The script starts one server on a free port on 127.0.0.1 (the data folder is
``$CLAIMCHECK_DATA_DIR`` if set, else ``data/``), warms it with one session, runs
three sessions one after another as the one-session baseline, then all sessions
at once, and stops the server. It reports errors (exceptions and error messages shown on a page, failed
runs, timeouts; there must be none, and the exit code is 1 if there are any), the
50th and 95th percentile time per rerun at that load against one session alone,
the server's CPU time (per rerun and page shell alone, per session under load), the wall time, and the server's resident memory
before, at its peak and after. Every loop is bounded and every wait has a timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import datetime as dt
import gzip
import json
import math
import os
import platform
import random
import re
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import ROOT, server  # noqa: E402

# One round of a student's visit: (page as in its URL path, the page's own parameters, the shared
# filters the step sets or None to keep them). The values are generic (schema enums, a year, a view
# name); one that a page does not know is ignored by it, so the steps suit any data folder.
# Links as the app writes them: a control bound to the URL keeps the text its option shows, and
# the app's page links carry the filters in force (a bare link while filters are set, or a link
# written with ids such as ?verdict=not_supported, still works but costs one extra short run).
STEPS = (
    ("", "", None),
    ("Claims", "", None),
    ("Claims", "", "verdict=Not+supported"),
    ("Evidence", "", None),
    ("Evidence", "view=All+studies", None),
    ("Legality", "", None),
    ("Legality", "year=2020", None),
    ("", "", "verdict=Supported&certainty=Low"),
)
SHELL_CONNECTIONS = 6  # a browser's connections per host
BASELINE_SESSIONS = 3  # sessions run one at a time for the one-session figures


@dataclass
class Tally:
    """What the sessions of one phase saw."""

    reruns: list[float] = field(default_factory=list)  # seconds, every rerun
    by_page: dict[str, list[float]] = field(default_factory=dict)
    shells: list[float] = field(default_factory=list)  # seconds to fetch the page shell
    errors: list[str] = field(default_factory=list)
    received: int = 0  # bytes over the websockets
    shell_bytes: int = 0  # bytes of the page shells
    cpu_shell: float = 0.0  # server CPU seconds for the shells and for the reruns, measured only when
    cpu_reruns: float = 0.0  # a session runs alone (with others at once, the figures would mix)


# --- the server process, read from /proc ------------------------------------------------


def rss_mb(pid: int, field_name: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of the process, all its threads."""
    after_name = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(after_name[11]) + int(after_name[12])) / os.sysconf("SC_CLK_TCK")


async def sample_rss(pid: int, peak: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], rss_mb(pid))
        try:
            await asyncio.wait_for(stop.wait(), 0.2)
        except TimeoutError:
            pass


# --- one session -------------------------------------------------------------------------


def _get(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})  # as a browser asks
    with urllib.request.urlopen(request, timeout=timeout) as r:  # always http://127.0.0.1
        return r.read()


async def fetch_shell(base: str, path: str, timeout: float) -> int:
    """The page's HTML and the scripts and styles it names, six requests at a time; bytes received."""
    html = await asyncio.to_thread(_get, f"{base}/{path}", timeout)
    text = gzip.decompress(html).decode() if html[:2] == b"\x1f\x8b" else html.decode()
    assets = re.findall(r'(?:src|href)="\./(static/[^"]+)"', text)
    gate = asyncio.Semaphore(SHELL_CONNECTIONS)

    async def one(asset: str) -> int:
        async with gate:
            return len(await asyncio.to_thread(_get, f"{base}/{asset}", timeout))

    return len(html) + sum(await asyncio.gather(*(one(a) for a in assets)))


def _problem(msg, page: str) -> str | None:
    """An error a reader would see in this message, if any."""
    from streamlit.proto.Alert_pb2 import Alert

    kind = msg.WhichOneof("type")
    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        el = msg.delta.new_element
        if el.WhichOneof("type") == "exception":
            return f"{page}: exception shown: {el.exception.type}: {el.exception.message[:200]}"
        if el.WhichOneof("type") == "alert" and el.alert.format == Alert.ERROR:
            return f"{page}: error message shown: {el.alert.body[:200]}"
    if kind == "page_not_found":
        return f"{page}: page not found"
    if kind == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
        return f"{page}: script does not compile"
    return None


async def session(
    base: str, tally: Tally, rounds: int, timeout: float, think: float, shell: bool, seed: int = 0, pid: int | None = None
) -> None:
    """One browser tab's traffic: the shell, then ``rounds`` times through STEPS.

    With ``pid`` (a session alone), the server's CPU time for the shell and the reruns is added to the tally.
    """
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    jitter = random.Random(seed)  # each session its own, repeatable sequence
    hashes: dict[str, str] = {}  # page url name -> page script hash, learnt from the server
    cached: dict[str, str | None] = {}  # message hash -> the problem it shows, like the browser's message cache
    try:
        if shell:
            t, cpu = time.perf_counter(), cpu_seconds(pid) if pid else 0.0
            tally.shell_bytes += await fetch_shell(base, "", timeout)
            tally.shells.append(time.perf_counter() - t)
            tally.cpu_shell += cpu_seconds(pid) - cpu if pid else 0.0
        cpu = cpu_seconds(pid) if pid else 0.0
        url = base.replace("http://", "ws://") + "/_stcore/stream"
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=timeout) as ws:
            filters = ""  # the shared filters in force, which the app's links carry
            for _ in range(rounds):
                for path, own, new_filters in STEPS:
                    filters = filters if new_filters is None else new_filters
                    query = "&".join(q for q in (filters, own) if q)
                    page = path or "Overview"
                    back = BackMsg()
                    state = back.rerun_script
                    state.query_string = query
                    # A tab that opens a link names the page by its URL; a click on a page link sends its hash.
                    if path in hashes:
                        state.page_script_hash = hashes[path]
                    else:
                        state.page_name = path
                    state.context_info.url = f"{base}/{path}" + (f"?{query}" if query else "")
                    state.context_info.timezone = "UTC"
                    state.context_info.locale = "en-US"
                    state.cached_message_hashes.extend(cached)
                    t = time.perf_counter()
                    await ws.send(back.SerializeToString())
                    async with asyncio.timeout(timeout):
                        while True:
                            raw = await ws.recv()
                            tally.received += len(raw)
                            msg = ForwardMsg()
                            msg.ParseFromString(raw)
                            kind = msg.WhichOneof("type")
                            if kind == "ref_hash":
                                problem = cached.get(msg.ref_hash)
                            else:
                                problem = _problem(msg, page)
                                if msg.metadata.cacheable and msg.hash:
                                    cached[msg.hash] = problem
                            if problem:
                                tally.errors.append(problem)
                            for app_page in [*msg.new_session.app_pages, *msg.navigation.app_pages]:
                                hashes[app_page.url_pathname.replace(" ", "_")] = app_page.page_script_hash
                            if kind == "script_finished":
                                status = msg.script_finished
                                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                                    continue  # the script asked for a rerun of itself: wait for that one
                                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                                    tally.errors.append(f"{page}: compile error")
                                break
                    took = time.perf_counter() - t
                    tally.reruns.append(took)
                    tally.by_page.setdefault(page, []).append(took)
                    if think:  # reading time, spread so that sessions drift apart as people do
                        await asyncio.sleep(think * jitter.uniform(0.5, 1.5))
        tally.cpu_reruns += cpu_seconds(pid) - cpu if pid else 0.0
    except Exception as exc:  # reported, never hidden
        tally.errors.append(f"session failed: {type(exc).__name__}: {str(exc)[:200]}")


# --- the run ----------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank on the sorted values); nan for none."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[max(0, math.ceil(q / 100 * len(s)) - 1)]


async def run(sessions: int, rounds: int, timeout: float, think: float, shell: bool) -> dict:
    data_dir = os.environ.get("CLAIMCHECK_DATA_DIR") or str(ROOT / "data")
    with server("dashboard.py") as (base, pid):
        await session(base, Tally(), 1, timeout, 0, shell)  # warm-up: imports, data load, caches
        alone = Tally()
        for _ in range(BASELINE_SESSIONS):  # one after another, each a fresh session like the loaded ones
            await session(base, alone, rounds, timeout, 0, shell, pid=pid)  # alone, reading time changes nothing
        load_before = os.getloadavg()[0]
        before = rss_mb(pid)
        loaded = Tally()
        peak = [before]
        stop = asyncio.Event()
        sampler = asyncio.create_task(sample_rss(pid, peak, stop))
        cpu0 = cpu_seconds(pid)
        t = time.perf_counter()
        await asyncio.gather(*(session(base, loaded, rounds, timeout, think, shell, seed=i) for i in range(sessions)))
        wall = time.perf_counter() - t
        cpu_loaded = cpu_seconds(pid) - cpu0
        stop.set()
        await sampler
        await asyncio.sleep(1)  # let the server notice the closed sessions
        after = rss_mb(pid)
        hwm = rss_mb(pid, "VmHWM")
        load_after = os.getloadavg()[0]
    runs = len(loaded.reruns)
    return {
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.node()}, {os.cpu_count()} CPUs, {platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "streamlit": __import__("streamlit").__version__,
        "data_dir": data_dir,
        "sessions": sessions,
        "rounds": rounds,
        "steps_per_round": len(STEPS),
        "think_s": think,
        "shell": shell,
        "wall_s": wall,
        "load_average_1min": [load_before, load_after],
        "errors": alone.errors + loaded.errors,
        "alone": {
            "reruns": len(alone.reruns),
            "p50_ms": pct(alone.reruns, 50) * 1000,
            "p95_ms": pct(alone.reruns, 95) * 1000,
            "max_ms": max(alone.reruns, default=float("nan")) * 1000,
            "shell_ms": pct(alone.shells, 50) * 1000,
            "cpu_ms_per_rerun": alone.cpu_reruns / max(1, len(alone.reruns)) * 1000,
            "cpu_ms_per_shell": alone.cpu_shell / BASELINE_SESSIONS * 1000,
            "shell_kb": alone.shell_bytes / 1024 / BASELINE_SESSIONS,
            "cpu_s_per_session": (alone.cpu_reruns + alone.cpu_shell) / BASELINE_SESSIONS,
            "kb_per_session": alone.received / 1024 / BASELINE_SESSIONS,
            "by_page_p50_ms": {p: pct(v, 50) * 1000 for p, v in alone.by_page.items()},
        },
        "loaded": {
            "reruns": runs,
            "p50_ms": pct(loaded.reruns, 50) * 1000,
            "p95_ms": pct(loaded.reruns, 95) * 1000,
            "max_ms": max(loaded.reruns, default=float("nan")) * 1000,
            "shell_p50_ms": pct(loaded.shells, 50) * 1000,
            "shell_p95_ms": pct(loaded.shells, 95) * 1000,
            "cpu_s": cpu_loaded,
            "cpu_s_per_session": cpu_loaded / sessions,
            "kb_per_session": loaded.received / 1024 / max(1, sessions),
            "by_page_p50_ms": {p: pct(v, 50) * 1000 for p, v in loaded.by_page.items()},
            "by_page_p95_ms": {p: pct(v, 95) * 1000 for p, v in loaded.by_page.items()},
        },
        "memory_mb": {"before": before, "peak": peak[0], "after": after, "high_water_mark": hwm},
    }


def report(r: dict) -> str:
    a, b, m = r["alone"], r["loaded"], r["memory_mb"]
    n = r["sessions"]
    lines = [
        f"{r['date']} · {r['machine']} · Python {r['python']} · Streamlit {r['streamlit']} · "
        f"load average {r['load_average_1min'][0]:.1f} before the load, {r['load_average_1min'][1]:.1f} after",
        f"data: {r['data_dir']}",
        f"{n} sessions at once, each {r['rounds']} round(s) of {r['steps_per_round']} reruns (4 pages, filters in the query string), "
        f"think time {r['think_s']:g} s on average, page shell {'fetched' if r['shell'] else 'not fetched'}; "
        f"wall time {r['wall_s']:.1f} s",
        "",
        f"{'':<22}{'reruns':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'server CPU s/session':>22}{'ws KB/session':>15}",
        f"{'one session alone':<22}{a['reruns']:>8}{a['p50_ms']:>9.0f}{a['p95_ms']:>9.0f}{a['max_ms']:>9.0f}"
        f"{a['cpu_s_per_session']:>22.2f}{a['kb_per_session']:>15.0f}",
        f"{f'{n} sessions at once':<22}{b['reruns']:>8}{b['p50_ms']:>9.0f}{b['p95_ms']:>9.0f}{b['max_ms']:>9.0f}"
        f"{b['cpu_s_per_session']:>22.2f}{b['kb_per_session']:>15.0f}",
        f"{'ratio':<22}{'':>8}{b['p50_ms'] / a['p50_ms']:>9.1f}{b['p95_ms'] / a['p95_ms']:>9.1f}",
        "",
        f"{'page':<22}{'alone p50 ms':>14}{f'{n} at once p50 ms':>20}{'p95 ms':>9}",
    ]
    for page, p50 in b["by_page_p50_ms"].items():
        lines.append(f"{page:<22}{a['by_page_p50_ms'].get(page, float('nan')):>14.0f}{p50:>20.0f}{b['by_page_p95_ms'][page]:>9.0f}")
    if r["shell"]:
        lines += [
            "",
            f"page shell (HTML, scripts, styles, {a['shell_kb']:.0f} KB): alone {a['shell_ms']:.0f} ms; "
            f"at once p50 {b['shell_p50_ms']:.0f} ms, p95 {b['shell_p95_ms']:.0f} ms",
        ]
    per_session = (m["peak"] - m["before"]) / n
    lines += [
        "",
        f"server memory (RSS): {m['before']:.0f} MB before, {m['peak']:.0f} MB peak, {m['after']:.0f} MB after "
        f"(high-water mark {m['high_water_mark']:.0f} MB); {per_session:.1f} MB per session at the peak",
        f"server CPU, one session alone: {a['cpu_ms_per_rerun']:.0f} ms per rerun"
        + (f", {a['cpu_ms_per_shell']:.0f} ms per page shell" if r["shell"] else ""),
        f"server CPU during the load: {b['cpu_s']:.1f} s over {r['wall_s']:.1f} s of wall time "
        f"({b['cpu_s'] / r['wall_s']:.2f} of a core on average)",
        f"errors: {len(r['errors'])}",
    ]
    lines += [f"  {count} × {e}" for e, count in collections.Counter(r["errors"]).most_common(20)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=40, help="sessions at once (default 40)")
    ap.add_argument("--rounds", type=int, default=2, help=f"rounds of the {len(STEPS)} steps per session (default 2)")
    ap.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds between a session's reruns, spread 0.5-1.5x (default 0: everyone clicks at once)",
    )
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds one rerun may take before it counts as an error")
    ap.add_argument("--no-shell", dest="shell", action="store_false", help="skip fetching the page shell over HTTP")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args(argv)
    if not 1 <= args.sessions <= 500 or not 1 <= args.rounds <= 50:
        ap.error("sessions must be 1-500 and rounds 1-50")
    result = asyncio.run(run(args.sessions, args.rounds, args.timeout, args.think, args.shell))
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
