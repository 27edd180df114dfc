"""Jurisdiction codes: ISO 3166-1 alpha-3 countries, US postal codes, local codes.

Country codes come from the ISO 3166 list shipped with ``pycountry`` (offline).
International bodies use ``INTL`` (timeline only). Local rules use the documented form ``US-XX:place-slug``, for example
``US-CA:san-diego``: a US postal code, a colon, then lower-case words joined by
hyphens.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

US_STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip

# International bodies (for example a WHO committee) on the legal timeline.
INTERNATIONAL = "INTL"

_LOCAL = re.compile(r"^US-([A-Z]{2}):([a-z0-9]+(?:-[a-z0-9]+)*)$")


@lru_cache(maxsize=1)
def iso_alpha3() -> frozenset[str]:
    """Every ISO 3166-1 alpha-3 country code."""
    return frozenset(c.alpha_3 for c in pycountry.countries)


def code_kind(code: str) -> str | None:
    """'country', 'state' or 'local' for a well-formed code, None otherwise."""
    if code in iso_alpha3():
        return "country"
    if code == INTERNATIONAL:
        return "international"
    if code in US_STATES:
        return "state"
    m = _LOCAL.match(code)
    if m and m.group(1) in US_STATES:
        return "local"
    return None


def check_code(code: str, level: str | None = None) -> str | None:
    """Return a plain message if ``code`` is not valid for ``level``, else None."""
    kind = code_kind(code)
    if kind is None:
        if re.fullmatch(r"[A-Z]{3}", code):
            return f"{code!r} is not an ISO 3166-1 alpha-3 country code"
        if re.fullmatch(r"[A-Z]{2}", code):
            return f"{code!r} is not a US state or DC postal code"
        return f"{code!r} is not a country code (ISO alpha-3), a US postal code or a local code like US-CA:san-diego"
    expected = {"country": ("country", "federal"), "state": ("state",), "local": ("local",), "international": ()}[kind]
    if level is not None and level not in expected:
        return f"code {code!r} is a {kind} code but the row's level is {level!r}"
    return None


def state_of_local(code: str) -> str | None:
    """The US postal code inside a local code, or None."""
    m = _LOCAL.match(code)
    return m.group(1) if m else None
