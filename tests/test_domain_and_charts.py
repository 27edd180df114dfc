"""Filtering, aggregation, highlighting and chart builders, on the tiny fixture and the real data."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from claimcheck import charts as C
from claimcheck import domain as D
from claimcheck import labels as L
from claimcheck import marks
from claimcheck.dataset import load_dataset
from claimcheck.highlight import highlight_segments

from .conftest import MINI, REAL


@pytest.fixture(scope="module")
def mini_ds():
    return load_dataset(MINI)


@pytest.fixture(scope="module")
def real_ds():
    return load_dataset(REAL)


def test_filters_from_url_keep_known_values_and_drop_junk(mini_ds):
    allowed = D.allowed_filter_values(mini_ds)
    f = D.parse_filters(
        {"verdict": "contradicted,<script>,not_supported", "article": ["A2", "A1,A1"], "design": 5, "colour": "red"}, allowed
    )
    assert f == D.Filters(article=("A1", "A2"), verdict=("not_supported", "contradicted"))
    assert D.filters_to_query(f) == {"article": "A1,A2", "verdict": "not_supported,contradicted"}
    assert D.parse_filters({}, allowed) == D.Filters() and not D.Filters().active


def test_claim_filters_match_what_a_user_expects(mini_ds):
    claims = D.claims_table(mini_ds)
    assert list(D.filter_claims(claims, D.Filters(article=("A2",)))["id"]) == ["K3", "K4"]
    assert list(D.filter_claims(claims, D.Filters(design=("rct",)))["id"]) == ["K2"]
    assert list(D.filter_claims(claims, D.Filters(topic=("sleep",), verdict=("insufficient",)))["id"]) == ["K4"]
    assert list(D.search_claims(claims, "BLOCKS pain")["id"]) == ["K2"]


def test_headline_numbers(mini_ds):
    n = D.headline_numbers(D.claims_table(mini_ds))
    # K2 is linked to a trial, but the trial contradicts it: it does not "rest on" a controlled study
    assert n == {
        "claims": 4,
        "assessed": 3,
        "supported_by_human_trial": 0,
        "supported_or_partly": 0,
        "contradicted_or_unsupported": 2,
        "insufficient": 1,
    }


def test_status_as_of_follows_history(mini_ds):
    leg = mini_ds["legality"]
    tx = lambda when: D.status_as_of(leg, when, "leaf").set_index("code")["status"].get("TX")  # noqa: E731
    assert tx(dt.date(2018, 6, 1)) is None
    assert tx(dt.date(2020, 6, 1)) == "regulated"
    assert tx(dt.date(2023, 6, 1)) == "banned"  # the ban starts the day the regulation ends
    assert D.status_as_of(leg, dt.date(2024, 1, 1), "7oh").empty


def test_design_ladder_lists_every_rung_even_empty(mini_ds):
    ladder = D.design_ladder(D.studies_table(mini_ds))
    assert len(ladder) == 9
    assert dict(zip(ladder["design"], ladder["studies"]))["rct"] == 1
    assert ladder["studies"].sum() == 2


def test_harm_mentions_put_serious_unmentioned_harms_first(mini_ds):
    m = D.harm_mentions(mini_ds)
    assert list(m["harm_id"]) == ["liver", "nausea"]
    assert m.loc[0, "A1"] == "" and m.loc[1, "A1"] == "warns"


def test_scorecard_answers_from_the_data(mini_ds):
    claims = D.claims_table(mini_ds)
    card = D.article_scorecard(mini_ds, claims, D.harm_mentions(mini_ds), "A1").set_index("Item")
    assert card.loc["Does it say when it was written?", "Answer"] == "no"
    assert card.loc["Serious harms in the harms table that it never warns about", "Answer"] == "1 of 1"
    assert card.loc["Serious harms in the harms table that it never warns about", "Detail"] == "Liver injury"
    assert card.loc["Claims worded as confident or absolute", "Answer"] == "2 of 2"
    assert card.loc["Signs of commercial intent", "Answer"] == "1 signal"
    assert card["From"].str.contains("DISCERN|HealthNewsReview").all()


def test_every_quote_in_every_real_article_gets_a_label(real_ds):
    quotes = D.claim_quotes(real_ds)
    for article, text in real_ds.article_texts.items():
        mine = quotes[quotes["article"] == article]
        segments = highlight_segments(text, list(zip(mine["claim_id"], mine["text"])))
        assert "".join(text[s.start : s.end] for s in segments) == text
        assert sum(len(s.labels) for s in segments) == len(mine), article


def test_overlapping_quotes_are_both_highlighted():
    text = "It is safe and it works well."
    segs = highlight_segments(text, [("X", "It is safe and it works"), ("Y", "it works well.")])
    assert [s.claims for s in segs if s.claims] == [("X",), ("X", "Y"), ("Y",)]
    assert [c for s in segs for c in s.labels] == ["X", "Y"]


def test_hype_chart_has_one_mark_per_rated_claim_with_its_id(mini_ds):
    claims = D.claims_table(mini_ds)
    fig = C.hype_gap(claims)
    ids = [cd[0] for tr in fig.data if tr.customdata is not None for cd in tr.customdata]
    # K2 (about a study) and K4 (tradition) are not graded for certainty, so they have no place on its axis
    assert sorted(ids) == [marks.encode("claim", "K1")]
    # colour and marker shape both encode the verdict
    symbols = {tr.name: tr.marker.symbol for tr in fig.data if tr.mode == "markers"}
    assert len(set(symbols.values())) == len(symbols)


def test_figure_panel_refuses_to_mix_kinds_of_data(mini_ds):
    figs = D.figures_table(mini_ds)
    with pytest.raises(ValueError, match="several kinds of data"):
        C.figure_panel(figs, "Mixed")
    with pytest.raises(ValueError, match="several units"):
        C.figure_panel(pd.concat([figs.iloc[[0]], figs.iloc[[0]].assign(unit="count")]), "Mixed units")
    with pytest.raises(ValueError, match="several kinds of data"):
        C.kind_panels(figs, "Mixed")
    one = C.figure_panel(figs[figs["data_kind"] == "survey_respondents"], "Survey respondents")
    label = one.layout.yaxis.ticktext[0]
    label = label.replace("<br>", " ")  # as a reader reads a label wrapped over two lines
    assert "n = 200" in label and "survey respondents" in label


def test_legal_map_marks_each_place_with_a_symbol_as_well_as_colour(mini_ds):
    status = D.status_as_of(mini_ds["legality"], dt.date(2025, 1, 1), "leaf")
    fig = C.legal_map(status[status["level"] == "state"], "us", "t")
    geo = [tr for tr in fig.data if tr.type == "scattergeo"]
    assert geo and all(tr.marker.symbol for tr in geo)
    assert list(geo[0].locations) == ["TX"] and geo[0].name == L.LEGAL_STATUS["banned"]


def test_empty_input_gives_an_empty_state_not_an_error(mini_ds):
    empty = D.claims_table(mini_ds).iloc[0:0]
    fig = C.hype_gap(empty)
    assert fig.layout.annotations[0].text == C.EMPTY_NOTE
    assert C.claims_by_article(pd.DataFrame(columns=["article_label", "type_label", "claims"])).layout.annotations


def test_a_mention_that_denies_a_harm_is_not_counted_as_a_warning(mini, tmp_path):
    from .conftest import edit

    edit(
        mini / "harms.yaml",
        "      text: Some users report mild nausea.",
        "      text: Some users report mild nausea.\n      stance: downplays",
    )
    m = D.harm_mentions(load_dataset(mini)).set_index("harm_id")
    assert m.loc["nausea", "A1"] == "downplays" and m.loc["nausea", "n_articles"] == 0


def test_two_figures_with_the_same_label_stay_two_bars(mini_ds):
    figs = D.figures_table(mini_ds)
    twin = pd.concat([figs.iloc[[1]], figs.iloc[[1]].assign(id="G9")])
    fig = C.figure_panel(twin, "Cases")
    assert list(fig.data[0].y) == ["G2", "G9"]


def test_local_rules_are_grouped_per_state_for_the_us_map(mini_ds):
    status = D.status_as_of(mini_ds["legality"], dt.date(2025, 1, 1), "leaf")
    local = D.local_rules_by_state(status)
    assert list(local["state"]) == ["TX"] and "Austin, TX: Banned (from 2018)" in local["summary"][0]
    fig = C.legal_map(status[status["level"] == "state"], "us", "t", local=local)
    stars = [tr for tr in fig.data if tr.type == "scattergeo" and tr.marker.symbol == "star"]
    assert len(stars) == 1 and list(stars[0].locations) == ["TX"]


def test_low_confidence_places_carry_a_question_mark(mini_ds):
    status = D.status_as_of(mini_ds["legality"], dt.date(2025, 1, 1), "leaf")
    fig = C.legal_map(status[status["level"] == "state"], "us", "t")
    symbols = [tr for tr in fig.data if tr.type == "scattergeo"]
    assert list(symbols[0].text) == ["?"]  # Texas's current row has low confidence


def test_jurisdiction_history_is_in_date_order(mini_ds):
    hist = D.jurisdiction_history(mini_ds["legality"], "TX")
    assert list(hist["status"]) == ["regulated", "banned"]


def test_evidence_matrix_shows_every_gap_and_cells_lead_to_their_studies(mini_ds):
    links = D.evidence_links(mini_ds)
    matrix = D.evidence_matrix(links, mini_ds["topics"])
    # one topic with links (pain) x 9 designs: 2 filled cells, 7 gaps
    assert len(matrix) == 9 and (matrix["studies"] == 0).sum() == 7
    fig = C.evidence_matrix(matrix)
    keys = {marks.decode(cd[0]).parts for tr in fig.data for cd in tr.customdata}
    assert ("pain", "rct") in keys and ("pain", "animal") in keys and ("pain", "in_vitro") in keys
    cell = D.cell_studies(links, "pain", "rct")
    assert list(cell["study_id"]) == ["trial2022"] and cell["claims"][0] == "K2" and cell["directions"][0] == "contradicts"


def test_claim_ladder_counts_studies_per_rung(mini_ds):
    assert D.claim_ladder(mini_ds, "K1") == {"animal": 1}
    assert D.claim_ladder(mini_ds, "K3") == {}


def test_every_chart_has_a_text_alternative_with_the_records_behind_it(mini_ds):
    claims = D.claims_table(mini_ds)
    table = C.figure_table(C.hype_gap(claims))
    assert sorted(table["Record"]) == ["K1"]
    assert set(table["x"]) <= {"Hedged", "Qualified", "Confident", "Absolute"}  # tick labels, not nudged positions
    status = D.status_as_of(mini_ds["legality"], dt.date(2025, 1, 1), "leaf")
    maps = C.figure_table(C.legal_map(status[status["level"] == "state"], "us", "t"))
    assert "TX" in set(maps["Place"]) and maps["Details"].str.contains("Texas").any()


def test_crowded_charts_group_or_cap_and_say_so(real_ds):
    claims = pd.concat([D.claims_table(real_ds).assign(id=lambda d, k=k: d["id"] + f"-{k}") for k in range(5)])
    fig = C.hype_gap(claims)
    assert "grouped by cell" in fig.layout.title.text
    drawn = [cd for tr in fig.data if tr.customdata is not None for cd in tr.customdata]
    assert sum(int(m[1]) for m in drawn) == len(claims.dropna(subset=["certainty_rank"]))  # nobody lost
    group = C.cell_claims(claims, drawn[0][0])
    assert len(group) == int(drawn[0][1])
    many = pd.concat([D.harm_mentions(real_ds)] * 3, ignore_index=True)
    grid = C.mentioned_vs_reported(many, real_ds["articles"])
    assert f"the {C.MAX_ROWS} most severe of {len(many)}" in grid.layout.title.text.replace("<br>", " ")


def test_provenance_flags_low_confidence_and_stale_checks(mini_ds):
    table = D.provenance_table(mini_ds["legality"], dt.date(2026, 6, 1)).set_index("code")
    # R3 (Texas ban) was last checked 2020-01-01 and has low confidence
    texas_ban = table[table["Status"] == "Banned"].loc["TX"]
    # a legal status in force is overdue after 180 days (the documented limit)
    assert "low confidence" in texas_ban["Flags"] and "older than 180 days" in texas_ban["Flags"]
    assert texas_ban["Checked (days ago)"] == (dt.date(2026, 6, 1) - dt.date(2020, 1, 1)).days
    assert table.loc["FRA", "Flags"] == ""  # high confidence, checked this year
    assert table.loc["FRA", "Source"] == "https://example.org/fr"


def test_selected_bars_narrow_claims_to_that_article_and_type(mini_ds):
    claims = D.claims_table(mini_ds)
    assert list(D.claims_in_bars(claims, [("A2", "Tradition")])["id"]) == ["K4"]
    assert list(D.claims_in_bars(claims, [("A1", "Efficacy"), ("A2", "Efficacy")])["id"]) == ["K1", "K3"]
    assert len(D.claims_in_bars(claims, [])) == len(claims)


def test_kind_panels_put_each_unit_on_its_own_axis_and_keep_labels_in_the_table(mini_ds):
    figs = D.figures_table(mini_ds)
    cases = figs[figs["data_kind"] == "case_series"]
    two = pd.concat([cases, cases.assign(id=cases["id"] + "-pct", unit="percent", value=12.5)])
    fig = C.kind_panels(two, "Cases")
    assert [tr.xaxis for tr in fig.data] == ["x", "x2"]
    headings = [a.text for a in fig.layout.annotations if a.yref == "paper"]
    labels = [a for a in fig.layout.annotations if a.yref != "paper"]
    assert {a.yref for a in labels} == {"y", "y2"}, "each panel's row labels sit on its own axis"
    assert fig.layout.showlegend is False and all(tr.cliponaxis is False for tr in fig.data), "no 'trace 0' legend, no cut-off values"
    assert fig.layout.xaxis.title.text != fig.layout.xaxis2.title.text
    assert headings == ["Cases: percent of the group", "Cases: count"]
    table = C.figure_table(fig)
    # the text alternative names each bar by its own panel's labels, not by ids
    assert len(table) == 2 * len(cases)
    assert not table["y"].isin(two["id"]).any()
    assert all(y.startswith(h) for y, h in zip(table["y"], list(two["harm"]) * 2))


def test_figure_values_read_as_written():
    assert L.figure_value(27338, "count") == "27,338"  # not 2.734e+04
    assert L.figure_value(0.56, "percent") == "0.56%"
    assert L.figure_value(59.9, "percent") == "59.9%"
    assert L.figure_value(1.25, "ratio") == "1.25"


def test_a_legal_check_is_stale_only_past_the_limit_and_every_verification_has_a_label():
    from claimcheck import schema as S

    assert not D.is_stale(365, 365) and D.is_stale(366, 365) and not D.is_stale(None, 365)
    assert set(L.LEGAL_VERIFICATION) == set(S.LEGAL_VERIFICATION)
