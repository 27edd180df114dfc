"""Real server, real Chromium (Debian's), all traffic outside localhost blocked.

These tests fail, never skip, when the browser cannot run: set
CLAIMCHECK_CHROMIUM to the browser's path if it is not /usr/bin/chromium.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from .conftest import REAL, ROOT, edit

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CLAIMCHECK_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Streamlit probes "<page>/_stcore/..." before falling back to the root; those 404s are its own, not the app's.
STREAMLIT_PROBE = re.compile(r"/[^/]+/_stcore/(health|host-config)$")
ARTIFACTS = Path(os.environ.get("CLAIMCHECK_ARTIFACTS", ROOT / ".test-artifacts"))

# page path -> minimum number of charts drawn once the page is ready
PAGES = {
    "": 1,
    "Claims": 0,  # the table opens the page; the chart is ?view=chart
    "Evidence": 1,
    "Articles": 0,
    "Adverse_effects": 1,
    "Legality": 1,  # one view at a time: a map or the timeline
    "Classroom": 0,
    "Methods_and_data": 0,
    "Check_an_article": 0,
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(data_dir: Path):
    """A real Streamlit server on a free port; its output goes to a file (a pipe nobody reads could fill and stall it)."""
    import tempfile

    port = free_port()
    env = {**os.environ, "CLAIMCHECK_DATA_DIR": str(data_dir)}
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).status == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                out = log.read().decode(errors="replace")
                pytest.fail(f"the Streamlit server did not start:\n{out[-3000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (see README)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:  # a failure, not a skip: the browser tests must run in CI
        pytest.fail(f"the playwright package is missing ({e}): pip install -r requirements-dev.txt")

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


class Visit:
    """A browser context that blocks everything outside localhost and records what went wrong."""

    def __init__(self, browser, base: str, **context_options):
        self.base = base
        self.ctx = browser.new_context(**{"viewport": {"width": 1400, "height": 1000}, **context_options})
        self.blocked: list[str] = []
        self.console_errors: list[str] = []
        self.http_errors: list[str] = []
        self.ctx.route("**/*", self._route)
        self.page = self.ctx.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.console_errors.append(f"page error: {e}"))
        self.page.on("response", self._response)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.base) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _console(self, msg):
        # Failed loads are judged by their URL in _response.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            self.console_errors.append(msg.text)

    def _response(self, resp):
        if resp.status >= 400 and not STREAMLIT_PROBE.search(resp.url.split("?")[0]):
            self.http_errors.append(f"{resp.status} {resp.url}")

    def open(self, path: str, min_charts: int, query: str = ""):
        self.page.goto(f"{self.base}/{path}{query}")
        self.page.wait_for_selector("h1", timeout=60_000)
        self.wait_idle()
        if min_charts:
            self.page.wait_for_function(
                "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n", arg=min_charts, timeout=60_000
            )
        return self.page

    def wait_idle(self):
        # Streamlit shows its status widget while the script runs.
        self.page.wait_for_function(
            "() => !document.querySelector('[data-testid=stStatusWidget]') && !document.querySelector('[data-testid=stSkeleton]')",
            timeout=60_000,
        )

    def shot(self, name: str):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name or 'overview'}.png"), full_page=True)

    def close(self):
        self.ctx.close()

    def __enter__(self) -> Visit:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@pytest.fixture(scope="module")
def real_server():
    with server(REAL) as base:
        yield base


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_loads_offline_with_no_error(browser, real_server, path):
    with Visit(browser, real_server) as v:
        page = v.open(path, PAGES[path])
        v.shot(path)
        assert page.locator("[data-testid=stException]").count() == 0
        assert page.get_by_text("not medical or legal advice").count() >= 1
        assert v.console_errors == []
        assert v.http_errors == []
        assert v.blocked == [], "the app tried to reach the internet"


A11Y_PAGES = [
    *PAGES, "Classroom?mode=present", "Classroom?mode=present&step=9", "Classroom?mode=handout",
    "Claims?view=chart", "Evidence?view=table", "Legality?map=table",
]  # fmt: skip


@pytest.mark.parametrize("path", A11Y_PAGES)
def test_no_critical_or_serious_accessibility_violations(browser, real_server, path):
    """axe-core (WCAG 2.1 AA rules) on every page and in presenter mode."""
    from axe_playwright_python.sync_playwright import Axe

    with Visit(browser, real_server) as v:
        page_path, _, query = path.partition("?")
        v.open(page_path, PAGES.get(page_path, 0) if not query else 1 if "present" in query else 0, query=f"?{query}" if query else "")
        result = Axe().run(v.page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
        bad = [
            f"{x['id']} ({x['impact']}): {x['help']} at {x['nodes'][0]['target']}"
            for x in result.response["violations"]
            if x["impact"] in ("critical", "serious")
        ]
        assert bad == []
        assert len(result.response["passes"]) > 10, "axe did not run"


@pytest.mark.parametrize("which,minimum", [("", 40), ("?map=us", 45)])
def test_maps_draw_their_shapes_with_no_internet(browser, real_server, which, minimum):
    """One shape per jurisdiction with an entry, drawn from outlines the app serves itself."""
    with Visit(browser, real_server) as v:
        page = v.open("Legality", 1, query=which)
        page.wait_for_function("n => document.querySelectorAll('path.choroplethlocation').length >= n", arg=minimum, timeout=60_000)
        assert page.locator(".js-plotly-plot").first.locator("path.choroplethlocation").count() >= minimum
        assert v.blocked == []


def test_shared_link_restores_the_filters_and_keeps_them_across_pages(browser, real_server):
    from urllib.parse import parse_qs, urlparse

    with Visit(browser, real_server) as v:
        page = v.open("Claims", 0, query="?verdict=contradicted&article=A2")
        sidebar = page.locator("[data-testid=stSidebar]")
        on = re.compile(r"^On: .*Verdict: Contradicted")  # the line under the Filters button names the filters that are on
        sidebar.get_by_text(on).first.wait_for(timeout=30_000)
        # the controls behind the button read the link too: the verdict box holds one chip, Contradicted
        sidebar.get_by_role("button", name="Filters").click()
        body = page.locator("[data-testid=stPopoverBody]")
        body.get_by_text("Contradicted", exact=True).first.wait_for(timeout=30_000)
        assert body.get_by_text("Contradicted", exact=True).count() == 1
        page.keyboard.press("Escape")
        # links written as ids are rewritten into the form the controls read, so a copied link keeps them
        for where in ("Claims", "Evidence", "Articles"):
            if where != "Claims":
                sidebar.locator("a", has_text=where).first.click()
                page.wait_for_url(re.compile(rf"/{where}\?"), timeout=30_000)
                v.wait_idle()
            query = parse_qs(urlparse(page.url).query)
            assert query.get("verdict") == ["Contradicted"], (where, page.url)
            assert [a.split(" ")[0] for a in query.get("article", [])] == ["A2"], (where, page.url)
            sidebar.get_by_text(on).first.wait_for(timeout=30_000)
            assert sidebar.get_by_text(on).count() == 1, where


def test_selecting_a_claim_in_an_article_opens_its_card_within_the_session(browser, real_server):
    with Visit(browser, real_server) as v:
        page = v.open("Articles", 0, query="?doc=A2&verdict=partly_supported")
        assert page.locator("mark").count() >= 20
        labels = page.locator("span.cc-label", has_text=re.compile(r"\[C\d{3}"))
        assert labels.count() >= 10 and page.locator("a:has(sup)").count() == 0, "no label in the text reloads the app"
        page.get_by_role("radio", name=re.compile(r"^C036")).first.click()
        dialog = page.get_by_role("dialog")
        dialog.wait_for(timeout=30_000)
        assert dialog.locator("h4", has_text="C036").count() == 1
        page.wait_for_url(re.compile(r"claim=C036"), timeout=30_000)
        assert "verdict=" in page.url, f"the filters stay: {page.url}"
        assert v.console_errors == [] and v.blocked == []


def _click_point_of(page, chart_index: int, prefix: str):
    """Click the first mark whose record id (customdata[0]) starts with ``prefix`` (e.g. ``claim:``, one claim, not a group)."""
    plot = page.locator(".js-plotly-plot").nth(chart_index)
    found = plot.evaluate(
        """(el, prefix) => {
            const scatter = el._fullData.filter(t => t.type === 'scatter' && t.visible !== false);
            for (let t = 0; t < scatter.length; t++) {
                const cd = scatter[t].customdata || [];
                for (let i = 0; i < cd.length; i++) {
                    const id = Array.isArray(cd[i]) ? cd[i][0] : cd[i];
                    if (String(id).startsWith(prefix)) return [t, i, String(id)];
                }
            }
            return null;
        }""",
        prefix,
    )
    assert found, f"no mark with an id starting {prefix!r}"
    t, i, record = found
    plot.locator(".scatterlayer .trace").nth(t).locator(".points path").nth(i).click(force=True)
    return record


def _click_first_point(page, chart_index: int, trace_index: int = -1):
    plot = page.locator(".js-plotly-plot").nth(chart_index)
    points = plot.locator(".scatterlayer .trace").nth(trace_index).locator(".points path")
    points.first.click(force=True)


def test_a_mark_on_the_overview_chart_opens_its_claim(browser, real_server):
    with Visit(browser, real_server) as v:
        page = v.open("", 1)
        assert page.locator("h4").count() == 0
        record = _click_point_of(page, 0, "claim:")
        page.wait_for_selector("h4", timeout=30_000)
        v.wait_idle()
        heading = page.locator("h4").first.inner_text()
        assert heading.startswith(record.split(":", 1)[1] + " · "), (record, heading)
        assert "claim=" + heading.split(" · ")[0] in page.url
        assert v.console_errors == []


def test_a_cell_of_the_evidence_map_lists_its_studies(browser, real_server):
    with Visit(browser, real_server) as v:
        page = v.open("Evidence", 1)
        _click_first_point(page, 0, 1)  # first trace after the gaps: a filled cell
        page.wait_for_function("() => document.body.innerText.match(/: \\d+ stud(y|ies)/)", timeout=30_000)
        v.wait_idle()
        # the cell's studies, in a table under the map
        page.wait_for_function("() => document.querySelectorAll('[data-testid=stDataFrame]').length >= 1", timeout=30_000)
        assert v.console_errors == []


def test_a_bar_of_claims_by_article_lists_its_claims(browser, real_server):
    with Visit(browser, real_server) as v:
        page = v.open("Claims", 1, query="?view=chart")
        page.locator(".js-plotly-plot").first.locator(".barlayer .point path").first.click(force=True)
        page.wait_for_function("() => document.body.innerText.includes('Showing the claims of the bar')", timeout=30_000)
        assert v.console_errors == []


def test_a_mark_on_the_harms_grid_opens_that_harm(browser, real_server):
    with Visit(browser, real_server) as v:
        page = v.open("Adverse_effects", 1)
        assert page.locator("[data-testid=stMain] h4").count() == 0, "no harm card opens by itself"
        # the "warns" trace: click its last mark (a mild harm far from the first option)
        page.locator(".js-plotly-plot").first.locator(".scatterlayer .trace").first.locator(".points path").last.click(force=True)
        page.wait_for_function("() => !!document.querySelector('[data-testid=stMain] h4')", timeout=30_000)
        with open(REAL / "harms.yaml", encoding="utf-8") as fh:
            names = {h["name"] for h in yaml.safe_load(fh)}
        heading = page.locator("[data-testid=stMain] h4").first.inner_text()
        assert any(heading.startswith(f"{n} · ") for n in names), heading
        assert "harm=" in page.url
        assert v.console_errors == []


def test_a_state_on_the_map_opens_its_history(browser, real_server):
    with Visit(browser, real_server) as v:
        page = v.open("Legality", 1, query="?map=us")
        page.wait_for_function("() => document.querySelectorAll('path.choroplethlocation').length > 45", timeout=60_000)
        us = page.locator(".js-plotly-plot").first
        us.locator(".scattergeo .point, .scattergeo path.point").first.click(force=True)
        # the link names the place as the select box shows it, "California (CA)"
        page.wait_for_url(re.compile(r"place=[^&]+%28[A-Z]{2}%29(&|$)"), timeout=30_000)
        name = re.search(r"place=([^&]+)", page.url).group(1).replace("+", " ")
        assert page.get_by_text(re.compile(re.escape(name.split("%28")[0].strip()))).count() >= 1
        assert v.console_errors == []


def test_a_shared_link_reopens_the_same_claim_search_and_filters(browser, real_server):
    with Visit(browser, real_server) as v:
        page = v.open("Claims", 0, query="?verdict=contradicted&q=addiction&claim=C037")
        assert page.get_by_label("Search claims and quotes").input_value() == "addiction"
        assert page.locator("[data-testid=stSidebar]").get_by_text("Contradicted").count() >= 1
        assert page.locator("h4", has_text="C037").count() == 1


def test_presenter_step_in_the_url_and_next_button(browser, real_server):
    with Visit(browser, real_server) as v:
        page = v.open("Classroom", 1, query="?mode=present&step=4")
        assert page.get_by_text(re.compile(r"Step 4 of \d+")).count() == 1
        page.get_by_role("button", name="Next ▶").click()
        page.wait_for_url(re.compile(r"step=5"), timeout=30_000)
        page.wait_for_selector("text=/Step 5 of/", timeout=30_000)
        assert v.console_errors == []


def test_quiz_end_to_end(browser, real_server):
    with Visit(browser, real_server) as v:
        page = v.open("Classroom", 0, query="?quiz=C037,C013")
        page.get_by_text("Contradicted", exact=True).first.click()
        page.get_by_role("button", name="Reveal the verdict").click()
        page.wait_for_selector("text=/1 of 1 verdicts right/", timeout=30_000)
        page.get_by_role("button", name="Next claim ▶").click()
        # the next claim to rate is shown (it is also the quiz's default, so the link need not name it)
        quote = next(c for c in yaml.safe_load((REAL / "claims.yaml").read_text()) if c["id"] == "C013")["quotes"][0]["text"]
        page.get_by_text(quote).first.wait_for(timeout=30_000)
        assert page.get_by_text("1 of 1 verdicts right").count() == 1, "the score stays"
        assert v.console_errors == []


def test_filtered_csv_download_has_the_rows_on_screen_and_says_what_they_are(browser, real_server):
    import csv
    import io

    with Visit(browser, real_server) as v:
        page = v.open("Claims", 0, query="?verdict=contradicted,not_supported")
        shown = int(re.search(r"(\d+) claims?", page.get_by_text(re.compile(r"^\d+ claims?$")).first.inner_text()).group(1))
        with page.expect_download() as info:
            page.get_by_role("button", name="Download these claims (CSV)").click()
        text = Path(info.value.path()).read_text(encoding="utf-8")
        # the file says what it is before the table: the first line gives the number of note lines to skip
        n = int(re.search(r"(\d+) lines of notes come first", text.splitlines()[0]).group(1))
        notes = [next(csv.reader([line]))[0] for line in text.splitlines()[:n]]
        assert all(note.startswith("# ") for note in notes), notes
        said = " ".join(notes)
        assert "Sources: Claims ledger" in said and "Filters: Verdict: Contradicted, Not supported" in said, notes
        assert "not medical or legal advice" in said and "Data last updated" in said, notes
        rows = list(csv.DictReader(io.StringIO("\n".join(text.splitlines()[n:]))))
        from claimcheck.dataset import load_dataset

        expected = int(load_dataset(REAL)["claims"]["verdict"].isin(["contradicted", "not_supported"]).sum())
        assert len(rows) == shown == expected
        assert {r["Verdict"] for r in rows} == {"Contradicted", "Not supported"}


def test_broken_data_shows_the_banner_and_the_valid_parts(browser, tmp_path):
    broken = tmp_path / "data"
    shutil.copytree(REAL, broken)
    edit(broken / "claims.yaml", "claim_type: efficacy", "claim_type: miracle")
    (broken / "harms.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    with server(broken) as base:
        with Visit(browser, base) as v:
            page = v.open("", 1)
            v.shot("broken-data")
            assert page.get_by_text("The data folder has").count() == 1
            assert page.locator("[data-testid=stException]").count() == 0
            page = v.open("Adverse_effects", 0)
            assert page.locator("[data-testid=stException]").count() == 0
            # the harms file could not be read: the page says so, not that there are no harms yet
            assert page.get_by_text("The harms could not be read").count() == 1
            assert page.get_by_text("There are no harms in the data yet").count() == 0


def test_html_in_the_data_is_never_rendered_in_the_browser(browser, mini):
    from .test_hostile import _hostile_copy

    with server(_hostile_copy(mini)) as base:
        with Visit(browser, base) as v:
            dialogs: list[str] = []
            v.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for path, query in [
                ("", "?claim=K1"),
                ("Claims", "?claim=K1"),
                ("Articles", "?doc=A1"),
                ("Adverse_effects", ""),
                ("Legality", ""),
            ]:
                page = v.open(path, 0, query=query)
                page.wait_for_timeout(500)
                assert page.locator("img[src='x']").count() == 0, path
                assert page.locator("a[href^='javascript']").count() == 0, path
                assert page.locator("[data-testid=stException]").count() == 0, path
            assert dialogs == []
            # the text itself is still there, shown literally
            page = v.open("", 0, query="?claim=K1")
            assert page.get_by_text("onerror=alert(1)", exact=False).count() >= 1


def test_check_an_article_highlights_a_pasted_claim_and_shows_the_text_literally(browser, real_server, tmp_path):
    import yaml

    verdicts = {c["id"]: c.get("verdict") for c in yaml.safe_load((REAL / "claims.yaml").read_text(encoding="utf-8"))}
    pasted = (
        "Welcome to our blog!\n\nKratom is a strong natural painkiller for everyone.\n\n"
        "**bold** <img src=x onerror=alert(1)> $x^2$ [link](javascript:alert(2))\n\nKratom cures baldness."
    )
    with Visit(browser, real_server) as v:
        dialogs: list[str] = []
        v.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page = v.open("Check_an_article", 0)
        box = page.get_by_label("Paste the article's text")
        box.fill(pasted)
        box.press("Control+Enter")
        page.wait_for_selector("mark.cc-checked", timeout=60_000)
        v.wait_idle()
        v.shot("check-an-article")
        assert page.locator("a.cc-label").count() == 0, "labels do not open a new tab and a new session"
        label = page.locator("span.cc-label").first
        claim = re.search(r"\[(C\d{3}) ", label.inner_text()).group(1)
        assert verdicts[claim].replace("_", " ").capitalize() in label.inner_text()
        assert page.get_by_text("[not checked yet]").count() >= 1
        body = page.locator("mark.cc-checked").first.locator("xpath=..").inner_text()
        assert "Kratom is a strong natural painkiller for everyone." in page.locator("mark.cc-checked").first.inner_text()
        assert "**bold** <img src=x onerror=alert(1)> $x^2$ [link](javascript:alert(2))" in body, "pasted text shows literally"
        assert page.locator("img[src='x']").count() == 0 and page.locator("a[href^='javascript']").count() == 0
        assert page.locator(".katex").count() == 0
        from axe_playwright_python.sync_playwright import Axe

        axe = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
        assert [x["id"] for x in axe.response["violations"] if x["impact"] in ("critical", "serious")] == []
        # an HTML upload: its script never runs and only its text is checked
        upload = tmp_path / "page.html"
        upload.write_text(
            "<html><body><p>Kratom relieves chronic back pain.</p><script>alert('upload')</script></body></html>", encoding="utf-8"
        )
        page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(upload))
        page.wait_for_function("() => document.body.innerText.includes('only its readable text is checked')", timeout=60_000)
        v.wait_idle()
        assert page.get_by_text("alert('upload')").count() == 0
        # a binary file gets a plain message, no traceback
        binary = tmp_path / "photo.txt"
        binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 64)
        page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(binary))
        page.wait_for_function("() => document.body.innerText.includes('looks like a binary file')", timeout=60_000)
        v.wait_idle()
        assert dialogs == [] and v.console_errors == [] and v.blocked == []
        assert page.locator("[data-testid=stException]").count() == 0


def test_no_file_from_outside_and_no_link_from_the_data_reaches_the_page(browser, tmp_path):
    """A data folder with links out of it and live-looking markup: nothing leaks, nothing becomes a link."""
    from .test_hostile import SECRET, records, yaml_set, yq

    data = tmp_path / "data"
    shutil.copytree(REAL, data)
    outside = tmp_path / "outside.txt"
    outside.write_text(f"{SECRET}\nroot:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (data / "CHANGELOG.md").unlink()
    (data / "CHANGELOG.md").symlink_to(outside)
    arts = records(data / "articles.yaml")
    (data / "articles" / "leak.txt").symlink_to(outside)
    yaml_set(data / "articles.yaml", arts[0]["id"], "file", "leak.txt")  # a record pointing at the link
    target = arts[1]
    path = data / "articles" / target["file"]
    path.write_text(path.read_text(encoding="utf-8") + "\r\r[Claim your free sample](https://phish.example/login)\r\r", encoding="utf-8")
    harm = records(data / "harms.yaml")[0]
    yaml_set(data / "harms.yaml", harm["id"], "name", yq('<a href="https://phish.example/x">Free sample</a> https://phish.example/bare'))
    # Attributes that make a link, load something or style it (text kept in data-* attributes is inert).
    scan = """() => Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes)
        .filter(a => ['href', 'xlink:href', 'src', 'srcset', 'action', 'formaction', 'style', 'data', 'poster'].includes(a.name)
                     && a.value.includes('phish.example'))
        .map(a => e.tagName + ' ' + a.name + '=' + a.value))"""
    with server(data) as base:
        with Visit(browser, base) as v:
            for path_, query, charts in [
                ("Articles", f"?doc={target['id']}", 0),
                ("Articles", f"?doc={arts[0]['id']}", 0),
                ("Methods_and_data", "", 0),
                ("Adverse_effects", "", 1),
                ("", "", 1),
            ]:
                page = v.open(path_, charts, query=query)
                page.wait_for_timeout(500)
                assert page.locator("[data-testid=stException]").count() == 0, path_
                assert SECRET not in page.content(), f"a file from outside the data folder reached {path_}"
                assert page.evaluate(scan) == [], f"a link from the data is live on {path_}"
                if path_ == "Articles" and query.endswith(target["id"]):
                    assert page.get_by_text("Claim your free sample", exact=False).count() >= 1, "the text is shown, as text"
                if path_ == "Adverse_effects":
                    # the chart's text as a reader reads it, its wrapped lines joined
                    shown = page.evaluate(
                        "() => [...document.querySelector('.js-plotly-plot').querySelectorAll('text')]"
                        ".map(t => [...t.querySelectorAll('tspan.line')].map(l => l.textContent).join(' ') || t.textContent).join(' ')"
                    )
                    assert '<a href="https://phish.example/x">Free sample</a>' in shown, "the markup is shown, as text"
            assert v.blocked == [], "nothing from the data made the browser call out"
            assert page.get_by_text("The data folder has").count() == 1
