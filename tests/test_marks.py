"""The ids behind chart marks: typed, and every id survives encoding and decoding."""

from __future__ import annotations

import pytest

from claimcheck import marks

ODD = ["C001", "pain|rct", "50%", "%7C", "a:b", "US-CA:san-diego", "", " spaced ", "ünïcødé ★", "x|y|z%25", "<b>&amp;"]


@pytest.mark.parametrize("part", ODD)
def test_one_part_ids_round_trip(part):
    for kind in ("claim", "harm", "place", "figure", "event", "rung"):
        text = marks.encode(kind, part)
        assert text.startswith(f"{kind}:")
        assert marks.decode(text) == marks.Mark(kind, (part,))


@pytest.mark.parametrize("a", ODD)
@pytest.mark.parametrize("b", ["rct", "a|b", "%", "c:d"])
def test_several_part_ids_round_trip_however_odd_their_parts(a, b):
    text = marks.encode("cell", a, b)
    mark = marks.decode(text)
    assert mark == marks.Mark("cell", (a, b))
    # the key a select box keeps decodes to the same mark when its kind is given
    assert marks.decode(mark.key, "cell") == mark
    assert str(mark) == text
    group = marks.decode(marks.encode("group", a, b, "insufficient"))
    assert group.parts == (a, b, "insufficient")


def test_kinds_are_checked_on_both_sides():
    with pytest.raises(ValueError):
        marks.encode("nonsense", "x")
    with pytest.raises(ValueError):
        marks.encode("cell", "only-one-part")
    assert marks.decode("C001") is None, "an id without its kind is not a mark"
    assert marks.decode("claim:C001", "cell") is None, "a mark of another kind is refused"
    assert marks.decode("cell:only-one") is None
    assert marks.decode(None) is None and marks.decode(3) is None
    assert marks.decode("pain|rct", "cell").parts == ("pain", "rct")
    assert marks.decode("US-CA:san-diego", "place").key == "US-CA:san-diego"
