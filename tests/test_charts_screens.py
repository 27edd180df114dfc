"""Charts on every screen: what the built figures draw, checked against counts from the data files.

Phone (legends and labels never take the plot's width), presenter and dark mode (themed),
exports (caveats inside the figure), maps (every status its own symbol, nothing hidden),
overlapping marks, and the harm figures (bars per panel, labels, gaps between years).
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import re

import pytest
import yaml

from claimcheck import charts as C
from claimcheck import domain as D
from claimcheck import figures as F
from claimcheck import labels as L
from claimcheck import marks
from claimcheck.dataset import load_dataset

from .conftest import REAL

TODAY = dt.date.today()


def _yaml(name: str):
    with open(REAL / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or []


def _csv(name: str) -> list[dict]:
    with open(REAL / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _plain(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text or "").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").split())


@pytest.fixture(scope="module")
def ds():
    return load_dataset(REAL)


@pytest.fixture(scope="module")
def v(ds):
    from claimcheck.views import build_views

    return build_views(ds, "test")


# Every named figure, with the arguments its page gives it.
def _all_figures(v):
    kinds = sorted({r["data_kind"] for r in _csv("harm_figures.csv")})
    calls = [("hype_gap", (D.Filters(),)), ("claims_by_article", (D.Filters(),)), ("design_ladder", (D.Filters(),))]
    calls += [("evidence_map", (D.Filters(),)), ("harm_warnings", ()), ("harms_by_year", ()), ("legal_timeline", ())]
    calls += [("harm_panels", (k,)) for k in kinds]
    calls += [(f"{r}_map", (TODAY.year, s, TODAY)) for r in ("world", "us") for s in ("leaf", "7oh")]
    return [(name, args, F.FIGURES[name](v, *args)) for name, args in calls]


@pytest.fixture(scope="module")
def built(v):
    return _all_figures(v)


# --- phone: the plot keeps the width ------------------------------------------------------
def test_legends_run_in_rows_under_the_plot_and_labels_never_take_its_width(built):
    for name, _, fig in built:
        lay = fig.layout
        assert lay.legend.orientation == "h" and lay.legend.yref == "container" and lay.legend.y == 0, name
        assert (lay.margin.l or 0) + (lay.margin.r or 0) <= 90, name
        for axis in [k for k in lay.to_plotly_json() if k.startswith("yaxis")]:
            y = lay[axis]
            if y.showticklabels is False:
                continue
            ticks = [_plain(str(t)) for t in (y.ticktext or [])]
            # a 390 px phone leaves 280 px for the plot only if tick labels are short
            assert all(len(t) <= 12 for t in ticks), (name, ticks)
            if not y.ticktext:
                assert y.type != "category", f"{name}: category labels on the side would squeeze the plot"


def test_row_labels_sit_above_their_rows_and_name_every_row_from_the_data(built):
    by_name = {n: f for n, _, f in built}
    topics = [t["label"] for t in _csv("topics.csv")]
    labels = {_plain(a.text) for a in by_name["evidence_map"].layout.annotations if a.yref == "y"}
    assert labels == {t for t in topics if t in labels} and len(labels) == len(by_name["evidence_map"].layout.yaxis.categoryarray)
    harms = {h["name"] for h in _yaml("harms.yaml")}
    grid = [_plain(a.text) for a in by_name["harm_warnings"].layout.annotations if a.yref == "y"]
    assert grid and all(any(g.startswith(h) for h in harms) for g in grid)


# --- exports: the caveats travel with the picture -----------------------------------------
def test_every_named_figure_carries_its_sources_and_limits_inside_it(built):
    captions = yaml.safe_load((REAL.parent / "claimcheck" / "texts" / "captions.yaml").read_text(encoding="utf-8"))
    key = {"hype_gap": "overview.hype", "claims_by_article": "claims.by_article", "design_ladder": "evidence.ladder",
           "evidence_map": "evidence.matrix", "harm_warnings": "harms.mentions", "harms_by_year": "harms.by_year",
           "harm_panels": "harms.panels", "world_map": "legality.world", "us_map": "legality.us", "legal_timeline": "legality.timeline"}  # fmt: skip
    for name, _, fig in built:
        sub = _plain(fig.layout.title.subtitle.text)
        assert sub.startswith("Sources:") and "What this does not show:" in sub, name
        entry = captions[key[name]]
        for field in ("sources", "not_shown"):
            fixed = re.split(r"\{[a-z_]+\}", " ".join(entry[field].split()))[0][:40]
            assert fixed in sub, (name, field)
        assert fig.layout.title.text, "the title stays"
        assert fig.layout.title.subtitle.font.size <= 13


def test_harm_panels_name_their_sources_from_the_file(built):
    rows = _csv("harm_figures.csv")
    for name, args, fig in built:
        if name == "harm_panels":
            sources = {r["source_label"] for r in rows if r["data_kind"] == args[0]}
            sub = _plain(fig.layout.title.subtitle.text)
            assert all(_plain(s) in sub for s in sources), args


# --- dark mode and the presenter ----------------------------------------------------------
def _font_sizes(fig) -> list[float]:
    lay = fig.layout
    sizes = [lay.font.size, lay.title.font.size, lay.title.subtitle.font.size]
    sizes += [a.font.size for a in lay.annotations]
    for axis in [k for k in lay.to_plotly_json() if k.startswith(("xaxis", "yaxis"))]:
        sizes += [lay[axis].tickfont.size]
    sizes += [tr.textfont.size for tr in fig.data if getattr(tr, "textfont", None) is not None]
    return [s for s in sizes if s]


def test_presenter_scale_makes_all_chart_text_at_least_18_px_and_leaves_the_original(built):
    for name, _, fig in built:
        before = fig.to_json()
        big = C.themed(fig, dark=False, scale=1.5)
        assert min(_font_sizes(big)) >= 18, name
        assert fig.to_json() == before, "cached figures are shared: themed draws a copy"
    assert C.themed(built[0][2], scale=1.5, height=700).layout.height == 700


def test_dark_theme_draws_on_the_dark_page_with_light_text(built):
    for name, _, fig in built:
        dark = C.themed(fig, dark=True)
        assert dark.layout.paper_bgcolor == "#0E1117" and dark.layout.font.color == "#FAFAFA", name
        for axis in [k for k in dark.layout.to_plotly_json() if k.startswith(("xaxis", "yaxis"))]:
            assert dark.layout[axis].gridcolor == "#262730"
        for tr in dark.data:
            line = getattr(getattr(tr, "marker", None), "line", None)
            assert getattr(line, "color", None) not in ("#222222", "#333333", "#222"), f"{name}: dark outline on a dark page"
    light = C.themed(built[0][2], dark=False)
    assert light.layout.paper_bgcolor != "#0E1117"


# --- overlapping marks ---------------------------------------------------------------------
def test_overview_draws_every_rated_claim_and_no_mark_sits_on_another(built):
    fig = dict((n, f) for n, _, f in built)["hype_gap"]
    expected = collections.Counter(
        (c["assertiveness"], c["certainty"], c["verdict"]) for c in _yaml("claims.yaml") if c.get("certainty") and c.get("assertiveness")
    )
    shown, points = collections.Counter(), []
    claims = {c["id"]: c for c in _yaml("claims.yaml")}
    for tr in fig.data:
        for (ident, n, *members), x, y, text in zip(tr.customdata or [], tr.x, tr.y, tr.text or []):
            mark = marks.decode(ident)
            if mark.kind == "claim":
                c = claims[mark.key]
                shown[(c["assertiveness"], c["certainty"], c["verdict"])] += 1
                assert n == 1 and text == ""
            else:
                assert mark.kind == "group" and text == str(n) and n > 1, "a group shows its count"
                assert [tuple(claims[m][k] for k in ("assertiveness", "certainty", "verdict")) for m in members[0]] == [mark.parts] * n
                shown[mark.parts] += n
            points.append((round(x, 6), round(y, 6)))
    assert shown == expected
    assert len(points) == len(set(points)), "two marks on one spot"
    for (x1, y1), (x2, y2) in [(p, q) for i, p in enumerate(points) for q in points[i + 1 :]]:
        assert y1 != y2 or abs(x1 - x2) >= 0.2


def test_evidence_map_spreads_the_marks_of_a_cell_and_counts_published_studies(built):
    fig = dict((n, f) for n, _, f in built)["evidence_map"]
    studies = {s["id"]: s for s in _yaml("studies.yaml")}
    topic_of = {c["id"]: c["topic"] for c in _yaml("claims.yaml")}
    expected: dict[tuple, set] = {}
    for link in _csv("claim_studies.csv"):
        study = studies[link["study_id"]]
        if study["status"] == "published":
            expected.setdefault((topic_of[link["claim_id"]], study["design"], link["direction"]), set()).add(study["id"])
    words = {w: k for k, w in L.DIRECTION.items()}
    shown, xs_in_cell = {}, collections.defaultdict(list)
    for tr in fig.data:
        if tr.name == C.GAP:
            continue
        for (ident, n, *_), x in zip(tr.customdata, tr.x):
            topic, design = marks.decode(ident, "cell").parts
            shown[(topic, design, words[tr.name])] = n
            xs_in_cell[(topic, design)].append(x)
    assert shown == {k: len(s) for k, s in expected.items()}
    crowded = [xs for xs in xs_in_cell.values() if len(xs) > 1]
    assert crowded, "the data has cells with several directions"
    for xs in crowded:
        xs = sorted(xs)
        assert all(b - a >= 0.19 for a, b in zip(xs, xs[1:])), "marks of one cell are spread apart"


def test_gap_and_no_bearing_have_different_symbols(built):
    fig = dict((n, f) for n, _, f in built)["evidence_map"]
    symbols = {tr.name: tr.marker.symbol for tr in fig.data if tr.mode and "markers" in tr.mode}
    assert symbols[C.GAP] != symbols["No bearing"]
    assert len(set(symbols.values())) == len(symbols)


# --- maps ----------------------------------------------------------------------------------
def _in_force(rows, levels, scope):
    out = {}
    for r in rows:
        if r["level"] in levels and r["scope"] == scope:
            start = dt.date.fromisoformat((r["start"] + "-01-01")[:10]) if r["start"] else dt.date.min
            end = dt.date.fromisoformat((r["end"] + "-01-01")[:10]) if r["end"] else dt.date.max
            if start <= TODAY < end:
                out[r["code"]] = r["status"]
    return out


def test_every_legal_status_has_its_own_symbol_on_the_maps(built):
    assert len(set(L.LEGAL_STATUS_SYMBOL.values())) == len(L.LEGAL_STATUS_SYMBOL)
    assert L.LEGAL_STATUS_SYMBOL["Unclear"] != L.LEGAL_STATUS_SYMBOL["No specific law"]
    for name, _, fig in built:
        if name.endswith("_map"):
            geo = [tr for tr in fig.data if tr.type == "scattergeo" and tr.name in L.LEGAL_STATUS_COLOUR]
            assert len({tr.marker.symbol for tr in geo}) == len(geo), name


def test_local_rules_star_is_drawn_under_each_state_symbol_it_marks(built):
    rows = _csv("legality.csv")
    for name, args, fig in built:
        if name != "us_map":
            continue
        local_states = {code.split(":")[0].split("-")[1] for code in _in_force(rows, ("local",), args[1])}
        stars = [i for i, tr in enumerate(fig.data) if tr.type == "scattergeo" and tr.name == C.LOCAL_RULES]
        statuses = [i for i, tr in enumerate(fig.data) if tr.type == "scattergeo" and tr.name in L.LEGAL_STATUS_COLOUR]
        if not local_states:
            assert not stars
            continue
        (star,) = stars
        assert set(fig.data[star].locations) == local_states, args
        assert star < min(statuses), "drawn first, so the state's own symbol sits on top"
        assert fig.data[star].marker.size > max(fig.data[i].marker.size for i in statuses), "and larger, so it frames it"
        states = _in_force(rows, ("state",), args[1])
        on_top = {loc for i in statuses for loc in fig.data[i].locations}
        assert local_states & set(states) <= on_top, "every starred state with a status keeps its symbol"


def test_world_map_shows_the_whole_world_centred_on_greenwich(built):
    for name, args, fig in built:
        if name == "world_map":
            geo = fig.layout.geo
            assert geo.projection.type == "natural earth" and geo.projection.rotation.lon == 0, args
            assert list(geo.lonaxis.range) == [-180, 180] and geo.fitbounds is False, args


# --- harm figures --------------------------------------------------------------------------
def _panel_bars(fig):
    return [tr for tr in fig.data if tr.type == "bar"]


def test_harm_panels_draw_at_most_15_bars_the_largest_and_say_how_many_are_left(built):
    rows = _csv("harm_figures.csv")
    for name, args, fig in built:
        if name != "harm_panels":
            continue
        units = [u for u in C.harms.UNIT_AXIS if any(r["data_kind"] == args[0] and r["unit"] == u for r in rows)]
        bars = _panel_bars(fig)
        headings = [_plain(a.text) for a in fig.layout.annotations if a.yref == "paper"] or [_plain(fig.layout.title.text)]
        for unit, tr, heading in zip(units, bars, headings):
            values = sorted((float(r["value"]) for r in rows if r["data_kind"] == args[0] and r["unit"] == unit), reverse=True)
            assert len(tr.x) == min(C.PANEL_BARS, len(values)), (args, unit)
            assert sorted(tr.x, reverse=True) == values[: C.PANEL_BARS]
            if len(values) > C.PANEL_BARS:
                assert f"{len(values) - C.PANEL_BARS} more" in heading and f"of {len(values)}" in heading


def test_harm_bar_labels_are_distinct_and_each_carries_its_denominator(built):
    rows = {r["id"]: r for r in _csv("harm_figures.csv")}
    for name, _args, fig in built:
        if name != "harm_panels":
            continue
        for tr in _panel_bars(fig):
            axis = fig.layout["yaxis" + (tr.yaxis or "y")[1:]]
            label = dict(zip(axis.tickvals, (_plain(t) for t in axis.ticktext)))
            shown = [label[i] for i in tr.y]
            assert len(set(shown)) == len(shown), "no two bars read the same"
            for fid, text in zip(tr.y, shown):
                d = rows[fid]["denominator"]
                assert (f"n = {int(float(d)):,}" in text) if d else ("no denominator" in text), text


def test_by_year_lines_are_broken_where_a_year_is_missing(built):
    fig = dict((n, f) for n, _, f in built)["harms_by_year"]
    years: dict[str, dict[int, float]] = collections.defaultdict(dict)
    for r in _csv("harm_figures.csv"):
        if r["data_kind"] == "poison_centre_exposures" and r["unit"] == "count" and re.fullmatch(r"\d{4}", r["period"]):
            years[r["source_label"]][int(r["period"])] = float(r["value"])
    assert len(fig.data) == len(years)
    for tr in fig.data:
        (source,) = [s for s in years if _plain(tr.name) == _plain(s)]
        got = dict(zip(tr.x, tr.y))
        have = years[source]
        assert {y: v for y, v in got.items() if v is not None} == have
        assert [y for y, v in got.items() if v is None] == [y for y in range(min(have), max(have)) if y not in have]
        assert tr.connectgaps is False


# --- the presenter's summary charts, counted from the data files --------------------------
def test_slide_of_warnings_counts_each_severity_from_the_harms_file(v):
    harms = [h for h in yaml.safe_load((REAL / "harms.yaml").read_text()) if not h.get("summary_row")]
    warned = lambda h: any(m.get("stance", "warns") == "warns" for m in h.get("mentions") or [])  # noqa: E731
    denied = lambda h: not warned(h) and any(m.get("stance") == "downplays" for m in h.get("mentions") or [])  # noqa: E731
    fig = C.warnings_by_severity(v.harm_mentions, 5)
    bars = {t.name: dict(zip(t.y, t.x)) for t in fig.data}
    names = {"mild": "Mild", "moderate": "Moderate", "serious": "Serious", "life_threatening": "Life-threatening"}
    for sev, name in names.items():
        mine = [h for h in harms if h["severity"] == sev]
        assert bars["Warned of"][name] == sum(map(warned, mine)), sev
        assert bars["Only denied or minimised"][name] == sum(map(denied, mine)), sev
        assert bars["Never mentioned"][name] == sum(1 for h in mine if not h.get("mentions")), sev
    assert list(fig.data[0].y) == ["Life-threatening", "Serious", "Moderate", "Mild"], "most severe first"
    assert "in at least one of the 5 articles" in _plain(fig.layout.title.text), "the title says what 'warned of' means"


def test_slide_of_best_evidence_counts_topics_from_the_claims_and_studies_files(ds, v):
    claims = {c["id"]: c["topic"] for c in yaml.safe_load((REAL / "claims.yaml").read_text())}
    studies = {s["id"]: s for s in yaml.safe_load((REAL / "studies.yaml").read_text())}
    tiers = [
        ("systematic_review", "rct"),
        ("observational", "case_report"),
        ("animal", "in_vitro"),
        ("product_analysis", "regulatory", "traditional"),
    ]
    best: dict[str, int] = {}
    for link in _csv("claim_studies.csv"):
        study = studies.get(link["study_id"])
        if study is None or study.get("status", "published") != "published" or link["claim_id"] not in claims:
            continue
        rank = next(n for n, designs in enumerate(tiers) if study["design"] in designs)
        topic = claims[link["claim_id"]]
        best[topic] = min(best.get(topic, 9), rank)
    topics = [t["id"] for t in _csv("topics.csv")]
    expected = [sum(1 for t in topics if best.get(t) == n) for n in range(4)] + [sum(1 for t in topics if t not in best)]
    fig = C.best_evidence_by_topic(v.links, ds["topics"])
    assert list(fig.data[0].x) == expected
    assert sum(fig.data[0].x) == len(topics)


def test_slide_bar_values_print_inside_the_picture(v):
    """A count printed past the longest bar on a slide is drawn in the figure's margin, not cut off at the plot's edge."""
    from claimcheck.story import story

    verdicts = collections.Counter(c.get("verdict") for c in _yaml("claims.yaml") if c.get("verdict"))
    checked = 0
    for step in story(v, dt.date.today()):
        fig = C.themed(C.for_slide(step.figure), dark=False, scale=1.5, height=400)
        for original, t in zip(step.figure.data, fig.data):  # the values as built; the slide copy holds them encoded
            if t.type != "bar" or t.textposition != "outside":
                continue
            longest = max(len(f"{int(x)}") for x in original.x)
            size = (t.textfont.size if t.textfont and t.textfont.size else None) or fig.layout.font.size
            assert t.cliponaxis is False, step.key
            assert fig.layout.margin.r >= 0.6 * size * longest, (step.key, fig.layout.margin.r, size, longest)
            checked += 1
    assert checked, "no slide draws bars with their values outside"
    assert max(verdicts.values()) >= 10, "the verdict slide's longest value has two digits"
