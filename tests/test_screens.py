"""Every screen a reader uses, measured in a real browser: phone, projector, embed, dark mode, keyboard.

One server and one browser for the module. Each test saves a screenshot per page and size
to $CLAIMCHECK_SCREENSHOTS (default: a temporary folder) and appends what it measured to
``measurements.jsonl`` there, so a reviewer can open both. These tests fail, never skip,
when the browser cannot run (see tests/test_browser.py).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import pytest
import yaml

from .conftest import REAL
from .test_browser import Visit, browser, real_server  # noqa: F401 - module fixtures, one server and browser here

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("CLAIMCHECK_SCREENSHOTS") or tempfile.mkdtemp(prefix="claimcheck-screens-"))

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
LAPTOP = {"viewport": {"width": 1440, "height": 900}}
PROJECTOR = {"viewport": {"width": 1280, "height": 720}}
BIG_PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
SIZES = {"phone": PHONE, "laptop": LAPTOP, "projector": PROJECTOR, "big-projector": BIG_PROJECTOR}

# Every chart view: (page path, query, charts drawn when ready)
CHART_VIEWS = [
    ("", "", 1),
    ("Claims", "?view=chart", 1),
    ("Evidence", "", 1),
    ("Evidence", "?view=ladder", 1),
    ("Adverse_effects", "", 1),
    ("Adverse_effects", "?view=by_year", 1),
    ("Adverse_effects", "?view=how_often", 1),
    ("Legality", "", 1),
    ("Legality", "?map=us", 1),
    ("Legality", "?map=timeline", 1),
]
MIN_PLOT_WIDTH = 280  # px of plot area on a 390 px phone
MIN_PRESENTER_TEXT = 18  # px: read from the back of a classroom
TOLERANCE = 2  # px of rounding


def name_of(path: str, query: str, size: str, extra: str = "") -> str:
    q = re.sub(r"[^A-Za-z0-9]+", "-", query).strip("-")
    return "-".join(x for x in [path or "Overview", q, size, extra] if x)


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def record(test: str, **values) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with (SHOTS / "measurements.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps({"test": test, **values}) + "\n")


def open_view(v: Visit, path: str, query: str, charts: int):
    page = v.open(path, charts, query=query)
    if charts:  # a chart is ready when Plotly has laid it out
        page.wait_for_function(
            "n => Array.from(document.querySelectorAll('.js-plotly-plot')).filter(e => e._fullLayout).length >= n",
            arg=charts,
            timeout=60_000,
        )
    page.wait_for_timeout(300)
    return page


PLOT_WIDTHS = "() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(e => Math.round(e._fullLayout._size.w))"

# How much of the viewport's width the sidebar covers (0 when it is closed or off-screen).
SIDEBAR_COVER = """() => {
    const s = document.querySelector('[data-testid=stSidebar]');
    if (!s) return 0;
    const r = s.getBoundingClientRect(), st = getComputedStyle(s);
    if (st.display === 'none' || st.visibility === 'hidden' || r.width === 0) return 0;
    return Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
}"""


# Text a chart draws that a reader cannot read: cut off at the chart's edge, or so close to other
# text that the two run together ("1" and "2" side by side read as 12; a row's name printed over a
# count). Places on a map are where they are, so marks of a map may sit close to each other.
TEXT_PROBLEMS = """() => {
  const out = [];
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const svg = plot.querySelector('.main-svg'); if (!svg) continue;
    const box = svg.getBoundingClientRect();
    const bar = plot.querySelector('.legend .scrollbar');
    if (bar && bar.getBoundingClientRect().height > 0) out.push('cut off: the legend scrolls, so some of its items are hidden');
    const texts = [...plot.querySelectorAll('svg text')].filter(t => !t.closest('.hoverlayer') && (t.textContent || '').trim())
      .map(t => ({t, r: t.getBoundingClientRect(), geo: !!t.closest('.geo, .geolayer'), s: t.textContent.trim().slice(0, 40)}))
      .filter(x => x.r.width > 0 && x.r.height > 0);
    for (const x of texts)
      if (x.r.left < box.left - 1 || x.r.right > box.right + 1 || x.r.top < box.top - 1 || x.r.bottom > box.bottom + 1)
        out.push(`cut off: "${x.s}" spans ${Math.round(x.r.left - box.left)}..${Math.round(x.r.right - box.left)} px of a ${Math.round(box.width)} px chart`);
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i], b = texts[j];
      if (a.geo && b.geo) continue;
      const across = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const down = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (across > -3 && down > 3) out.push(`run together: "${a.s}" and "${b.s}"`);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("size", ["phone", "laptop"])
