"""The data behind a figure as a plain table: the text alternative shown under every chart."""

from __future__ import annotations

import base64
import datetime as dt
import html
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import marks

_TAG = re.compile(r"<[^>]+>")


def _as_list(v) -> list | None:
    """A trace's array as a list: plain, numpy, or plotly's typed-array form (a figure rebuilt from JSON keeps
    ``{"dtype": "i1", "bdata": "…"}``, whose keys would otherwise be read as two marks)."""
    if v is None:
        return None
    if isinstance(v, str):
        return None
    if isinstance(v, dict):
        if "bdata" not in v or "dtype" not in v:
            return None
        arr = np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"]))
        shape = v.get("shape")
        if shape:
            arr = arr.reshape([int(x) for x in str(shape).split(",")] if isinstance(shape, str) else list(shape))
        return arr.tolist()
    try:
        return list(v)
    except TypeError:
        return None


def _tick_lookup(axis) -> dict:
    vals, text = _as_list(axis.tickvals), _as_list(axis.ticktext)
    return dict(zip(vals, text)) if vals and text else {}


def _trace_ticks(fig: go.Figure, trace, axis: str) -> dict:
    """Tick labels of the axis a trace is drawn on: in stacked panels, trace.xaxis "x2" is layout.xaxis2."""
    if not hasattr(trace, f"{axis}axis"):  # maps have no x or y axis
        return {}
    name = getattr(trace, f"{axis}axis") or axis
    return _tick_lookup(fig.layout[f"{axis}axis{name[1:]}"])


def _on_tick(value, ticks: dict):
    # Marks may be nudged apart around a tick (see hype_gap): report the tick they belong to.
    if not ticks or value is None:
        return value
    if value in ticks:
        return ticks[value]
    try:
        nearest = min(ticks, key=lambda t: abs(float(t) - float(value)))
    except (TypeError, ValueError):
        return value
    return ticks[nearest] if abs(float(nearest) - float(value)) < 0.5 else value


def figure_table(fig: go.Figure, limit: int = 500) -> pd.DataFrame:
    """The data behind a figure as a plain table: the text alternative shown under every chart.

    One row per mark: its series, the id of the record behind it, its x and y
    (as the axis labels them) or its place, and its hover text without markup.
    """
    rows = []
    for tr in fig.data:
        xt, yt = _trace_ticks(fig, tr, "x"), _trace_ticks(fig, tr, "y")
        if tr.hoverinfo == "skip" or getattr(tr, "fill", None) == "toself":
            continue
        locs = _as_list(getattr(tr, "locations", None))
        xs, ys = _as_list(getattr(tr, "x", None)), _as_list(getattr(tr, "y", None))
        n = len(locs if locs is not None else xs if xs is not None else ys if ys is not None else [])
        hover = _as_list(getattr(tr, "hovertext", None))
        custom = _as_list(getattr(tr, "customdata", None))
        template = getattr(tr, "hovertemplate", None)
        if hover is None and isinstance(template, str) and custom is not None and "customdata" in template:
            # the hover is written from the marks' data (a timeline event's date and text): the table says the same
            hover = [_fill(template, cd) for cd in custom]
        for i in range(n):
            if ys is not None and i < len(ys) and ys[i] is None and xs is not None:
                continue  # a gap left on purpose (a missing year), not a mark
            cd = custom[i] if custom is not None and i < len(custom) else None
            ident = cd[0] if isinstance(cd, (list, tuple)) or hasattr(cd, "__len__") and not isinstance(cd, str) else cd
            # a mark drawn for several records (a group of claims) lists each of them
            members = _members(ident, cd)
            rows.extend(
                {
                    "Series": html.unescape(_TAG.sub(" ", tr.name or "")).strip(),
                    "Record": record,
                    "Place": locs[i] if locs is not None else None,
                    "x": _on_tick(xs[i], xt) if xs is not None and i < len(xs) else None,
                    "y": _on_tick(ys[i], yt) if ys is not None and i < len(ys) else None,
                    "Details": (html.unescape(_TAG.sub(" ", str(hover[i]))).strip() or None)
                    if hover is not None and i < len(hover)
                    else None,
                }
                for record in members
            )
        if len(rows) >= limit:
            break
    for r in rows:
        for k in ("x", "y"):
            if isinstance(r[k], np.datetime64):
                r[k] = pd.Timestamp(r[k])
            if isinstance(r[k], (pd.Timestamp, dt.datetime)):  # a date axis: the day, not a midnight time
                r[k] = r[k].date().isoformat() if r[k].time() == dt.time() else r[k].isoformat(sep=" ")
            if isinstance(r[k], str):
                r[k] = " ".join(html.unescape(_TAG.sub(" ", r[k])).split())
    df = pd.DataFrame(rows[:limit], columns=["Series", "Record", "Place", "x", "y", "Details"])
    return df.dropna(axis=1, how="all")


_FIELD = re.compile(r"%\{customdata\[(\d+)\]\}")


def _fill(template: str, cd) -> str:
    """A hover template written out for one mark from its customdata (other placeholders and <extra> dropped)."""
    cd = list(cd) if isinstance(cd, (list, tuple)) else [cd]
    text = re.sub(r"<extra>.*?</extra>", "", template)
    text = _FIELD.sub(lambda m: str(cd[int(m.group(1))]) if int(m.group(1)) < len(cd) else "", text)
    return re.sub(r"%\{[^}]*\}", "", text).replace("<br>", " ")


def _record(ident) -> str:
    """The id a reader knows (C001, pain|rct), not the typed mark behind it (claim:C001)."""
    mark = marks.decode(str(ident))
    return mark.key if mark is not None else str(ident)


def _members(ident, cd) -> list:
    """The records behind one mark: its own id, or each member of a group mark (customdata[2])."""
    if ident is None:
        return [None]
    mark = marks.decode(str(ident))
    extra = _as_list(cd[2]) if mark is not None and mark.kind == "group" and _as_list(cd) and len(cd) > 2 else None
    return [str(m) for m in extra] if extra else [_record(ident)]
