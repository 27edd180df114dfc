"""Cards shared by several pages: a claim with its quotes, verdict and studies."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from claimcheck import domain as D
from claimcheck import labels as L

from .data import Views, derived
from .frame import keep_valid, link, md, page_link, select, table_download


def headline(v: Views, filters: D.Filters) -> None:
    """The four headline numbers of the claims that pass the filters."""
    n = derived(v, "headline_numbers", filters)
    cols = st.columns(4)
    cols[0].metric(
        "Claims found in the articles",
        n["claims"],
        help=f"Checkable statements found in the articles (after filters); {n['assessed']} of them have a verdict.",
    )
    cols[1].metric(
        "Supported or partly supported, with a human trial or review",
        n["supported_by_human_trial"],
        help="Claims judged supported or partly supported that also have a published randomised trial or systematic review "
        "in people that supports them. Registered, ongoing or unpublished trials never count.",
    )
    cols[2].metric("Contradicted or not supported", n["contradicted_or_unsupported"])
    cols[3].metric("Insufficient evidence", n["insufficient"])


def claim_picker(
    v: Views, options: list[str], label: str, key: str = "claim", default_first: bool = False, behind: str | None = None
) -> str | None:
    """A select box of claims, bound to the URL as ``key``, with the chosen claim's card below it.

    The keyboard's way to every claim a chart or a table can open. A claim named in
    the URL that is not among ``options`` (filtered out) is still offered, first.
    ``behind``: the box sits behind a button of that name (see :func:`ui.frame.select`).
    """
    from .frame import id_in_link, url_value

    statements = v.claim_statements
    current = st.session_state.get(key) or id_in_link(url_value(key) or "")
    if current in statements and current not in options:
        options = [current, *options]
    keep_valid(key, options, options[0] if default_first and options else None)
    if not options:
        st.caption("No claim to open.")
        return None
    choice = select(
        label, options, key, lambda x: f"{x} · {str(statements.get(x, ''))[:90]}", behind=behind,
        index=0 if default_first else None, placeholder="Choose a claim",
    )  # fmt: skip
    if choice:
        claim_card(v, choice)
    return choice


WRAP_ROW_HEIGHT = 68  # px: over 4rem, so Streamlit wraps long cell text (about three lines)
# An item wraps in a medium column and its answer sits beside it: on a phone a pinned, unwrapped
# item column filled the table, and the answers could not be reached.
SCORECARD_COLUMNS = {
    "Item": st.column_config.TextColumn(width="medium"),
    "Answer": st.column_config.TextColumn(width="small"),
    "Detail": st.column_config.TextColumn(width="large"),
}
CLAIM_COLUMNS = {  # the verdict answers the reader's question, so it comes right after the id
    "id": "Claim", "verdict_label": "Verdict", "certainty_label": "Certainty or basis", "statement": "Statement",
    "type_label": "Type", "topic_label": "Topic", "assertiveness_label": "Wording", "n_articles": "Articles",
}  # fmt: skip
# The stored field each header shows, for its tooltip (the field's description in the schema).
CLAIM_FIELDS = {
    "Claim": "id", "Verdict": "verdict", "Certainty or basis": "certainty", "Statement": "statement",
    "Type": "claim_type", "Topic": "topic", "Wording": "assertiveness",
}  # fmt: skip


def claim_column_config() -> dict:
    """The claims grid's columns: key columns pinned, and every column's help from the schema's field descriptions."""
    from claimcheck.dictionary import column_help

    helps = column_help("claims", CLAIM_FIELDS)
    config = {header: st.column_config.Column(help=text) for header, text in helps.items()}
    # The answer (verdict, then certainty) comes right after the id and is in view on a 390 px phone;
    # rows are tall enough for long text to wrap (Streamlit wraps cells in rows over 4rem) instead of cutting it.
    widths = {"Claim": 56, "Verdict": 140, "Certainty or basis": 140, "Statement": "large"}
    for header, width in widths.items():
        config[header] = st.column_config.TextColumn(pinned=header in ("Claim", "Verdict"), width=width, help=helps.get(header))
    return config


