"""The dashboard's pages, declared once: script, title, icon, URL name and the URL parameters each owns.

The navigation, the links between views, the ClaimReview URLs and the tests all read
this list, so a page is renamed or added in one place. The URL name is the one
Streamlit derives from the script's file name in the ``pages/`` folder (a test checks
that they agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from claimcheck.domain.filters import FILTER_PARAMS  # the shared filters in the sidebar, on every page

__all__ = ["FILTER_PARAMS", "PAGES", "PAGE_PARAMS", "Page", "page", "url"]


@dataclass(frozen=True)
class Page:
    key: str  # short name used in code ("claims")
    script: str  # path from the repository root
    title: str  # shown in the navigation and the browser tab
    icon: str  # a Material icon that ships with Streamlit (draws offline)
    url_path: str  # the page's path in the URL ("" for the overview)
    params: tuple[str, ...] = ()  # URL parameters of the page's own controls and selections


PAGES: tuple[Page, ...] = (
    Page("overview", "dashboard.py", "Overview", ":material/home:", "", ("claim",)),
    Page("claims", "pages/1_Claims.py", "Claims", ":material/format_quote:", "Claims", ("q", "view", "claim")),
    Page("evidence", "pages/2_Evidence.py", "Evidence", ":material/science:", "Evidence", ("view", "cell", "rung")),
    Page("articles", "pages/3_Articles.py", "Articles", ":material/article:", "Articles", ("doc", "claim")),
    Page(
        "harms",
        "pages/4_Adverse_effects.py",
        "Adverse effects",
        ":material/warning:",
        "Adverse_effects",
        ("view", "kind", "severity", "system", "harm"),
    ),
    Page("legality", "pages/5_Legality.py", "Legality", ":material/gavel:", "Legality", ("year", "scope", "map", "place")),
    Page("classroom", "pages/6_Classroom.py", "Classroom", ":material/school:", "Classroom", ("mode", "step", "claim", "quiz")),
    Page("methods", "pages/7_Methods_and_data.py", "Methods and data", ":material/menu_book:", "Methods_and_data"),
    Page("check", "pages/8_Check_an_article.py", "Check an article", ":material/fact_check:", "Check_an_article"),
)
BY_KEY = {p.key: p for p in PAGES}
# Every parameter some page's own control uses (the shared filters are not among them).
PAGE_PARAMS = tuple(dict.fromkeys(name for p in PAGES for name in p.params))


def page(key: str) -> Page:
    """The page declared under ``key`` (a KeyError names the known keys)."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"no page {key!r}; pages are {', '.join(BY_KEY)}") from None


def url(key: str, base: str = "", **params: str | list[str] | tuple[str, ...]) -> str:
    """The address of a view: ``base`` (the app's public URL, or empty for a relative link), page, parameters.

    A list value becomes a repeated parameter (``?verdict=a&verdict=b``), the form the
    sidebar's filters use. Empty values are left out.
    """
    p = page(key)
    pairs = []
    for name, value in params.items():
        values = list(value) if isinstance(value, (list, tuple)) else [value]
        pairs += [(name, str(x)) for x in values if x not in (None, "")]
    path = quote(p.url_path)
    head = f"{base.rstrip('/')}/{path}" if base else path
    return head + (f"?{urlencode(pairs)}" if pairs else "")
