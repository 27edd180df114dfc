"""Load: 20 browser sessions at once against one server, each doing a few interactions.

    python bench/load.py            # 20 sessions
    python bench/load.py 5          # another number

Reports errors (exceptions shown, console errors, failed requests; must be none),
time per page at that load against one session alone, and the server's memory
before and after. All traffic stays on this machine (127.0.0.1).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import CHROMIUM, READY, expected_drawn, server  # noqa: E402

STEPS = [("", ""), ("Claims", "?verdict=contradicted,not_supported"), ("Legality", "?year=2020"), ("Adverse_effects", "?kind=deaths")]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def session(browser, base: str, errors: list[str], timings: dict[str, list[float]], drawn: dict[str, tuple[int, int]]) -> None:
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await ctx.new_page()
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.on(
        "console",
        lambda m: errors.append(f"console: {m.text}") if m.type == "error" and not m.text.startswith("Failed to load resource") else None,
    )
    page.on("response", lambda r: errors.append(f"HTTP {r.status} {r.url}") if r.status >= 500 else None)
    # Ready is judged by READY (script finished, charts and tables drawn), with its own long timeout;
    # navigation only has to be committed, since 20 browsers on two cores can take more than
    # Playwright's default 30 s to fire the load event.
    try:
        for path, query in STEPS:
            t = time.perf_counter()
            await page.goto(f"{base}/{path}{query}", wait_until="commit", timeout=300_000)
            await page.wait_for_timeout(300)
            await page.wait_for_function(READY, arg=list(drawn[path]), timeout=300_000, polling=100)
            timings.setdefault(path or "Overview", []).append(time.perf_counter() - t - 0.3)
            if await page.locator("[data-testid=stException]").count():
                errors.append(f"exception shown on {path or 'Overview'}")
        # one interaction: change the shared verdict filter from the URL and wait for the rerun
        await page.goto(f"{base}/Claims?verdict=supported", wait_until="commit", timeout=300_000)
        await page.wait_for_timeout(300)
        await page.wait_for_function(READY, arg=list(drawn["Claims"]), timeout=300_000, polling=100)
    except Exception as exc:  # report, do not hide
        errors.append(f"session failed: {type(exc).__name__}: {str(exc)[:200]}")
    finally:
        await ctx.close()


async def run(n: int) -> None:
    from playwright.async_api import async_playwright

    drawn = expected_drawn(queries=dict(STEPS))
    with server("dashboard.py") as (base, pid):
        async with async_playwright() as p:
            browser = await p.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            )
            alone_err: list[str] = []
            alone: dict[str, list[float]] = {}
            await session(browser, base, alone_err, {}, drawn)  # warm-up
            await session(browser, base, alone_err, alone, drawn)
            before = rss_mb(pid)
            errors: list[str] = []
            loaded: dict[str, list[float]] = {}
            t = time.perf_counter()
            await asyncio.gather(*(session(browser, base, errors, loaded, drawn) for _ in range(n)))
            wall = time.perf_counter() - t
            after = rss_mb(pid)
            await browser.close()
    print(f"{n} sessions at once, {len(STEPS)} pages and one filter change each, {wall:.1f} s in all\n")
    print(f"{'page':<18}{'alone s':>9}{'loaded s (median)':>19}{'ratio':>7}")
    for page, times in loaded.items():
        a = statistics.median(alone[page])
        b = statistics.median(times)
        print(f"{page:<18}{a:>9.2f}{b:>19.2f}{b / a:>7.1f}")
    print(f"\nerrors: {len(errors) + len(alone_err)}")
    for e in (alone_err + errors)[:20]:
        print("  ", e)
    print(f"server memory (RSS): {before:.0f} MB before, {after:.0f} MB after")
    if errors or alone_err:
        sys.exit(1)


if __name__ == "__main__":
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 20))