def claims_grid(claims: pd.DataFrame, key: str, target: str = "claim") -> pd.DataFrame:
    """The claims as a table; selecting a row opens that claim in the select box ``target`` (drawn later). Returns the table."""
    from .frame import table as show_table

    table = claims[list(CLAIM_COLUMNS)].rename(columns=CLAIM_COLUMNS)
    st.markdown(f"**{len(claims)} claim{'s' if len(claims) != 1 else ''}**")
    st.caption("Select a row (click it, or Tab into the table, move with the arrow keys and press Shift+Space) to open the claim below.")
    event = show_table(
        table, key, on_select="rerun", selection_mode="single-row",
        column_config=claim_column_config(), row_height=WRAP_ROW_HEIGHT,
    )  # fmt: skip
    rows = list(event.selection.rows) if event is not None else []
    if rows and rows != st.session_state.get(f"{key}.previous-rows"):
        st.session_state[target] = table.iloc[rows[0]]["Claim"]
    st.session_state[f"{key}.previous-rows"] = rows
    return table


def bar_claims(claims: pd.DataFrame, chart_key: str) -> pd.DataFrame | None:
    """The claims of the bars selected on the claims-by-article chart, or None when no bar is selected."""
    from claimcheck import domain as D
    from claimcheck import marks

    from .frame import selected_ids

    bars = [m.parts for m in map(marks.decode, selected_ids(st.session_state.get(chart_key))) if m is not None and m.kind == "bar"]
    if not bars:
        st.caption("Select a bar to list its claims.")
        return None
    st.info(
        "Showing the claims of the bar(s) selected on the chart: " + md("; ".join(f"{a}, {t}" for a, t in bars))
        + ". Double-click the chart to clear the selection.",
        icon="👆",
    )  # fmt: skip
    return D.claims_in_bars(claims, bars)


def claims_download(table: pd.DataFrame, search: str) -> None:
    """The listed claims as CSV, with their notes (see :func:`ui.frame.table_download`)."""
    table_download(
        "Download these claims (CSV)", table, "claims-filtered.csv", "claims.download",
        "claims" + (f" matching “{search}”" if search else ""),
        "Claims ledger: verbatim quotes from the articles, with verdicts from the studies table.",
        "A verdict says whether the claim, as worded, matches the evidence; certainty rates the human evidence only.",
    )  # fmt: skip


def studies_grid(studies: pd.DataFrame, key: str) -> None:
    """The studies as a table with a count line and a download (built when clicked)."""

    from .frame import table as show_table

    unverified = int((studies["verification"] != "primary_record").sum())
    no_results = int((~studies["counted"]).sum())
    st.markdown(
        f"**{len(studies)} stud{'ies' if len(studies) != 1 else 'y'}**"
        + (f" · ⚠ {unverified} seen only on a secondary page" if unverified else "")
        + (f" · {no_results} without published results (listed, not counted as evidence)" if no_results else "")
    )
    rows = study_rows(studies)
    rows.insert(len(rows.columns) - 1, "Claims", studies["claims"].apply(", ".join).values)
    show_table(rows, key, column_config=STUDY_COLUMNS)
    table_download(
        "Download these studies (CSV)", rows, "studies-filtered.csv", f"{key}.download", "studies",
        "Studies table: each study with the page where it was seen, and the claims it is linked to.",
        "The Verified column says whether a study was seen on its own record or only on a secondary page; registered, "
        "ongoing or unreported studies are listed but not counted as evidence.",
    )  # fmt: skip


