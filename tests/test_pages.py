"""Every page in AppTest: a value a user would see, and one interaction."""

from __future__ import annotations

import base64
import csv
import json
import re

import numpy as np
import pandas as pd
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from claimcheck import domain as D
from claimcheck.dataset import load_dataset
from claimcheck.sitemap import PAGES

from .conftest import REAL, edit

TIMEOUT = 60


def open_page(page: str | None = None, data=None, monkeypatch=None, query: dict | None = None) -> AppTest:
    if data is not None:
        monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(data))
    at = AppTest.from_file("../dashboard.py", default_timeout=TIMEOUT)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    if page:
        # Before the first run, so the page opens with the link's parameters (AppTest reads them once, on the first run).
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def numbers(values) -> list:
    """A trace's values, whether plain JSON or plotly's typed-array encoding."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def fig_titles(at: AppTest) -> list[str]:
    # as a reader reads them: a title wrapped to fit a phone (<br>) is one line of text
    return [f["layout"].get("title", {}).get("text", "").replace("<br>", " ") for f in figures(at)]


@pytest.fixture(scope="module")
def real():
    return load_dataset(REAL)


def table(at: AppTest, column: str):
    """The first table on the page with this column (charts' text-alternative tables come and go)."""
    for df in at.dataframe:
        if column in df.value.columns:
            return df.value
    raise AssertionError(f"no table with a {column!r} column")


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def bound(widget) -> str:
    """The URL parameter a control is bound to (Streamlit keeps its value in the link; the browser tests read the link)."""
    return widget.proto.query_param_key


def test_overview_counts_claims_and_filters_by_verdict(real):
    at = open_page()
    assert metric(at, "Claims found in the articles") == str(len(real["claims"]))
    assert "How sure do the articles sound" in fig_titles(at)[0]
    at.sidebar.multiselect(key="verdict").set_value(["contradicted"]).run()
    assert metric(at, "Claims found in the articles") == str(int((real["claims"]["verdict"] == "contradicted").sum()))
    assert bound(at.sidebar.multiselect(key="verdict")) == "verdict"


def test_overview_opens_the_claim_named_in_the_url(real):
    at = open_page(query={"claim": "C076"})
    assert any("C076" in m.value for m in at.markdown)
    assert any("randomized" in m.value.lower() for m in at.markdown)


@pytest.mark.parametrize("script", [None, "pages/1_Claims.py"])
def test_a_claim_link_in_the_form_the_address_bar_keeps_opens_it_without_a_false_notice(script):
    # the bound list writes "id · statement" into the link; a copied or reloaded link carries that form
    with open(REAL / "claims.yaml", encoding="utf-8") as fh:
        claims = yaml.safe_load(fh)
    for claim in (claims[0], claims[-1]):
        at = open_page(script, query={"claim": f"{claim['id']} · {claim['statement'][:90]}"})
        said = [n.value for n in at.info] + [w.value for w in at.warning]
        assert not [x for x in said if "no claim" in x.lower() or "left out" in x], f"a false notice for {claim['id']}: {said}"
        assert any(claim["id"] in m.value and "####" in m.value for m in at.markdown), f"{claim['id']}'s card is not open"


def test_claims_page_lists_all_claims_and_search_narrows(real):
    at = open_page("pages/1_Claims.py")
    assert table(at, "Statement").shape[0] == len(real["claims"])
    at.text_input(key="q").input("centuries").run()
    rows = table(at, "Statement")
    assert 0 < rows.shape[0] < len(real["claims"])
    assert rows["Statement"].str.contains("centur", case=False).any()


def test_claims_chart_is_a_view_and_counts_the_searched_claims(real):
    at = open_page("pages/1_Claims.py", query={"view": "chart", "q": "centuries"})
    assert fig_titles(at) == ["Which article claims what?"]
    assert not at.dataframe, "no claim is listed until a bar is selected"
    searched = len(D.search_claims(D.claims_table(real), "centuries"))
    counted = sum(sum(numbers(t["x"])) for t in figures(at)[0]["data"])
    # a claim counts once for each article that makes it
    assert searched <= counted < len(real["claims"]), "the bars count only the claims the search matches"
    at.segmented_control(key="view").set_value("table").run()
    assert fig_titles(at) == [] and bound(at.segmented_control(key="view")) == "view"
    assert table(at, "Statement").shape[0] == searched


def test_claims_page_filter_from_url_applies(real):
    at = open_page("pages/1_Claims.py", query={"article": "A3", "topic": "nonsense"})
    expected = sum(1 for qs in real["claims"]["quotes"] if any(q["article"] == "A3" for q in qs))
    assert table(at, "Statement").shape[0] == expected
    assert at.sidebar.multiselect(key="topic").value == []


def test_evidence_page_counts_studies_and_filters_by_design(real):
    at = open_page("pages/2_Evidence.py", query={"view": "table"})
    assert any(f"**{len(real['studies'])} studies**" in m.value for m in at.markdown)
    at.sidebar.multiselect(key="design").set_value(["rct"]).run()
    n_rct = int((real["studies"]["design"] == "rct").sum())
    assert table(at, "Design").shape[0] == n_rct
    assert set(table(at, "Design")["Design"]) == {"Randomised controlled trial"}


def test_articles_page_shows_title_and_switches_article(real):
    at = open_page("pages/3_Articles.py")
    assert any("C0" in m.value and "<mark" in m.value for m in at.markdown), "claims are highlighted in the text"
    at.selectbox(key="doc").set_value("A4").run()
    from ui.frame import md

    title = real["articles"].set_index("id").loc["A4", "title"]
    assert at.header[0].value == md(title)


def test_articles_page_scorecard_and_claim_from_url(real):
    at = open_page("pages/3_Articles.py", query={"doc": "A2", "claim": "C036"})
    card = table(at, "Item").set_index("Item")
    assert card.loc["Does it say when it was written?", "Answer"] == "no"
    assert at.selectbox(key="claim").value == "C036"
    assert any("C036" in m.value for m in at.markdown)


def test_adverse_effects_page_flags_unmentioned_serious_harms_and_filters_kind(real):
    at = open_page("pages/4_Adverse_effects.py")
    warning = next(w.value for w in at.warning if "Serious harms no article warns about" in w.value)
    assert "Seizures" in warning and "Liver injury" in warning
    assert "Respiratory depression" in warning  # one article mentions it, but only to deny it
    assert "Poison-centre exposures" not in warning  # a summary row, not a harm
    assert fig_titles(at) == ["Which harms do the articles warn about?"]  # one chart at a time
    # no harm opens by itself; one chosen from the list opens its card, named as the harms file names it
    assert not [m for m in at.markdown if m.value.startswith("#### ")], "a harm card was drawn before any harm was chosen"
    assert any("choose a harm from the list" in c.value for c in at.caption)
    with open(REAL / "harms.yaml", encoding="utf-8") as fh:
        harm = yaml.safe_load(fh)[2]
    at.selectbox(key="harm").set_value(harm["id"]).run()
    assert [m for m in at.markdown if m.value.replace("\\", "").startswith(f"#### {harm['name']} · ")], "the chosen harm's card"
    at.segmented_control(key="view").set_value("how_often").run()
    assert at.segmented_control(key="kind").value == "poison_centre_exposures"  # the first kind is shown by default
    at.segmented_control(key="kind").set_value("deaths").run()
    assert bound(at.segmented_control(key="kind")) == "kind"
    assert fig_titles(at) == ["Deaths: one panel per unit"]
    at.segmented_control(key="view").set_value("by_year").run()
    assert "poison centres each year" in fig_titles(at)[0]
    assert not at.get("button_group")[1:], "settings of a view that is not shown are not drawn (so they leave the URL)"


def test_harm_card_lists_its_figures_with_sources_and_no_data_grid(real):
    figs = real["harm_figures"]
    n = int((figs["harm_id"] == "deaths").sum())
    at = open_page("pages/4_Adverse_effects.py", query={"harm": "deaths"})
    listing = next(m.value for m in at.markdown if m.value.startswith("**How often:"))
    assert f"{n} figures" in listing
    assert "27,338" in listing and "e+0" not in listing
    assert "](https://www.cdc.gov/mmwr/" in listing, "each figure links to where it was seen"
    assert at.expander[-1].label == f"The other {n - 6} figures"
    assert len(at.dataframe) == 0, "the default view draws no data grid"


def test_an_old_link_with_figure_settings_opens_the_figures(real):
    at = open_page("pages/4_Adverse_effects.py", query={"kind": "deaths"})
    assert at.segmented_control(key="view").value == "how_often"
    assert fig_titles(at) == ["Deaths: one panel per unit"]


def test_figure_panels_never_mix_kinds_of_data_or_units(real):
    """One figure per kind; in it one panel per unit, each with one series on its own axis."""
    from claimcheck import labels as L

    figs = real["harm_figures"]
    at = open_page("pages/4_Adverse_effects.py", query={"view": "how_often"})
    for kind in sorted(set(figs["data_kind"])):
        at.segmented_control(key="kind").set_value(kind).run()
        (fig,) = figures(at)
        assert fig["layout"]["title"]["text"].startswith(L.DATA_KIND[kind] + ":")
        units = figs[figs["data_kind"] == kind]["unit"].nunique()
        assert len(fig["data"]) == units, kind
        assert len({tr.get("xaxis", "x") for tr in fig["data"]}) == units, "each unit on its own axis"
        shown = {i for tr in fig["data"] for i in tr["y"]}
        assert shown <= set(figs[figs["data_kind"] == kind]["id"]), "only figures of this kind"


def test_harm_detail_from_url_shows_quotes_and_linked_claims(real):
    at = open_page("pages/4_Adverse_effects.py", query={"harm": "dependence"})
    assert at.selectbox(key="harm").value == "dependence"
    assert any("C037" in m.value for m in at.markdown), "the safety claim linked to this harm is listed"


def test_legality_full_table_is_a_view_with_its_download(real):
    at = open_page("pages/5_Legality.py", query={"map": "table"})
    assert fig_titles(at) == []
    assert len(table(at, "Flags")) == len(real["legality"]), "every legal entry, whatever the year"
    assert [b.proto.label for b in at.get("download_button")] == ["Download the legal table (CSV)"]
    at.segmented_control(key="map").set_value("world").run()
    assert "Countries" in fig_titles(at)[0] and bound(at.segmented_control(key="map")) == "map"
    assert not any("Flags" in df.value.columns for df in at.dataframe), "the map view does not load the full table"


def test_legality_shows_one_view_at_a_time_from_the_url():
    at = open_page("pages/5_Legality.py", query={"map": "timeline"})
    assert fig_titles(at) == ["When did the rules change?"]
    at.segmented_control(key="map").set_value("us").run()
    assert len(fig_titles(at)) == 1 and "US states" in fig_titles(at)[0]
    assert bound(at.segmented_control(key="map")) == "map"
    at = open_page("pages/5_Legality.py", query={"map": "<script>"})
    assert "Countries" in fig_titles(at)[0] and at.segmented_control(key="map").value == "world"


def test_a_link_to_an_evidence_map_cell_still_opens_it_after_its_count_changed():
    # the link keeps the cell as the list showed it, count included; a study added since changes the count
    shown = open_page("pages/2_Evidence.py").selectbox(key="cell").options
    old = [re.sub(r"\((\d+|gap)\)$", "(999)", o) for o in shown]
    assert not set(old) & set(shown), "the made-up counts must differ from today's"
    for link, today in [(old[0], shown[0]), (old[-1], shown[-1])]:
        at = open_page("pages/2_Evidence.py", query={"cell": link})
        cell = today.rsplit(" (", 1)[0]
        assert any(m.value.replace("\\", "").startswith(f"**{cell}: ") for m in at.markdown), f"the link {link!r} did not open {cell!r}"
        assert at.selectbox(key="cell").value is not None and at.query_params["cell"] == today, "the link is rewritten to today's count"


def test_evidence_page_switches_between_map_and_ladder(real):
    at = open_page("pages/2_Evidence.py")
    assert fig_titles(at) == ["What kind of evidence exists for each topic, and where are the gaps?"]
    at.segmented_control(key="view").set_value("ladder").run()
    assert fig_titles(at) == ["What kind of studies is the evidence made of?"]
    assert bound(at.segmented_control(key="view")) == "view"
    assert not at.dataframe, "no study is listed until a bar is selected"
    at.segmented_control(key="view").set_value("table").run()
    assert fig_titles(at) == [] and at.segmented_control(key="view").value == "table"
    assert table(at, "Design").shape[0] == len(real["studies"]), "every study, in the table view"
    assert [b.proto.label for b in at.get("download_button")] == ["Download these studies (CSV)"]


def test_legality_as_of_control_changes_the_maps():
    at = open_page("pages/5_Legality.py")
    first = figures(at)
    at.select_slider(key="year").set_value(2020).run()
    later = figures(at)
    assert "2020" in later[0]["layout"]["title"]["text"]
    assert first[0]["data"] != later[0]["data"]
    assert bound(at.select_slider(key="year")) == "year"


def test_classroom_reveal_scores_the_guess(real):
    at = open_page("pages/6_Classroom.py", query={"claim": "C037"})
    at.radio(key="classroom.guess.C037").set_value("contradicted").run()
    at.button(key="classroom.reveal").click().run()
    assert at.success and "Contradicted" in at.success[0].value
    assert any("1 of 1 verdicts right" in m.value for m in at.markdown)


def test_methods_page_lists_every_table_in_the_dictionary():
    """Every table of the data package can be chosen, and its fields are those the package declares."""
    package = json.loads((REAL / "datapackage.json").read_text())
    at = open_page("pages/7_Methods_and_data.py")
    choice = at.selectbox(key="methods.fields")
    assert sorted(choice.options) == sorted(f"{r['title']} — {r['path']}" for r in package["resources"])
    last = package["resources"][-1]
    choice.set_value(last["title"]).run()
    fields = next(t.value for t in at.table if "Field" in t.value.columns)
    assert list(fields["Field"]) == [f["name"] for f in last["schema"]["fields"]]


def test_broken_data_shows_banner_and_still_shows_valid_rows(mini, monkeypatch):
    edit(mini / "claims.yaml", "verdict: contradicted", "verdict: wrong")
    (mini / "studies.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    at = open_page(data=mini, monkeypatch=monkeypatch)
    banner = at.error[0].value
    # K2 is set aside, the study record that does not parse, and the two links that point at studies that could not be read
    assert "4 problems" in banner and "4 records were set aside" in banner and "could not be read at all: studies" in banner
    assert metric(at, "Claims found in the articles") == "3"
    at.switch_page("pages/1_Claims.py").run()
    assert not at.exception
    assert list(table(at, "Claim")["Claim"]) == ["K1", "K3", "K4"]


@pytest.mark.parametrize(
    "page", [None, "pages/1_Claims.py", "pages/2_Evidence.py", "pages/3_Articles.py", "pages/4_Adverse_effects.py",
             "pages/5_Legality.py", "pages/6_Classroom.py", "pages/7_Methods_and_data.py", "pages/8_Check_an_article.py"],
)  # fmt: skip
def test_junk_in_the_url_is_reported_and_never_an_error(page, monkeypatch):
    at = open_page(page, query={"verdict": "<script>", "claim": "../../etc", "year": "99999", "scope": "x", "doc": "%00", "zzz": "1"})
    assert not at.error
    notes = [n.value.replace("\\", "") for n in at.info if "left out" in n.value]
    assert len(notes) == 1 and "Verdict “<script>”" in notes[0], f"the reader is not told what the link asked for and did not get: {notes}"


def test_a_link_naming_what_the_data_lacks_says_so_and_opens_the_rest(real):
    # a place code that is not in the legal table: the page says so and opens the federal entry, named from legality.csv
    with open(REAL / "legality.csv", encoding="utf-8", newline="") as fh:
        names = {r["code"]: r["name"] for r in csv.DictReader(fh)}
    assert "XQ" not in names
    at = open_page("pages/5_Legality.py", query={"place": "XQ"})
    notes = [n.value for n in at.info if "left out" in n.value]
    assert len(notes) == 1 and "Jurisdiction “XQ”" in notes[0]
    assert any(m.value.replace("\\", "") == f"#### {names['USA']} (USA)" for m in at.markdown), "the page opens the federal entry instead"
    # an old comma list with one good value: the page reruns to rewrite the link, and the note survives the rerun
    at = open_page("pages/1_Claims.py", query={"verdict": "nonsense,contradicted"})
    notes = [n.value for n in at.info if "left out" in n.value]
    assert len(notes) == 1 and "Verdict “nonsense”" in notes[0] and "contradicted" not in notes[0].lower()
    assert table(at, "Claim").shape[0] == int((real["claims"]["verdict"] == "contradicted").sum()), "the readable value still filters"
    # a link with nothing wrong says nothing
    at = open_page("pages/1_Claims.py", query={"verdict": "contradicted"})
    assert not [n for n in at.info if "left out" in n.value]


def test_legality_history_from_url_and_switch_to_7oh_rules(real):
    at = open_page("pages/5_Legality.py", query={"place": "THA", "map": "us"})
    # the list of places sits behind a button, so the history is headed by the place's name, from the legal table
    with open(REAL / "legality.csv", encoding="utf-8", newline="") as fh:
        name = next(r["name"] for r in csv.DictReader(fh) if r["code"] == "THA")
    headings = [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("#### ")]  # as read, unescaped
    assert f"#### {name} (THA)" in headings, headings
    periods = [m.value for m in at.markdown if m.value.startswith("- **Leaf and all its alkaloids:")]
    # 1943 ban, 2021 delisting, 2022 act: in order, each with its dates and a linked source
    assert [p.split("**")[1].split(": ")[1] for p in periods] == ["Banned", "No specific law", "Regulated"]
    assert all("](https://" in p or "](http://" in p for p in periods)
    assert not any("Scope" in df.value.columns for df in at.dataframe), "the history is a list, not a grid"
    leaf = figures(at)
    at.radio(key="scope").set_value("7oh").run()
    assert bound(at.radio(key="scope")) == "scope"
    assert "US states" in figures(at)[0]["layout"]["title"]["text"]
    assert figures(at)[0]["data"] != leaf[0]["data"]


def test_presenter_steps_forward_and_back_with_the_step_in_the_url():
    at = open_page("pages/6_Classroom.py", query={"mode": "present"})
    assert at.select_slider(key="step").value == 1 and bound(at.select_slider(key="step")) == "step"

    def slide() -> tuple[str, str]:  # the slide's heading and its chart's y values, as the presenter shows them
        heading = next(m.value for m in at.markdown if m.value.startswith("<h1"))
        return heading, json.dumps([t.get("y") for t in figures(at)[0]["data"]], sort_keys=True)

    first = slide()
    at.button(key="classroom.next").click().run()
    assert at.select_slider(key="step").value == 2
    assert slide()[0] != first[0] and slide()[1] != first[1]
    at.button(key="classroom.prev").click().run()
    assert at.select_slider(key="step").value == 1 and slide() == first


def test_the_table_behind_every_slide_holds_the_plotted_values():
    """A slide's 'Show this chart's data as a table' lists its marks' values, not plotly's encoding of them.

    (Six slides showed "dtype" and "bdata" where the counts belong: the story's figures are rebuilt from JSON.)
    """
    with open(REAL / "claims.yaml", encoding="utf-8") as fh:
        verdicts = pd.Series([c["verdict"] for c in yaml.safe_load(fh) if c.get("verdict")]).value_counts().to_dict()
    at = open_page("pages/6_Classroom.py", query={"mode": "present"})
    n = len(at.select_slider(key="step").options)
    found_verdicts = False
    for step in range(1, n + 1):
        as_table = lambda: next(t for t in at.toggle if t.label == "Show this chart's data as a table")  # noqa: E731
        as_table().set_value(True).run()
        table = at.dataframe[-1].value
        cells = {str(x) for col in table.columns for x in table[col]}
        assert not cells & {"dtype", "bdata"} and len(table) > 2, f"slide {step}'s table: {table.head().to_dict('records')}"
        if "Record" in table.columns and set(table["Record"]) == set(verdicts):
            found_verdicts = True
            assert dict(zip(table["Record"], table["x"])) == verdicts, f"slide {step}: the verdict counts differ from claims.yaml"
        as_table().set_value(False).run()
        if step < n:
            at.button(key="classroom.next").click().run()
    assert found_verdicts, "no slide counts the verdicts"


def test_the_us_slide_counts_every_legal_status_of_the_states():
    """The slide's sentence names every status the states have today, each with its count from legality.csv.

    (It said "7 states ban it and 23 regulate its sale; the rest have no specific law or an unclear one"
    while California restricts it.)
    """
    import datetime as dt

    with open(REAL / "dataset.yaml", encoding="utf-8") as fh:
        scope = yaml.safe_load(fh)["legal_scopes"][0]["id"]

    def first_day(text: str, default: dt.date) -> dt.date:
        if not text:
            return default
        parts = [int(x) for x in text.split("-")] + [1, 1]
        return dt.date(parts[0], parts[1], parts[2])

    today = dt.date.today()
    with open(REAL / "legality.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["level"] == "state" and r["scope"] == scope]
    now = [r for r in rows if first_day(r["start"], dt.date.min) <= today < first_day(r["end"], dt.date.max)]
    counts = pd.Series([r["status"] for r in now]).value_counts()
    at = open_page("pages/6_Classroom.py", query={"mode": "present"})
    last = at.select_slider(key="step").options[-1]
    at = open_page("pages/6_Classroom.py", query={"mode": "present", "step": last})
    said = " ".join(m.value for m in at.markdown if "state-level" in m.value)
    assert f"Of the {len(now)} state-level entries" in said, said
    words = {"banned": "ban", "restricted": "restrict", "regulated": "regulate", "unregulated": "ha", "unclear": ""}
    for status, n in counts.items():
        assert re.search(rf"\b{n} {words[status]}", said), f"{status}: {n} is not said in: {said}"
    assert sum(int(x) for x in re.findall(r"(\d+) (?:bans?|restricts?|regulates?|has|have|is|are)\b", said)) == len(now), said


def test_the_evidence_gap_slide_counts_topics_by_their_strongest_published_study():
    """Its two counts, recomputed from the tables: topics with no trial or review in people, and those whose
    strongest published study is an animal or cell study or weaker (or none). Topics whose best was a product
    test fell out of the second count, and "rest on" read as support while every linked study counts."""
    strength = {d: n for n, ds in enumerate([("systematic_review", "rct"), ("observational", "case_report"), ("animal", "in_vitro"),
                                              ("product_analysis", "regulatory", "traditional")]) for d in ds}  # fmt: skip
    with open(REAL / "studies.yaml", encoding="utf-8") as fh:
        design = {x["id"]: x["design"] for x in yaml.safe_load(fh) if x.get("status") == "published"}
    with open(REAL / "claims.yaml", encoding="utf-8") as fh:
        topic_of = {c["id"]: c["topic"] for c in yaml.safe_load(fh)}
    with open(REAL / "topics.csv", encoding="utf-8", newline="") as fh:
        topics = [r["id"] for r in csv.DictReader(fh)]
    with open(REAL / "claim_studies.csv", encoding="utf-8", newline="") as fh:
        links = [r for r in csv.DictReader(fh) if r["study_id"] in design and r["claim_id"] in topic_of]
    best = {t: min((strength[design[r["study_id"]]] for r in links if topic_of[r["claim_id"]] == t), default=9) for t in topics}
    no_trials = sum(1 for t in topics if best[t] != 0)
    weak = sum(1 for t in topics if best[t] >= 2)
    at = open_page("pages/6_Classroom.py", query={"mode": "present"})
    said = ""
    for _ in at.select_slider(key="step").options:
        said = " ".join(m.value for m in at.markdown) if any("strongest study" in m.value for m in at.markdown) else ""
        if said or at.button(key="classroom.next").disabled:
            break
        at.button(key="classroom.next").click().run()
    assert f"{no_trials} of {len(topics)} topics" in said and f"For {weak} of them" in said, (no_trials, weak, said)


def test_presenter_opens_on_a_step_or_on_a_claim_from_the_url():
    at = open_page("pages/6_Classroom.py", query={"mode": "present", "step": "3"})
    assert at.select_slider(key="step").value == 3 and any(c.value.startswith("Step 3 of") for c in at.caption)
    at = open_page("pages/6_Classroom.py", query={"mode": "present", "claim": "C036"})
    assert any("One claim: C036" in m.value for m in at.markdown)


def test_quiz_fixed_by_teacher_scores_answers_and_moves_on(real):
    at = open_page("pages/6_Classroom.py", query={"quiz": "C037,C013,junk"})
    assert any("chose 2 claims" in i.value for i in at.info)
    assert at.selectbox(key="claim").value == "C037" and bound(at.selectbox(key="claim")) == "claim"
    at.radio(key="classroom.guess.C037").set_value("contradicted").run()
    at.radio(key="classroom.cert.C037").set_value("high").run()
    at.button(key="classroom.reveal").click().run()
    assert "Contradicted" in at.success[0].value
    assert any("1 of 1 verdicts right" in m.value and "certainty 0 of 1" in m.value for m in at.markdown)
    at.button(key="classroom.nextclaim").click().run()
    assert at.selectbox(key="claim").value == "C013"
    at.radio(key="classroom.guess.C013").set_value("supported").run()
    at.button(key="classroom.reveal").click().run()
    assert at.error and "Partly supported" in at.error[0].value
    assert any("1 of 2 verdicts right" in m.value for m in at.markdown)


def test_page_controls_live_in_the_url(real):
    at = open_page("pages/1_Claims.py", query={"q": "respiratory"})
    assert at.text_input(key="q").value == "respiratory"
    assert table(at, "Statement")["Statement"].str.contains("respiratory", case=False).all()
    at = open_page("pages/4_Adverse_effects.py", query={"kind": "deaths", "severity": "serious,bogus"})
    assert at.segmented_control(key="kind").value == "deaths"
    assert at.multiselect(key="severity").value == ["serious"]
    assert bound(at.multiselect(key="severity")) == "severity"
    # no death figure is filed under a merely serious harm: the page says so instead of showing an empty grid
    figs = pd.read_csv(REAL / "harm_figures.csv")
    harms = pd.DataFrame(yaml.safe_load((REAL / "harms.yaml").read_text()))
    rows = figs.merge(harms.rename(columns={"id": "harm_id"}), on="harm_id")
    deaths = rows[rows["data_kind"] == "deaths"]
    if (deaths["severity"] == "serious").any():
        assert len(table(at, "Harm")) == (deaths["severity"] == "serious").sum()
    else:
        assert any("No figures match" in w.value for w in at.warning)
    at.multiselect(key="severity").set_value(["serious", "life_threatening"]).run()
    expected = deaths[deaths["severity"].isin(["serious", "life_threatening"])]
    assert len(table(at, "Harm")) == len(expected)
    assert set(table(at, "Harm")["Harm"]) == set(expected["name"])


def test_methods_page_offers_every_table_the_zip_and_the_citation(real):
    at = open_page("pages/7_Methods_and_data.py")
    assert any("CC BY 4" in m.value and "Code: MIT" in m.value for m in at.markdown)
    assert any("Known limitations" in h.value for h in at.header)
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("whole dataset" in lab for lab in labels) and any("data dictionary" in lab for lab in labels)


def test_a_chart_shows_its_data_as_a_table_on_request(real):
    at = open_page()
    assert not any("Record" in df.value.columns for df in at.dataframe)
    at.toggle(key="overview.hype.as-table").set_value(True).run()
    records = set(table(at, "Record")["Record"])
    # every health claim (the ones graded for certainty) is on the chart and in its text alternative
    graded = real["claims"][real["claims"]["claim_type"].isin(["efficacy", "safety", "mechanism", "dosage"])]
    assert records == set(graded["id"])


CERTAINTY_SCALE = ["none", "very_low", "low", "moderate", "high"]  # PRODUCT.md's scales, lowest first
WORDING_SCALE = ["hedged", "qualified", "confident", "absolute"]


def _inside(x: float, y: float, xs: list, ys: list) -> bool:
    """Whether (x, y) lies inside the polygon (ray casting)."""
    inside, j = False, len(xs) - 1
    for i in range(len(xs)):
        if (ys[i] > y) != (ys[j] > y) and x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]:
            inside = not inside
        j = i
    return inside


def test_the_hype_gap_shade_holds_exactly_the_claims_the_text_counts():
    """The shaded area holds the claims whose evidence is more than one step less sure than their wording, no more.

    (Marks on the diagonal are spread side by side, and the right-hand ones fell inside a triangular shade:
    45 claims sat in the shade of a slide that says 42.)
    """
    with open(REAL / "claims.yaml", encoding="utf-8") as fh:
        claims = yaml.safe_load(fh)
    surer = {
        c["id"] for c in claims if c.get("certainty") in CERTAINTY_SCALE and c.get("assertiveness") in WORDING_SCALE
        # the diagonal pairs hedged with none, qualified with very low, and so on: surer is below that pairing
        and CERTAINTY_SCALE.index(c["certainty"]) < WORDING_SCALE.index(c["assertiveness"])
    }  # fmt: skip
    at = open_page()
    fig = next(f for f in figures(at) if any(t.get("fill") == "toself" for t in f["data"]))
    shade = next(t for t in fig["data"] if t.get("fill") == "toself")
    xs, ys = numbers(shade["x"]), numbers(shade["y"])
    shaded = set()
    for t in fig["data"]:
        if t.get("fill") == "toself" or not t.get("customdata"):
            continue
        for x, y, cd in zip(numbers(t["x"]), numbers(t["y"]), t["customdata"]):
            if _inside(x, y, xs, ys):
                shaded |= set(cd[2]) if len(cd) > 2 else {cd[0].split(":", 1)[1]}
    assert shaded == surer, f"in the shade but not surer: {sorted(shaded - surer)}; surer but not shaded: {sorted(surer - shaded)}"
    # and the presenter's slide says that number
    at = open_page("pages/6_Classroom.py", query={"mode": "present"})
    said = ""
    for _ in at.select_slider(key="step").options:
        said = " ".join(m.value for m in at.markdown if "surer than the evidence" in m.value)
        if said or at.button(key="classroom.next").disabled:
            break
        at.button(key="classroom.next").click().run()
    assert re.search(rf"\b{len(surer)} claims? sounds? surer", said), said


def test_article_claims_open_from_buttons_above_the_text_within_the_session(real):
    claims = yaml.safe_load((REAL / "claims.yaml").read_text())
    doc = sorted({q["article"] for c in claims for q in c.get("quotes") or []})[-1]
    in_doc = sorted({c["id"] for c in claims for q in c.get("quotes") or [] if q["article"] == doc})
    at = open_page("pages/3_Articles.py", query={"doc": doc, "verdict": "contradicted"})
    buttons = at.button_group(key="article.open")
    assert sorted(o.split(" ")[0] for o in buttons.options) == in_doc
    # the labels in the text are not links: a link would reload the app and drop the filters
    text = next(m.value for m in at.markdown if "<mark" in m.value)
    assert "<a " not in text and all(f"[{c} " in text for c in in_doc)
    chosen = in_doc[-1]
    buttons.set_value(chosen).run()
    assert at.selectbox(key="claim").value == chosen
    assert at.sidebar.multiselect(key="verdict").value == ["contradicted"]
    statement = next(c["statement"] for c in claims if c["id"] == chosen)
    assert any(m.value.startswith(f"#### {chosen} · ") and statement[:40] in m.value for m in at.markdown)


def test_every_presenter_slide_carries_its_sources_inside_the_picture():
    """A slide photographed or exported as PNG keeps its sources: they are drawn in the figure, not only beside it."""
    at = open_page("pages/6_Classroom.py", query={"mode": "present"})
    n = len(at.select_slider(key="step").options)
    assert n >= 5
    for step in range(1, n + 1):
        if step > 1:
            at.button(key="classroom.next").click().run()
        layout = figures(at)[0]["layout"]
        inside = " ".join(re.sub(r"<[^>]+>", " ", layout["title"].get("subtitle", {}).get("text", "")).split())
        assert re.search(r"Sources: \S+ \S+ \S+", inside), (step, inside)
        # said once, in the picture: a caption beside it would only push the slide past the screen
        assert not [c.value for c in at.caption if c.value.startswith("**Sources:**")], step


def test_methods_glossary_shows_every_definition_whole():
    """Definitions are in a table that wraps its cells: each term's meaning is shown in full, as the file has it."""
    glossary = pd.read_csv(REAL / "glossary.csv")
    at = open_page("pages/7_Methods_and_data.py")
    shown = next(t.value for t in at.table if list(t.value.columns) == ["Term", "Meaning"])
    assert dict(zip(shown["Term"], shown["Meaning"])) == dict(zip(glossary["term"], glossary["definition"]))


def test_every_chart_and_table_has_a_text_alternative(real):
    """Screen readers get each chart's question and sources, and each table's size (Streamlit's alt text)."""
    at = open_page("pages/1_Claims.py")
    grid = next(df for df in at.dataframe if "Statement" in df.value.columns)
    assert grid.proto.alt.startswith(f"Table of {len(real['claims']):,} rows")
    for page, query in (("dashboard.py", {}), ("pages/2_Evidence.py", {}), ("pages/5_Legality.py", {})):
        at = open_page(None if page == "dashboard.py" else page, query=query)
        charts = at.get("plotly_chart")
        assert charts, page
        for el in charts:
            title = " ".join(re.sub(r"<[^>]+>", " ", json.loads(el.proto.spec)["layout"]["title"]["text"]).split())
            assert el.proto.alt.startswith(title) and "Sources: " in el.proto.alt, (page, el.proto.alt)


def test_an_article_with_very_many_claims_offers_them_in_the_picker_not_as_a_wall_of_buttons(tmp_path, monkeypatch):
    import sys

    sys.path.insert(0, str(REAL.parent / "bench"))
    import synthetic

    big = synthetic.make(REAL, tmp_path / "x12", 12)
    claims = yaml.safe_load((big / "claims.yaml").read_text())
    doc = "A0"
    in_doc = {c["id"] for c in claims for q in c.get("quotes") or [] if q["article"] == doc}
    assert len(in_doc) > 150, "the synthetic article must be past the button limit for this test to mean anything"
    at = open_page("pages/3_Articles.py", data=big, monkeypatch=monkeypatch, query={"doc": doc})
    assert not [b for b in at.get("button_group") if getattr(b, "key", None) == "article.open"], "no row of a button per claim"
    assert any(f"makes {len(in_doc):,} claims" in c.value for c in at.caption)
    offered = at.selectbox(key="claim").options
    assert len(offered) == len(in_doc) and {o.split(" · ")[0] for o in offered} == in_doc, "the picker offers every claim"
    # every claim is still highlighted in the text
    text = next(m.value for m in at.markdown if "<mark" in m.value)
    assert all(f"[{c} " in text for c in sorted(in_doc)[:20])


def test_the_line_under_the_filters_button_names_the_filters_that_are_on():
    import csv

    at = open_page(query={"verdict": "contradicted", "topic": "pain-relief"})
    with (REAL / "topics.csv").open(encoding="utf-8", newline="") as f:
        topic = next(r["label"] for r in csv.DictReader(f) if r["id"] == "pain-relief")
    line = next(c.value for c in at.sidebar.caption if c.value.startswith("**On:**")).replace("\\", "")  # as read, unescaped
    assert "Verdict: Contradicted" in line and f"Topic: {topic}" in line, line
    assert at.sidebar.multiselect(key="verdict").value == ["contradicted"]
    bare = open_page()
    assert any(c.value.startswith("No filter is on") for c in bare.sidebar.caption)


@pytest.mark.parametrize("script", [p.script for p in PAGES])
def test_every_filter_value_alone_on_every_view_draws_without_an_error(script, real):
    """A reader narrows to one value of one filter, on any view of any page: a page or chart, never a traceback.

    (The evidence map raised a TypeError for a topic with no study linked to it.)
    """
    allowed = D.allowed_filter_values(real)
    first = open_page(None if script == "dashboard.py" else script)
    # each view, opened by link (a view picker keeps its shown text in the link)
    views = [{w.key: shown} for w in first.main.get("segmented_control") for shown in w.options] or [{}]
    for query in views:
        at = open_page(None if script == "dashboard.py" else script, query=query)
        for spec in D.FILTER_SPECS:
            for value in allowed[spec.name]:
                at.sidebar.multiselect(key=spec.name).set_value([value]).run()
                where = f"{script} {query} {spec.name}={value}"
                assert not at.exception, f"{where}: {[e.value for e in at.exception]}"
                assert not at.error, f"{where}: {[e.value for e in at.error]}"
            at.sidebar.multiselect(key=spec.name).set_value([]).run()


def test_the_timeline_table_gives_each_event_its_text_and_day():
    """The text alternative of the timeline: each event's own words from timeline.csv, its date as a day."""
    with open(REAL / "timeline.csv", encoding="utf-8", newline="") as fh:
        events = {r["id"]: r for r in csv.DictReader(fh)}
    at = open_page("pages/5_Legality.py", query={"map": "Timeline of rule changes"})
    next(t for t in at.toggle if t.label == "Show this chart's data as a table").set_value(True).run()
    rows = table(at, "Record")
    assert set(rows["Record"]) == set(events)
    for r in rows.itertuples():
        assert events[r.Record]["event"][:40] in r.Details and events[r.Record]["date"] in r.Details, r
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(r.x)), f"{r.Record}: the date reads {r.x!r}"


def test_with_no_federal_entry_the_line_above_the_maps_says_so(mini, monkeypatch):
    """The US map's caption points to the federal line above the maps; with no federal row it must not point at nothing."""
    with open(mini / "legality.csv", encoding="utf-8", newline="") as fh:
        assert "federal" not in {r["level"] for r in csv.DictReader(fh)}
    at = open_page("pages/5_Legality.py", data=mini, monkeypatch=monkeypatch, query={"map": "United States map"})
    assert any("no federal entry" in m.value for m in at.markdown), [m.value for m in at.markdown][:8]