@pytest.mark.parametrize("path,query,charts", CHART_VIEWS, ids=[name_of(p, q, "") for p, q, _ in CHART_VIEWS])
def test_chart_text_is_neither_cut_off_nor_run_together(browser, real_server, path, query, charts, size):  # noqa: F811
    with Visit(browser, real_server, **SIZES[size]) as v:
        page = open_view(v, path, query, charts)
        problems = page.evaluate(TEXT_PROBLEMS)
        record("chart-text", page=name_of(path, query, ""), size=size, problems=problems)
        if problems:
            shot(page, name_of(path, query, size, "text"))
        assert page.evaluate("() => document.querySelectorAll('.js-plotly-plot svg text').length") > 0, "no chart text drawn"
        assert not problems, f"{len(problems)} unreadable text(s) on a {size}:\n" + "\n".join(problems[:20])


@pytest.mark.parametrize("path,query,charts", CHART_VIEWS, ids=[name_of(p, q, "") for p, q, _ in CHART_VIEWS])
def test_every_chart_has_room_on_a_phone(browser, real_server, path, query, charts):  # noqa: F811
    with Visit(browser, real_server, **PHONE) as v:
        page = open_view(v, path, query, charts)
        shot(page, name_of(path, query, "phone"))
        widths = page.evaluate(PLOT_WIDTHS)
        record("phone-plot-width", page=name_of(path, query, ""), widths=widths)
        assert widths, "no chart drawn"
        assert min(widths) >= MIN_PLOT_WIDTH, f"plot areas {widths} px wide on a 390 px phone"
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390 + TOLERANCE, "the page scrolls sideways"


def test_the_sidebar_stays_closed_on_a_phone_on_load_and_after_a_page_switch(browser, real_server):  # noqa: F811
    with Visit(browser, real_server, **PHONE) as v:
        page = open_view(v, "", "", 1)
        shot(page, "Overview-phone-sidebar-on-load")
        on_load = page.evaluate(SIDEBAR_COVER)
        # A reader opens the menu and moves to another page.
        page.locator("[data-testid=stExpandSidebarButton], [data-testid=stSidebarCollapsedControl] button").first.click()
        page.wait_for_function(f"() => ({SIDEBAR_COVER})() > 200", timeout=10_000)
        page.locator("[data-testid=stSidebar] a", has_text="Claims").first.click()
        page.wait_for_function("() => location.pathname.endsWith('/Claims')", timeout=30_000)
        v.wait_idle()
        page.wait_for_timeout(800)
        shot(page, "Claims-phone-sidebar-after-switch")
        after_switch = page.evaluate(SIDEBAR_COVER)
        page = open_view(v, "Evidence", "", 1)  # and a fresh load of another page
        after_reload = page.evaluate(SIDEBAR_COVER)
        record("phone-sidebar-cover", on_load=on_load, after_switch=after_switch, after_reload=after_reload)
        assert on_load == 0, f"the sidebar covers {on_load} px of the page on load"
        assert after_switch == 0, f"the sidebar covers {after_switch} px of the page after a page switch"
        assert after_reload == 0, f"the sidebar covers {after_reload} px of the page on a fresh load"