def ladder_studies(studies: pd.DataFrame, key: str) -> pd.DataFrame | None:
    """The counted studies of the rung chosen (on the ladder, or in the select box ``key``); None when none is chosen."""
    rungs = [d for d in L.DESIGN_ORDER if d in set(studies.loc[studies["counted"], "design"].unique().tolist())]
    keep_valid(key, rungs)
    rung = select("List the studies of one kind (or select a bar)", rungs, key, lambda d: L.DESIGN.get(d, d), index=None,
                  placeholder="Choose a kind of study")  # fmt: skip
    return None if rung is None else studies[(studies["design"] == rung) & studies["counted"]]


def cell_studies(v: Views, filters: D.Filters, options: list[str], key: str) -> None:
    """The select box of evidence-map cells ``options`` (fed by the chart too) and the studies in the chosen cell."""
    from claimcheck import marks

    counts = derived(v, "cell_counts", filters)

    def name(cell: str) -> str:
        topic, design = marks.decode(cell, "cell").parts
        n = counts.get((topic, design), 0)
        return f"{v.topic_labels.get(topic, topic)} · {L.DESIGN.get(design, design)} ({n or 'gap'})"

    keep_valid(key, options)
    cell = select(
        "Open a cell (or select a mark on the map)", options, key, name, behind="Open a cell from a list", index=None,
        placeholder="Choose a topic and kind of study",
    )  # fmt: skip
    if cell is None:
        return
    topic, design = marks.decode(cell, "cell").parts
    found = D.cell_studies(derived(v, "links_in_view", filters), topic, design)
    st.markdown(
        f"**{md(v.topic_labels.get(topic, topic))} · {md(L.DESIGN.get(design, design))}: {len(found)} stud{'ies' if len(found) != 1 else 'y'}**"
    )
    if found.empty:
        st.info("No study of this design was found for this topic: this cell is a gap in the evidence.")
    else:
        st.dataframe(D.cell_studies_for_display(found), hide_index=True, width="stretch", key=f"{key}.studies",
                     column_config={"Study": st.column_config.TextColumn(pinned=True), "Link": st.column_config.LinkColumn("Link", display_text="open ↗")})  # fmt: skip


def scorecard(v: Views, doc: str) -> None:
    """An article's scorecard, its commercial signals and its claims by type."""
    st.header("Scorecard")
    st.caption("Items adopted from DISCERN and the HealthNewsReview criteria; answered from the curated data (see Methods).")
    card = derived(v, "scorecard", doc)
    st.dataframe(card[["Item", "Answer", "Detail"]], hide_index=True, width="stretch", key="articles.scorecard",
                 column_config=SCORECARD_COLUMNS, row_height=WRAP_ROW_HEIGHT)  # fmt: skip
    art = v.ds["articles"].set_index("id").loc[doc]
    for s in art["commercial_signals"]:
        st.markdown(f"- {md(s['kind'].replace('_', ' '))}: “{md(s['quote'])}”")
    by_type = derived(v, "claims_by_type", doc)
    if not by_type.empty:
        st.markdown(f"**{int(by_type['Claims'].sum())} claims, by type**")
        st.dataframe(by_type, hide_index=True)


ARTICLE_BUTTONS = 150  # more claims than this in one article: no row of buttons (the picker still lists every one)


