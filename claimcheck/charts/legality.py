"""Legality: maps of legal status and the timeline of rule changes."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from .. import labels as L
from .. import marks
from ..freshness import MAX_AGE_DAYS, is_overdue
from .common import AXIS_BELOW, add_row_labels, base, empty, esc, esc_all, label_rows, wrap


def _checked_ago(last_checked: str, today: dt.date) -> str:
    """' (N days ago)', with an overdue mark past the legal table's re-check limit."""
    age = (today - dt.date.fromisoformat(last_checked)).days
    return f" ({age} days ago{', ⏳ overdue for a re-check' if is_overdue(age, MAX_AGE_DAYS['legality']) else ''})"


LOCAL_RULES = "★ City or county rules<br>(star under the state's symbol)"


def legal_map(status: pd.DataFrame, region: str, title: str, local: pd.DataFrame | None = None, today=None) -> go.Figure:
    """Choropleth of legal status, with a status symbol at each jurisdiction so colour is not the only cue.

    Low-confidence entries carry a "?" beside their symbol. On the US map, a star
    marks each state with city or county rules (``local`` from
    :func:`claimcheck.domain.local_rules_by_state`).
    """
    if status.empty:
        return empty(title)
    df = status.copy()
    df["status_label"] = df["status"].map(L.LEGAL_STATUS)
    mode = "USA-states" if region == "us" else "ISO-3"
    df["hover"] = [
        f"<b>{esc(n)}</b><br>{s} (confidence: {L.CONFIDENCE[c]})<br>{wrap(i if isinstance(i, str) else '', 50)}<br>"
        f"From {esc(st) if isinstance(st, str) else 'date not verified'}" + (f" to {esc(en)}" if isinstance(en, str) else "")
        + f"<br>Source: {wrap(u[0] if len(u) else 'none found', 60)}<br>Checked {esc(lc)}" + (_checked_ago(lc, today) if today else "")
        for n, s, c, i, st, en, lc, u in zip(
            df["name"], df["status_label"], df["confidence"], df["instrument"], df["start"], df["end"], df["last_checked"], df["source_urls"]
        )
    ]  # fmt: skip
    fig = go.Figure()
    parts = [(lab, colour, df[df["status_label"] == lab]) for lab, colour in L.LEGAL_STATUS_COLOUR.items()]
    parts = [(lab, colour, part) for lab, colour, part in parts if not part.empty]
    for status_label, colour, part in parts:
        fig.add_trace(
            go.Choropleth(
                locations=part["code"], locationmode=mode, z=[1] * len(part),
                colorscale=[[0, colour], [1, colour]], showscale=False, name=status_label,
                marker=dict(line=dict(color="white", width=0.6)), customdata=[(marks.encode("place", c),) for c in part["code"]],
                hovertext=part["hover"], hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
            )
        )  # fmt: skip
    if local is not None and not local.empty and region == "us":
        # Drawn before the status symbols, larger: the star frames the state's symbol and never covers it.
        fig.add_trace(
            go.Scattergeo(
                locations=local["state"], locationmode="USA-states", mode="markers", name=LOCAL_RULES,
                marker=dict(symbol="star", size=26, color=L.YELLOW, line=dict(color="#222222", width=1)),
                customdata=[(marks.encode("place", c),) for c in local["state"]], hovertext=esc_all(local["summary"]),
                hovertemplate="<b>City or county rules</b><br>%{hovertext}<extra></extra>",
            )
        )  # fmt: skip
    for status_label, _colour, part in parts:
        symbol = L.LEGAL_STATUS_SYMBOL[status_label]
        fig.add_trace(
            go.Scattergeo(
                locations=part["code"], locationmode=mode, mode="markers+text", name=status_label,
                marker=dict(
                    symbol=symbol,
                    # open symbols take their colour from `color`; filled ones get a white fill and dark outline
                    color="#222222" if symbol.endswith("-open") else "white", size=10, line=dict(color="#222222", width=1.5),
                ),
                text=["?" if c == "low" else "" for c in part["confidence"]], textposition="middle right",
                textfont=dict(size=13, color="#222222"),
                customdata=[(marks.encode("place", c),) for c in part["code"]], hovertext=part["hover"],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )  # fmt: skip
    if region == "us":
        geo = dict(scope="usa", showlakes=False)
    else:
        # The whole world the way atlases draw it: natural earth, centred on Greenwich, never zoomed to the data.
        geo = dict(
            scope="world", projection_type="natural earth", projection_rotation=dict(lon=0, lat=0), center=dict(lon=0, lat=0),
            lonaxis_range=[-180, 180], lataxis_range=[-90, 90], fitbounds=False, showcountries=True,
        )  # fmt: skip
    fig.update_geos(showframe=False, **geo)
    fig = base(fig, title, height=520)
    fig.update_layout(
        legend_title=dict(text="Status (symbol on each place;<br>? = low confidence)", side="top"),
        margin_b=fig.layout.margin.b + 44,  # the legend's two-line title
        height=fig.layout.height + 44,
    )
    return fig


def timeline(events: pd.DataFrame, title: str = "When did the rules change?") -> go.Figure:
    """One row per jurisdiction (named above its row), one mark per dated event; hover gives the event and its source."""
    if events.empty:
        return empty(title)
    places = list(dict.fromkeys(events.sort_values("when")["place"]))
    wrapped, row_px = label_rows(places)
    keys = esc_all(places)  # data text, inert even where it is only a category key
    fig = go.Figure(
        go.Scatter(
            x=events["when"], y=esc_all(events["place"]), mode="markers", showlegend=False,
            marker=dict(symbol="diamond", size=13, color=L.BLUE, line=dict(color="#222", width=1)),
            customdata=list(zip([marks.encode("event", i) for i in events["id"]], esc_all(events["date"]), events["event"].map(lambda t: wrap(t, 60)), esc_all(events["link"].fillna("")), esc_all(events["place"]))),
            hovertemplate="<b>%{customdata[4]}</b> · %{customdata[1]}<br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>",
        )
    )  # fmt: skip
    add_row_labels(fig, keys, wrapped)
    fig.update_xaxes(title="Date", showgrid=True, gridcolor="#eeeeee")
    return base(fig, title, plot_height=row_px * len(places) + 20, bottom=AXIS_BELOW)