# The headers of the columns a data grid draws. The grid (glide-data-grid) paints on a canvas and
# keeps an accessible table of only the columns it draws in its visible width (pinned ones
# included): a header here is a column in view without scrolling sideways.
VISIBLE_HEADERS = """sel => {
    const grid = document.querySelector(sel);
    if (!grid) return null;
    return Array.from(grid.querySelectorAll('[role=columnheader]')).map(h => h.textContent.trim());
}"""

TABLES = [
    # page, query, grid, headers that answer the reader's question
    ("Claims", "", "[data-testid=stDataFrame]", ["Claim", "Verdict", "Certainty or basis"]),
    ("Legality", "?map=table", "[data-testid=stDataFrame]", ["Place", "Status", "Source"]),
]


@pytest.mark.parametrize("size", ["laptop", "phone"])
@pytest.mark.parametrize("path,query,grid,key_columns", TABLES, ids=[t[0] for t in TABLES])
def test_the_key_columns_of_a_table_are_in_view_without_scrolling_sideways(browser, real_server, path, query, grid, key_columns, size):  # noqa: F811
    with Visit(browser, real_server, **SIZES[size]) as v:
        page = open_view(v, path, query, 0)
        page.wait_for_selector(f"{grid} [role=columnheader]", state="attached", timeout=60_000)
        page.locator(grid).first.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        shot(page, name_of(path, query, size, "table"))
        shown = page.evaluate(VISIBLE_HEADERS, grid)
        record("table-key-columns", page=path, size=size, visible_headers=shown)
        missing = [c for c in key_columns if c not in (shown or [])]
        assert not missing, f"{missing} not in view at {size} (headers in view: {shown})"


def presenter_steps(page) -> int:
    text = page.get_by_text(re.compile(r"^Step \d+ of \d+")).first.inner_text()
    return int(re.search(r"of (\d+)", text).group(1))


# Font sizes of the text drawn in the charts (axis labels, legend, titles, notes).
CHART_TEXT = """() => Array.from(document.querySelectorAll('.js-plotly-plot svg text'))
    .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
    .map(t => [t.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(t).fontSize)])"""
MAIN_SCROLL = """() => { const m = document.querySelector('[data-testid=stMain]');
    return {scrollHeight: m.scrollHeight, clientHeight: m.clientHeight, scrollWidth: m.scrollWidth, clientWidth: m.clientWidth}; }"""


@pytest.mark.parametrize("size", ["projector", "big-projector"])
def test_every_presenter_step_fits_the_screen_with_large_chart_text(browser, real_server, size):  # noqa: F811
    with Visit(browser, real_server, **SIZES[size]) as v:
        page = open_view(v, "Classroom", "?mode=present&step=1", 1)
        n = presenter_steps(page)
        problems = []
        for step in range(1, n + 1):
            if step > 1:
                page.get_by_role("button", name="Next ▶").click()
                page.wait_for_function("k => document.body.innerText.includes(`Step ${k} of`)", arg=step, timeout=30_000)
                v.wait_idle()
                page.wait_for_function(
                    "() => Array.from(document.querySelectorAll('.js-plotly-plot')).some(e => e._fullLayout)", timeout=30_000
                )
                page.wait_for_timeout(300)
            shot(page, name_of("Classroom", f"present-step-{step}", size))
            box = page.evaluate(MAIN_SCROLL)
            texts = page.evaluate(CHART_TEXT)
            smallest = min((s for _, s in texts), default=0)
            record("presenter", size=size, step=step, **box, smallest_chart_text=smallest)
            if box["scrollHeight"] > box["clientHeight"] + TOLERANCE:
                problems.append(f"step {step}: the page scrolls ({box['scrollHeight']} px of content in {box['clientHeight']} px)")
            problems += [f"step {step}: {p}" for p in page.evaluate(TEXT_PROBLEMS)]
            if smallest < MIN_PRESENTER_TEXT:
                small = sorted({t for t, s in texts if s < MIN_PRESENTER_TEXT})[:5]
                problems.append(f"step {step}: chart text {smallest:g} px (< {MIN_PRESENTER_TEXT}): {small}")
        assert n >= 5 and not problems, "\n".join(problems)