def article_text(v: Views, doc: str, narrowing: D.Filters) -> None:
    """The article's text with every claim highlighted in its verdict's colour and labelled (see claimcheck.highlight).

    A row of buttons above the text, one per claim, opens a claim's card in a dialog and
    in the picker beside the text, without leaving the session (links in the text would
    reload the app and drop the filters).
    """
    art = v.ds["articles"].set_index("id").loc[doc]
    st.header(md(art["title"]) if isinstance(art["title"], str) else md(art["label"]))
    # once per data version, article and filters: finding every claim and quote in a long text is costly
    in_article, matching, verdicts = derived(v, "article_claims", doc, narrowing)
    st.caption(
        "Each claim is highlighted in its verdict's colour with a dotted underline (double where two claims overlap), and labelled "
        "with its id and verdict symbol. Choose a claim below to open its card."
    )
    if narrowing.active:
        st.info(
            f"**Filters apply here:** {len(matching)} of {len(in_article)} claims in this article match "
            "the filters and keep their colour; the others are shown in grey without a colour. Clear the filters to colour every claim.",
            icon="🔎",
        )
    if len(in_article) > ARTICLE_BUTTONS:
        st.caption(f"This article makes {len(in_article):,} claims, too many for a button each: open one with the claim picker.")
    elif in_article:
        st.pills(
            "Open a claim in this text", in_article, key="article.open",
            format_func=lambda c: f"{c} {L.VERDICT_ICON.get(verdicts.get(c, ''), '')}",
            on_change=_open_claim, args=("article.open",),
        )  # fmt: skip
        if st.session_state.pop("article.dialog", None) in in_article:
            _claim_dialog(v, st.session_state["article.open"])
    st.markdown(derived(v, "article_body", doc, narrowing), unsafe_allow_html=True)
    st.caption(f"Source text: {md(art['file'])}, kept as it was collected.")


def figures_grid(shown: pd.DataFrame, key: str) -> None:
    """Harm figures as a table with their sources, and a download built when clicked."""

    from .frame import table as show_table

    table = D.figures_for_display(shown)
    show_table(table, key, column_config={"Source": st.column_config.LinkColumn("Source", display_text="open ↗")})
    table_download(
        "Download these figures (CSV)", table, "harm-figures.csv", f"{key}.download", "harm figures",
        "Harm figures table: each figure with its source.",
        "Figures of different kinds and units are not comparable; counts of reports are not rates of harm.", filtered=False,
    )  # fmt: skip


def group_list(claims: pd.DataFrame, chart_key: str) -> None:
    """When a grouped mark (many claims drawn as one, on large data) is selected, list its claims; a row opens one."""
    from claimcheck import charts as C
    from claimcheck import marks

    from .frame import selected_ids

    groups = [x for x in selected_ids(st.session_state.get(chart_key)) if marks.decode(x, "group")]
    if not groups:
        return
    group = C.cell_claims(claims, groups[0])
    st.markdown(f"**{len(group):,} claims in the selected group**")
    rows = st.dataframe(
        group[["id", "statement", "verdict_label"]].head(1000), hide_index=True, width="stretch",
        on_select="rerun", selection_mode="single-row", key=f"{chart_key}.group",
    )  # fmt: skip
    picked = [group.iloc[r]["id"] for r in rows.selection.rows] if rows is not None else []
    if picked and picked != st.session_state.get(f"{chart_key}.group.previous"):
        st.session_state["claim"] = picked[0]  # drawn below this list, so set before it is
    st.session_state[f"{chart_key}.group.previous"] = picked


def verdict_badge(verdict_label: str) -> str:
    return f"{L.VERDICT_ICON.get(verdict_label, '')} **{md(verdict_label)}**"


def quote_block(text: str, article_id: str, articles: dict[str, str], cue: str = "") -> None:
    """A verbatim quote with the article it comes from (the text escaped, never rendered as markup)."""
    st.markdown(f"> “{md(text)}”  \n> — {md(article_id)} · {md(articles.get(article_id, article_id))}{cue}")


def _open_claim(key: str) -> None:
    """A claim button was pressed: show that claim in the picker (bound to the URL) and in a dialog."""
    chosen = st.session_state.get(key)
    if chosen:
        st.session_state["claim"] = chosen
        st.session_state["article.dialog"] = chosen


@st.dialog("Claim", width="large")
def _claim_dialog(v: Views, claim_id: str) -> None:
    claim_card(v, claim_id)


