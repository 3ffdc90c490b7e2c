"""HTTP caching of the pages every visitor sees alike: the data's version, ETags, shared caches.

The rule, as the README states it: an editor's change shows within SHARED_SECONDS (60 s).
Every change made through the admin or the import moves a trial's `updated_at` (inline sites,
contacts and criteria included), and the version below reads the newest one from an index, so
the server itself answers with the change at once; a browser or a shared cache may keep the
page it has for up to SHARED_SECONDS (`Cache-Control: public, max-age=60`). What `updated_at`
cannot see (a trial deleted, a condition renamed, raw SQL) shows within SHARED_SECONDS too,
because every version also carries the current minute: pages, their ETags and the rendered
fragments kept in Django's cache all roll over with it.

Pages with a patient's answers never pass through here: they stay `private, no-store`.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import condition

from trials.models import Trial

SHARED_SECONDS = 60
T = TypeVar("T")
# Headers a kept page is served again with (Content-Length is worked out anew).
KEPT_HEADERS = ("Content-Type", "Content-Language", "HX-Push-Url", "Vary")


def _minute() -> int:
    return int(time.time() // SHARED_SECONDS)


def catalogue_version() -> str:
    """Changes when any trial is saved, and every SHARED_SECONDS: one index lookup."""
    newest = Trial.objects.aggregate(newest=Max("updated_at"))["newest"]
    return f"{newest.timestamp() if newest else 0}.{_minute()}"


def trial_version(registry_id: str) -> str | None:
    """The version of one published trial's page, by its exact id (the unique index).

    None when no published trial has exactly this id: the view then answers as usual (a
    redirect to the right spelling, a staff preview or a 404), uncached.
    """
    found = Trial.objects.filter(registry_id=registry_id, published=True).values_list(
        "updated_at", flat=True
    )
    for updated_at in found:
        return f"{updated_at.timestamp()}.{_minute()}"
    return None


def kept(key: tuple, build: Callable[[], T], *, version: object) -> T:
    """A rendered fragment (JSON-LD, a QR code) from Django's cache, built on a miss.

    The key carries the version and the minute, so a change makes a new entry within
    SHARED_SECONDS; old entries expire by themselves.
    """
    # Keyed by language too: most fragments hold words (labels, names, JSON-LD).
    name = _key("fragment", version, _minute(), get_language(), *key)
    found = cache.get(name)
    if found is None:
        found = build()
        cache.set(name, found, timeout=2 * SHARED_SECONDS)
    return found


def shared_page(version_of: Callable[..., str | None]):
    """A view every visitor sees alike: ETag from the data's version, 304s, a cached copy.

    `version_of(request, *args, **kwargs)` returns the version of what the page shows, or None
    to let the view answer uncached (redirects, previews, 404s). A page the view marks
    `response.keep = False` (one echoing what a person typed) is not kept.
    """

    def decorator(view):
        def etag(request: HttpRequest, *args, **kwargs) -> str | None:
            version = version_of(request, *args, **kwargs)
            request.shared_version = version
            if version is None:
                return None
            return _key("etag", version, get_language(), *_variant(request))

        @functools.wraps(view)
        @condition(etag_func=etag)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            version = request.shared_version
            if version is None:
                return view(request, *args, **kwargs)
            name = _key(
                "page", version, get_language(), request.get_full_path(), *_variant(request)
            )
            found = cache.get(name)
            if found is not None:
                content, headers = found
                response = HttpResponse(content)
                for header, value in headers.items():
                    response[header] = value
            else:
                response = view(request, *args, **kwargs)
                if response.status_code != 200 or response.has_header("Cache-Control"):
                    return response
                if _personal(request, response):
                    patch_cache_control(response, private=True, no_store=True)
                    return response
                if getattr(response, "keep", True):
                    headers = {h: response[h] for h in KEPT_HEADERS if response.has_header(h)}
                    cache.set(name, (response.content, headers), timeout=2 * SHARED_SECONDS)
            patch_cache_control(response, public=True, max_age=SHARED_SECONDS)
            # The language is in the address (/es/…), so it is already part of any cache's key.
            patch_vary_headers(response, ["HX-Request"])
            return response

        return wrapped

    return decorator


def _personal(request: HttpRequest, response: HttpResponse) -> bool:
    """The answer carries something of this visitor's: a CSRF token, a cookie, the session."""
    session = getattr(request, "session", None)
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or response.cookies
        or (session is not None and session.accessed)
    )


def _variant(request: HttpRequest) -> tuple[str, str]:
    """Whether htmx asked (a fragment) or restores history (a full page): different answers."""
    return (
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-History-Restore-Request", ""),
    )


def _key(kind: str, *parts: object) -> str:
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=16).hexdigest()
    return f"{kind}:{digest}"