NAMED = {"white": "#ffffff", "black": "#000000", "transparent": "rgba(0, 0, 0, 0)"}


def _rgb(css: str) -> tuple[float, float, float, float]:
    css = NAMED.get(css.strip().lower(), css.strip())
    nums = [float(x) for x in re.findall(r"[\d.]+", css)]
    if css.startswith("#"):
        h = css.lstrip("#")
        h = "".join(c * 2 for c in h) if len(h) == 3 else h
        nums = [int(h[i : i + 2], 16) for i in (0, 2, 4)]
    r, g, b, *a = nums + [1.0]
    return r, g, b, a[0]


def luminance(css: str) -> float:
    def lin(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b, _ = _rgb(css)
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


DARK_VIEWS = [("", "", 1), ("Legality", "", 1), ("Claims", "", 0)]


@pytest.mark.parametrize("path,query,charts", DARK_VIEWS, ids=[name_of(p, q, "") for p, q, _ in DARK_VIEWS])
def test_dark_mode_draws_the_page_and_its_charts_dark(browser, real_server, path, query, charts):  # noqa: F811
    with Visit(browser, real_server, color_scheme="dark", **LAPTOP) as v:
        page = open_view(v, path, query, charts)
        shot(page, name_of(path, query, "laptop", "dark"))
        app = page.evaluate("() => getComputedStyle(document.querySelector('.stApp')).backgroundColor")
        papers = page.evaluate(
            "() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(e => [e._fullLayout.paper_bgcolor, e._fullLayout.plot_bgcolor])"
        )
        record("dark", page=name_of(path, query, ""), app=app, papers=papers)
        assert luminance(app) < 0.05, f"the page background is {app} in dark mode"
        for paper, plot in papers:
            for colour in (paper, plot or paper):  # a map has no plot background: its paper is what shows
                seen = app if _rgb(colour)[3] == 0 else colour  # a transparent paper shows the page behind it
                assert luminance(seen) < 0.1, f"a chart is drawn on {colour} in dark mode"
        if not charts:  # a table's cells: the grid draws on a canvas in the theme's colours
            page.wait_for_selector("[data-testid=stDataFrame] canvas", timeout=60_000)
            box = page.locator("[data-testid=stDataFrame]").first.bounding_box()
            pixel = page.evaluate(
                """([x, y]) => { const c = document.querySelector('[data-testid=stDataFrame] canvas');
                   const r = c.getBoundingClientRect(); const k = c.width / r.width;
                   const d = c.getContext('2d').getImageData((x - r.left) * k, (y - r.top) * k, 1, 1).data;
                   return `rgba(${d[0]}, ${d[1]}, ${d[2]}, ${d[3] / 255})`; }""",
                [box["x"] + box["width"] - 20, box["y"] + 60],
            )
            assert luminance(pixel) < 0.1, f"the table is drawn on {pixel} in dark mode"


# The focused element's ring: its own outline, or that of the box around it (a text field's frame).
FOCUS = """() => { const e = document.activeElement; if (!e || e === document.body) return null;
    let r = e;
    for (let k = 0; k < 5 && r && r !== document.body; k++, r = r.parentElement) {
        const s = getComputedStyle(r);
        if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) break;
    }
    if (!r || r === document.body) r = e;
    const s = getComputedStyle(r), b = r.getBoundingClientRect();
    return {tag: e.tagName, ring: r.tagName, text: (e.innerText || e.getAttribute('aria-label') || '').slice(0, 40),
            style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor,
            in_view: b.width > 0 && b.height > 0}; }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_shows_a_clear_ring(browser, real_server, scheme):  # noqa: F811
    with Visit(browser, real_server, color_scheme=scheme, **PROJECTOR) as v:
        page = open_view(v, "Claims", "", 0)
        page.locator("h1").first.click()  # start from the page, as a reader who clicked into it
        rings = []
        for _ in range(6):
            page.keyboard.press("Tab")
            page.wait_for_timeout(150)
            f = page.evaluate(FOCUS)
            if f:
                rings.append(f)
        shot(page, name_of("Claims", "focus", "projector", scheme))
        record("focus", scheme=scheme, rings=rings)
        app = page.evaluate("() => getComputedStyle(document.querySelector('.stApp')).backgroundColor")
        assert rings, "Tab moved the focus nowhere"
        for f in rings:
            assert f["style"] != "none" and f["width"] >= 2, f"no visible focus ring on {f}"
            lighter, darker = sorted([luminance(f["color"]), luminance(app)], reverse=True)
            assert (lighter + 0.05) / (darker + 0.05) >= 3, f"focus ring {f['color']} on {app}: contrast below 3:1"


FOCUSED = """() => { const a = document.activeElement;
  return {label: (a.getAttribute('aria-label') || a.innerText || '').trim(), inside: !!a.closest('[data-testid=stPopoverBody]')}; }"""


def test_the_filters_open_from_the_keyboard_with_the_focus_inside(browser, real_server):  # noqa: F811
    with Visit(browser, real_server, **LAPTOP) as v:
        # an old-form link: the page reruns once on arrival to rewrite it, and still installs the script
        page = open_view(v, "Evidence", "?verdict=contradicted", 1)
        page.wait_for_function("() => window.__claimcheckFiltersFocus === true", timeout=30_000)
        page.locator("[data-testid=stSidebar] [data-testid=stPopover] button").first.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => !!document.activeElement.closest('[data-testid=stPopoverBody]')", timeout=10_000)
        seen = [page.evaluate(FOCUSED)]
        for _ in range(4):
            page.keyboard.press("Tab")
            page.wait_for_timeout(100)
            seen.append(page.evaluate(FOCUSED))
        record("filters-keyboard", focus=seen)
        assert all(f["inside"] for f in seen), f"the focus left the filters: {seen}"
        assert {"Article", "Topic"} <= {f["label"] for f in seen}, f"Tab does not reach the filter boxes: {seen}"


# The lists behind the charts (the keyboard's way to what a mark opens): page, query, button, a choice typed, what opens
LISTS = [
    ("Legality", "?place=THA", "Choose a place from a list", "Germany", "h4", "place"),
    ("Evidence", "", "Open a cell from a list", "Pain relief", "strong", "cell"),
]


@pytest.mark.parametrize("path,query,button,typed,shown,param", LISTS, ids=[p for p, *_ in LISTS])
def test_a_list_behind_a_chart_opens_from_the_keyboard_and_its_choice_opens_the_record(
    browser,  # noqa: F811
    real_server,  # noqa: F811
    path,
    query,
    button,
    typed,
    shown,
    param,
):
    with Visit(browser, real_server, **LAPTOP) as v:
        # an old-form link (?place=THA) reruns the page once to rewrite it, after the frame is drawn: the script is still installed
        page = open_view(v, path, query, 1)
        page.wait_for_function("() => window.__claimcheckFiltersFocus === true", timeout=30_000)
        v.wait_idle()  # a rerun still drawing the page would redraw the list under the keys
        page.get_by_role("button", name=button).focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => !!document.activeElement.closest('[data-testid=stPopoverBody]')", timeout=10_000)
        page.keyboard.type(typed)
        page.wait_for_function(  # the list narrows to the typed text, as the reader sees before pressing Enter
            "t => { const o = [...document.querySelectorAll('[role=option]')]; return o.length && o.every(x => x.innerText.includes(t)); }",
            arg=typed,
            timeout=10_000,
        )
        page.keyboard.press("Enter")
        shown_js = "([sel, t]) => [...document.querySelectorAll('[data-testid=stMain] ' + sel)].some(e => e.innerText.startsWith(t))"
        try:
            page.wait_for_function(shown_js, arg=[shown, typed], timeout=30_000)
        except Exception as e:  # say what the reader had on the screen instead
            state = page.evaluate(
                "() => [location.href, [...document.querySelectorAll('input')].map(i => i.getAttribute('aria-label') + '=' + i.value)]"
            )
            raise AssertionError(f"the choice '{typed}' did not open its record; page state: {state}") from e
        assert f"{param}=" in page.url, f"the choice is not in the link: {page.url}"
        page.keyboard.press("Escape")  # closes the list; the record stays
        page.wait_for_function("() => !document.querySelector('[data-testid=stPopoverBody]')", timeout=10_000)
        v.wait_idle()
        assert page.evaluate(shown_js, [shown, typed]), "closing the list closed the record"
        assert page.evaluate("() => document.activeElement.getAttribute('data-testid')") == "stPopoverButton", (
            "the focus is lost after the list closes"
        )
        shot(page, name_of(path, "list", "laptop"))


def test_an_embedded_app_gives_the_page_its_width(browser, real_server):  # noqa: F811
    with Visit(browser, real_server, viewport={"width": 1280, "height": 800}) as v:
        v.page.set_content(f'<iframe title="dashboard" src="{real_server}/?embed=true" width="900" height="760" style="border:0"></iframe>')
        frame = v.page.frame_locator("iframe")
        frame.locator("h1").first.wait_for(timeout=60_000)
        frame.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
        v.page.wait_for_timeout(1000)
        shot(v.page, "Overview-embed-900")
        main = frame.locator("[data-testid=stMain]").first.bounding_box()
        cover = v.page.frames[1].evaluate(SIDEBAR_COVER)
        record("embed", main_width=main["width"], sidebar_cover=cover)
        assert main["width"] >= 0.8 * 900, f"the page gets {main['width']:.0f} of 900 px; the sidebar covers {cover}"
        # the filters are still offered: in the "Pages and filters" panel, behind its Filters button
        frame.get_by_text("Pages and filters").first.click()
        frame.get_by_role("button", name="Filters").first.click()
        frame.get_by_text("Verdict", exact=True).first.wait_for(timeout=30_000)
        assert frame.get_by_text("Verdict", exact=True).count() >= 1, "the filters are still offered"


def test_a_link_between_views_keeps_the_filters(browser, real_server):  # noqa: F811
    with Visit(browser, real_server, **LAPTOP) as v:
        page = open_view(v, "Claims", "?verdict=contradicted&claim=C037", 0)
        page.wait_for_selector("h4", timeout=60_000)
        link = page.locator("[data-testid=stMain] a", has_text="Quiz on this claim").first
        href = link.get_attribute("href")
        link.click()
        page.wait_for_function("() => location.pathname.endsWith('/Classroom')", timeout=30_000)
        v.wait_idle()
        page.wait_for_timeout(500)
        shot(page, "Classroom-after-link-laptop")
        sidebar = page.locator("[data-testid=stSidebar]")
        record("link-keeps-filters", href=href, url=page.url)
        assert "verdict=Contradicted" in href, f"the link does not carry the filter: {href}"
        assert sidebar.get_by_text("Contradicted").count() >= 1, "the verdict filter was dropped"
        assert page.get_by_text(re.compile(r"^Claim to rate")).count() == 1, "the link did not open the quiz"


@pytest.mark.parametrize("screen", ["phone", "projector"])
def test_every_headline_number_shows_its_whole_label(browser, real_server, screen):  # noqa: F811
    """A headline number's label says what it counts; cut to "Judged supported, with a …" it said more than it counted."""
    with Visit(browser, real_server, **(PHONE if screen == "phone" else PROJECTOR)) as v:
        page = open_view(v, "", "", 1)
        labels = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid=stMetricLabel]')].map(e => {
                const cut = [e, ...e.querySelectorAll('*')].some(x => x.scrollWidth > x.clientWidth + 1 || x.scrollHeight > x.clientHeight + 1);
                return [e.innerText.trim(), cut];
            })"""
        )
        assert len(labels) >= 4, labels
        assert not [t for t, cut in labels if cut], f"labels cut off on the {screen}: {labels}"


def test_a_closed_sidebar_takes_no_keyboard_stops(browser, real_server):  # noqa: F811
    """With the sidebar closed, Tab goes from the page's first control to the page, not through invisible links."""
    with Visit(browser, real_server, **PROJECTOR) as v:
        page = open_view(v, "Claims", "", 0)
        v.wait_idle()
        page.evaluate("() => document.querySelector('button[aria-label=\"Collapse sidebar\"]').click()")
        page.wait_for_function("() => document.querySelector('[data-testid=stSidebar]').getAttribute('data-collapsed') === 'true'")
        page.wait_for_timeout(600)
        page.evaluate("() => document.activeElement.blur()")
        stops = []
        for _ in range(8):
            page.keyboard.press("Tab")
            stops.append(
                page.evaluate(
                    "() => { const e = document.activeElement, r = e.getBoundingClientRect();"
                    " return [(e.innerText || e.getAttribute('aria-label') || e.tagName).trim().slice(0, 30), r.right > 0 && r.width > 0]; }"
                )
            )
        assert all(seen for _, seen in stops), f"Tab stops the reader cannot see: {[name for name, seen in stops if not seen]}"
        # and the sidebar opens again with its links
        page.evaluate("() => document.querySelector('button[aria-label=\"Expand sidebar\"]').click()")
        page.get_by_role("link", name=re.compile("Overview")).first.wait_for(state="visible", timeout=10_000)