def claim_card(v: Views, claim_id: str) -> None:
    """Everything about one claim: quotes, verdict, reasons, certainty and the studies behind it."""
    rows = v.claims[v.claims["id"] == claim_id]
    if rows.empty:
        st.info("That claim is not in the data (it may have been set aside because of a data problem).")
        return
    c = rows.iloc[0]
    articles = v.article_labels
    with st.container(border=True):
        st.markdown(f"#### {md(c['id'])} · {md(c['statement'])}")
        cols = st.columns(4)
        cols[0].markdown(f"Verdict  \n{verdict_badge(c['verdict_label'])}")
        if c["graded"]:
            cols[1].markdown(f"Certainty of human evidence  \n**{md(c['certainty_label'])}**")
        else:
            basis = L.BASIS.get(c["basis"], "Not recorded") if isinstance(c["basis"], str) else "Not recorded"
            cols[1].markdown(f"Not graded for certainty; rests on  \n**{md(basis)}**")
        cols[2].markdown(f"How sure the wording is  \n**{md(c['assertiveness_label'])}**")
        cols[3].markdown(f"Type · topic  \n**{md(c['type_label'])}** · {md(c['topic_label'])}")
        st.markdown("**What the articles say**")
        for q in c["quotes"]:
            quote_block(q["text"], q["article"], articles)
        if c["red_flags"]:
            st.markdown("**Red-flag wording:** " + ", ".join(f"“{md(x)}”" for x in c["red_flags"]))
        if c["reasons"]:
            st.markdown("**Reasons:** " + "; ".join(md(L.label(L.REASON, r)) for r in c["reasons"]))
        if isinstance(c["rationale"], str):
            st.markdown(f"**Why:** {md(c['rationale'])}")
        if isinstance(c.get("searched"), str):
            st.markdown(f"**What was searched:** {md(c['searched'])}")
        if isinstance(c.get("would_change"), str):
            st.markdown(f"**What would change the verdict:** {md(c['would_change'])}")
        ev, ladder = derived(v, "claim_studies", claim_id)
        if ladder:
            st.markdown("**Evidence ladder:** " + " · ".join(f"{n} × {md(L.DESIGN[d])}" for d, n in ladder.items()))
        if not ev:
            st.caption("No studies are linked to this claim yet.")
        else:
            # A list, not a grid: every identifier stays visible and clickable on a phone.
            st.markdown(f"**Studies behind the verdict ({len(ev)})**  \n" + "\n".join(study_line(s) for s in ev))
        harms = derived(v, "claim_harms", claim_id)
        if harms:
            st.markdown("**Harms that bear on this claim**")
            for h in harms:
                n = h["figures"]
                page_link("harms", h["name"], ":material/warning:", harm=h["id"])
                st.caption(
                    f"{md(h['severity_label'])} · {h['n_articles']} of {len(v.ds['articles'])} articles "
                    f"warn of it · {n} figure{'s' if n != 1 else ''}"
                )
        if isinstance(c.get("last_checked"), str):
            st.caption(f"Verdict last reviewed {md(c['last_checked'])}.")
        a, b = st.columns(2)
        with a:
            page_link("classroom", "Present this claim in class", ":material/co_present:", mode="present", claim=c["id"])
        with b:
            page_link("classroom", "Quiz on this claim", ":material/quiz:", mode="quiz", quiz=c["id"])


def study_line(s: dict) -> str:
    """One study linked to a claim, as a Markdown list item: how it bears, what it is, every identifier as a link."""
    ids = " · ".join(link(D.identifier_text(kind, value), url) for kind, value, url in s["identifiers"])
    pages = " · ".join(link(f"page {i}", u) for i, u in enumerate(s["urls"] or [], 1))
    status = "" if s["counted"] else f" · **{md(s['status_label'])}: not counted as evidence**"
    secondary = "" if s["verification"] == "primary_record" else " · ⚠ seen only on a secondary page"
    return (
        f"- **{md(s['direction_label'])}** · {md(s['authors'])} ({s['year']}), *{md(s['title'])}* · "
        f"{md(s['design_label'])} · {md(s['population_text'])}{status}{secondary}  \n"
        f"  {md(s['note'])}  \n  {ids + ' · ' if ids else ''}seen on: {pages or 'no page recorded'}"
    )


