"""Every page in its other language: the twin addresses for hreflang links and the switch.

English pages live at their addresses, Spanish ones at the same address under `/es/`
(findatrial.urls), so a page's twin is its path with the prefix added or taken off, the query
string kept: a patient mid-questionnaire (`/check/?edit=age`) lands on the same step, and their
answers, in the session cookie (path `/`), come along. Working on the path rather than
resolving it also gives a 404 page its twin.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.urls import get_script_prefix
from django.utils.translation import get_language, get_language_from_path

# The longest query string a twin keeps: every filter of the list, or a short list's 20 ids
# (`?ids=`, `?trials=`), fits in a few hundred characters.
LONGEST_QUERY = 1000


@dataclass(frozen=True)
class Twin:
    """This page in one language."""

    code: str
    prefix: str  # "" for English, "/es" for Spanish
    name: str  # in its own language (settings.LANGUAGES): "English", "Español"
    url: str  # path and query, for links
    absolute_url: str  # for <link rel="alternate" hreflang>


def prefix_of(language: str) -> str:
    """The start of every address in `language`: none for English, the default."""
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def address_in(request: HttpRequest, language: str) -> str:
    """The path and query string of the page `request` asked for, in `language`."""
    path = request.path_info
    current = get_language_from_path(path)
    if current:
        path = path.removeprefix(f"/{current}") or "/"
    url = get_script_prefix().rstrip("/") + prefix_of(language) + path
    query = request.META.get("QUERY_STRING", "")
    if len(query) > LONGEST_QUERY:
        return url  # no page of ours makes one: never echo a pasted wall of text
    return f"{url}?{query}" if query else url


def twins(request: HttpRequest) -> list[Twin]:
    """This page in every language we publish, English first."""
    try:
        origin = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        origin = ""  # our 400 page for a bad Host header: relative links, never that host
    found = []
    for code, name in settings.LANGUAGES:
        url = address_in(request, code)
        found.append(
            Twin(code=code, prefix=prefix_of(code), name=name, url=url, absolute_url=origin + url)
        )
    return found


def language_links(request: HttpRequest) -> dict[str, object]:
    """Context processor: `twins` for hreflang, `other_languages` for the visible switch."""
    current = get_language() or settings.LANGUAGE_CODE
    every = twins(request)
    return {
        "twins": every,
        "default_twin": next(twin for twin in every if twin.code == settings.LANGUAGE_CODE),
        "other_languages": [twin for twin in every if twin.code != current],
        "language_prefix": prefix_of(current),
    }