@pytest.mark.parametrize(
    "query,button,then",
    [("?mode=present&step=9", "Next ▶", "◀ Previous"), ("", "Next claim ▶", "Next claim ▶")],
    ids=["presenter-last-step", "quiz-next-claim"],
)
def test_a_button_pressed_from_the_keyboard_keeps_the_focus_near(browser, real_server, query, button, then):  # noqa: F811
    """Next on the last step disables itself and "Next claim" is redrawn: the focus stays on the row, not on the page's body."""
    with Visit(browser, real_server, **PROJECTOR) as v:
        page = open_view(v, "Classroom", query, 1 if query else 0)
        page.wait_for_function("() => window.__claimcheckFiltersFocus === true", timeout=30_000)
        v.wait_idle()
        page.get_by_role("button", name=button).focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(500)
        v.wait_idle()
        page.wait_for_function("t => (document.activeElement.innerText || '').trim() === t", arg=then, timeout=10_000)


def _spotlight_claims() -> list[str]:
    """Claims whose spotlight slide is hardest to fit: the longest first quote, the longest reason, and one not graded."""
    claims = yaml.safe_load((REAL / "claims.yaml").read_text(encoding="utf-8"))
    longest_quote = max(claims, key=lambda c: len((c.get("quotes") or [{}])[0].get("text", "")))
    longest_reason = max(claims, key=lambda c: len(str(c.get("rationale", "")).split(". ")[0]))
    ungraded = next(c for c in claims if not c.get("certainty"))
    return list(dict.fromkeys(c["id"] for c in (longest_quote, longest_reason, ungraded)))


@pytest.mark.parametrize("claim", _spotlight_claims())
def test_a_spotlight_slide_fits_the_projector(browser, real_server, claim):  # noqa: F811
    """The slide a teacher opens on one claim (&claim=) fits 1280x720 and draws its chart, graded or not."""
    with Visit(browser, real_server, **PROJECTOR) as v:
        page = open_view(v, "Classroom", f"?mode=present&claim={claim}", 1)
        v.wait_idle()
        page.get_by_text(f"One claim: {claim}").first.wait_for(timeout=30_000)
        box = page.evaluate(MAIN_SCROLL)
        shot(page, name_of("Classroom", f"spotlight-{claim}", "projector"))
        assert box["scrollHeight"] <= box["clientHeight"] + TOLERANCE, f"{claim}: {box}"
        assert page.locator("[data-testid=stException]").count() == 0
        assert page.get_by_text("Nothing matches the current filters").count() == 0, "no filter is on: the chart must not say so"