STUDY_COLUMNS = {
    "Status": st.column_config.TextColumn("Status", width="medium"),
    "Link": st.column_config.LinkColumn(
        "Link", display_text="open ↗", help="The study's canonical page (DOI, PubMed, PMC or registry) when it has an identifier"
    ),
}


def study_rows(studies: pd.DataFrame, with_direction: bool = False) -> pd.DataFrame:
    """Studies as a display table: one row each, with its status, identifiers, a canonical link and a verification badge."""
    out = pd.DataFrame(
        {
            "Study": studies["id"],
            "Status": studies["status_label"],
            "Year": studies["year"],
            "Title": studies["title"],
            "Design": studies["design_label"],
            "Population": studies["population_text"],
            "Finding": studies["finding"],
            "Verified": studies["verification_label"],
            "Identifiers": studies["identifiers_text"],
            "Link": studies["link"],
        }
    )
    if with_direction:
        out.insert(1, "Direction", studies["direction_label"])
        out.insert(2, "How it bears on the claim", studies["note"])
    return out


FIGURES_SHOWN = 6


def _figure_line(f) -> str:
    """One harm figure as a Markdown list item: value, denominator, kind, period, place, source."""
    value = L.figure_value(f.value, f.unit)
    unit = {"count": "", "ratio": " (ratio)", "percent_change": " change"}.get(f.unit, "")
    denominator = f"of n = {f.denominator:,.0f} " if pd.notna(f.denominator) else ""
    secondary = "" if f.verification == "primary_record" else " · ⚠ seen only on a secondary page"
    return (
        f"- **{md(value)}{unit}** {md(denominator)}{md(f.denominator_label)} · {md(f.data_kind_label)} · "
        f"{md(f.period)} · {md(f.place)} · {link(f.source_label, f.source_url)}{secondary}"
    )


def harm_card(v: Views, harm_id: str) -> None:
    """One harm: what it is, which articles mention it (with quotes), its figures and the claims it bears on."""
    rows = v.ds["harms"][v.ds["harms"]["id"] == harm_id]
    if rows.empty:
        st.info("That harm is not in the data.")
        return
    h = rows.iloc[0]
    articles = v.article_labels
    with st.container(border=True):
        st.markdown(f"#### {md(h['name'])} · {md(L.SEVERITY[h['severity']])}")
        st.caption(f"Body system: {md(h['body_system'])}. {md(h['severity_note'] or '')}")
        if isinstance(h["description"], str):
            st.markdown(md(h["description"]))
        if h["mentions"]:
            st.markdown("**What the articles say**")
            for q in h["mentions"]:
                cue = " · **mentions it only to deny or minimise it**" if q.get("stance") == "downplays" else ""
                quote_block(q["text"], q["article"], articles, cue)
        else:
            st.markdown("**No article mentions it.**")
        figs = v.figures[v.figures["harm_id"] == harm_id]
        if figs.empty:
            st.caption("No verified frequency figure for this harm.")
        else:
            # A list, not a data grid: a grid here would load the grid's code on every first view of the page.
            lines = [_figure_line(f) for f in figs.itertuples()]
            st.markdown(f"**How often: {len(figs)} figure{'s' if len(figs) != 1 else ''}**  \n" + "\n".join(lines[:FIGURES_SHOWN]))
            if len(lines) > FIGURES_SHOWN:
                with st.expander(f"The other {len(lines) - FIGURES_SHOWN} figures"):
                    st.markdown("\n".join(lines[FIGURES_SHOWN:]))
            st.caption("All figures, with notes and a download, are under Show: How often.")
        linked = derived(v, "harm_claims", harm_id)
        if linked:
            st.markdown("**Safety claims this harm bears on:** " + "; ".join(f"{md(i)} ({md(vl)})" for i, vl in linked))


