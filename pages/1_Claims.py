"""Claims: every checkable claim, searchable and filterable, and which article claims what."""

import streamlit as st

from claimcheck import charts as C
from claimcheck import domain as D
from claimcheck.export import csv_bytes
from ui.cards import claim_card
from ui.data import cached_figure
from ui.frame import (
    chart,
    empty_state,
    filter_summary,
    init_from_url,
    md,
    missing_record_notice,
    page_setup,
    selected_ids,
    set_url_param,
    sync_to_url,
    url_param,
    view_picker,
)
from ui.frame import table as show_table

v, filters = page_setup("Claims")
st.title("Claims")
st.caption("Every checkable statement in the articles, with its verbatim quotes and verdict.")
filter_summary(filters, v, ("article", "topic", "verdict", "certainty", "design"))

init_from_url("claims.search", "q")
text = st.text_input("Search claims and quotes", key="claims.search", placeholder=v.ds.meta["search_placeholder"])
sync_to_url("q", text.strip())
claims = D.search_claims(D.filter_claims(v.claims, filters), text)
# The table opens the page; the chart is a view of its own (one main view at a time, as on
# the other pages: each kind of element is more code for the browser to load on a first visit).
VIEWS = {"table": "Table of claims", "chart": "Chart: claims by article and type"}
view = view_picker("claims.view", "view", VIEWS, "table")
bars = []
if view == "chart" and claims.empty:
    empty_state("claims", filters)
elif view == "chart":
    chart(
        cached_figure(
            v,
            "claims.by_article",
            (filters, text.strip().lower()),
            lambda: C.claims_by_article(D.claims_by_article(claims, v.ds["articles"])),
        ),
        key="claims.by_article",
        sources="Claims ledger built from the articles' text; one claim counts once for each article that makes it.",
        not_shown="How true the claims are: see the verdicts in the table and the Overview chart. Select a bar to list its claims.",
        select=True,
    )
    # A bar selected on the chart lists that article's claims of that type below it.
    bars = [tuple(b.split("|", 1)) for b in selected_ids(st.session_state.get("claims.by_article")) if "|" in b]
    if bars:
        claims = D.claims_in_bars(claims, bars)
        st.info(
            "Showing the claims of the bar(s) selected on the chart: "
            + md("; ".join(f"{a}, {t}" for a, t in bars))
            + ". Double-click the chart to clear the selection.",
            icon="👆",
        )
    else:
        st.caption("Select a bar to list its claims.")

if view == "table" or bars:
    if claims.empty:
        empty_state("claims", filters)
    else:
        # The verdict answers the reader's question, so it comes right after the id.
        table = claims[["id", "verdict_label", "certainty_label", "statement", "type_label", "topic_label", "assertiveness_label", "n_articles"]].rename(
            columns={
                "id": "Claim", "statement": "Statement", "type_label": "Type", "topic_label": "Topic",
                "assertiveness_label": "Wording", "verdict_label": "Verdict", "certainty_label": "Certainty or basis", "n_articles": "Articles",
            }
        )  # fmt: skip
        st.markdown(f"**{len(claims)} claim{'s' if len(claims) != 1 else ''}**")
        st.caption("Select a row to open the claim below.")
        event = show_table(table, "claims.table", on_select="rerun", selection_mode="single-row")
        rows = list(event.selection.rows) if event is not None else []
        if rows and rows != st.session_state.get("claims.table.previous-rows"):
            st.session_state["claims.pick"] = table.iloc[rows[0]]["Claim"]
        st.session_state["claims.table.previous-rows"] = rows
        st.download_button(
            "Download these claims (CSV)",
            csv_bytes(table),
            file_name="claims-filtered.csv",
            mime="text/csv",
            key="claims.download",
        )

st.header("Claim detail")
missing_record_notice(v, "claim", "claims", "Claim")
ids = list(claims["id"]) if not claims.empty else []
current = st.session_state.get("claims.pick") or url_param("claim", v.claims["id"])
if current is None:
    st.caption("Select a row in the table (or a claim below) to open its card: quotes, verdict, reasons and studies.")
options = ids if current in ids or current is None else [current, *ids]
if options:
    labels = dict(zip(v.claims["id"], v.claims["statement"]))
    if current is not None and st.session_state.get("claims.pick") not in options:
        st.session_state["claims.pick"] = current
    choice = st.selectbox(
        "Open a claim", options, format_func=lambda x: f"{x} · {labels.get(x, '')[:90]}", key="claims.pick",
        index=None if current is None else options.index(current), placeholder="Choose a claim",
    )  # fmt: skip
    set_url_param("claim", choice)
    if choice:
        claim_card(v, choice)
else:
    st.caption("No claim to open.")