def sweep_line(v: Views, today) -> None:
    """When the legal table was last swept, and how many entries in force are overdue for a re-check."""
    import datetime as dt

    from .data import derived

    sweep = derived(v, "legal_sweep", today)  # once per data version and day
    if sweep.latest:
        swept = dt.date.fromisoformat(sweep.latest)
        st.caption(
            f"Table last swept: **{swept.day} {swept:%b %Y}** (the latest check of an entry in force) · "
            f"**{sweep.overdue} of {sweep.current}** entries in force are overdue for a re-check (read more than {sweep.limit} days ago, marked ⏳)."
        )


def federal_line(status: pd.DataFrame, scope_name: str) -> None:
    """The federal position, which applies in every state, above the maps."""
    federal = status[status["level"] == "federal"]
    if not federal.empty:
        f = federal.iloc[0]
        st.markdown(f"**{md(f['name'])}, {md(scope_name.lower())}:** {md(L.LEGAL_STATUS[f['status']])} — {md(f['instrument'] or '')}")
    else:  # the US map's caption points here: say there is nothing, rather than leave the reader looking
        st.markdown(
            f"**Federal, {md(scope_name.lower())}:** no federal entry in the table for this year; the states stand on their own entries."
        )


def legal_table(legality: pd.DataFrame, today, scopes: dict) -> None:
    """Every legal entry with its source, as a table with a download built when clicked."""

    from .frame import table as show_table

    show = D.provenance_table(legality, today, D.STALE_DAYS, scopes).rename(columns=L.LEGAL_TABLE_COLUMNS)
    # What the reader asks first (where, what status, on what source) comes first and stays in view.
    first = ["Place", "Status", "Source"]
    show = show[first + [c for c in show.columns if c not in first]]
    st.markdown(f"**{len(show)} entries**, every period of every place, whatever the year chosen above.")
    show_table(show, "legality.table", column_config={
        "Place": st.column_config.TextColumn(pinned=True), "Status": st.column_config.TextColumn(pinned=True),
        "Source": st.column_config.LinkColumn("Source", display_text="open ↗", pinned=True),
    })  # fmt: skip
    table_download(
        "Download the legal table (CSV)", show, "legality.csv", "legality.download", "legal status, every period of every place",
        "Legality table: each status with the page where it was seen.",
        "Not legal advice: laws change, and entries of low confidence or seen only on secondary pages are marked.", filtered=False,
    )  # fmt: skip


def legal_history(history: pd.DataFrame, today, stale_days: int, scopes: dict | None = None) -> None:
    """One jurisdiction's legal periods as a list: status, dates, instrument, confidence, every source, notes.

    A list rather than a table, so the long instruments and notes are read whole.
    """
    if history.empty:
        st.info("There is no legal entry for this place.")
        return

    def text(x, empty: str = "") -> str:
        return x if isinstance(x, str) and x else empty

    ages = D.check_age_days(history["last_checked"], today)
    for row, age in zip(history.itertuples(), ages):
        stale = f" · ⏳ checked more than {stale_days} days ago" if D.is_stale(age, stale_days) else ""
        sources = " · ".join(link(f"source {i}", u) for i, u in enumerate(row.source_urls, 1)) or "no source recorded"
        lines = [
            f"**{md((scopes or {}).get(row.scope, row.scope))}: {md(L.LEGAL_STATUS.get(row.status, row.status))}** · "
            f"from {md(text(row.start, 'an unknown date'))} to {md(text(row.end, 'now'))}",
            md(text(row.instrument, "No instrument recorded.")),
            f"Confidence {md(L.CONFIDENCE.get(row.confidence, row.confidence))} · "
            f"{md(L.LEGAL_VERIFICATION.get(row.verification, row.verification))} · checked {md(row.last_checked)}{stale} · {sources}",
        ]
        if text(row.note):
            lines.append(f"*Note:* {md(row.note)}")
        if text(row.disagreement):
            lines.append(f"*Sources disagree:* {md(row.disagreement)}")
        st.markdown("- " + "  \n  ".join(lines))
