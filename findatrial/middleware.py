"""Site-wide request guards that belong to no app."""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.middleware.locale import LocaleMiddleware

from findatrial.views import method_not_allowed


def reject_nul_bytes(get_response: Callable[[HttpRequest], HttpResponse]):
    """A NUL byte in a query or a form is never meant: answer 400 before any view runs.

    PostgreSQL refuses NUL in text, so letting one through to a query turns a probe into a
    server error. Django's form fields refuse NUL; this covers parameters read by hand and the
    admin's search box. Ids in the path are checked by their converters (a 404, as for any
    unknown address).
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if _has_nul(request.GET):
            raise BadRequest("NUL byte in the query")
        if request.method == "POST" and _has_nul(request.POST):
            raise BadRequest("NUL byte in a form")
        return get_response(request)

    return middleware


def _has_nul(data) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in data.lists()
    )


def own_error_pages(get_response: Callable[[HttpRequest], HttpResponse]):
    """Django answers a wrong method with an empty 405: give it our page instead."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.status_code == 405 and not response.content:
            return method_not_allowed(request, response)
        return response

    return middleware


class CompressPublicPages(GZipMiddleware):
    """GZip for pages that carry no secret: the ones marked `Cache-Control: public`.

    BREACH guesses a secret in a compressed response that also reflects what the attacker
    sends. Pages everyone sees alike (trials.freshness) hold no CSRF token, session or link
    token, so there is nothing to guess; pages with a patient's answers, a form or a shared
    result's link are not public and go uncompressed. Static files come compressed from
    whitenoise (built at collectstatic), so only HTML and XML are handled here.
    """

    COMPRESSED_TYPES = ("text/html", "application/xml")

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        public = "public" in response.get("Cache-Control", "")
        if not public or not response.get("Content-Type", "").startswith(self.COMPRESSED_TYPES):
            return response
        return super().process_response(request, response)


def private_when_personal(get_response: Callable[[HttpRequest], HttpResponse]):
    """Any response that read or set the session is the patient's own: no cache may keep it.

    A rule here rather than a decorator on each view, so no new page holding answers can
    forget it. Listed before SessionMiddleware, it sees the session cookie that one sets.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        session = getattr(request, "session", None)
        if session is not None and (
            session.accessed or settings.SESSION_COOKIE_NAME in response.cookies
        ):
            # Replaced, not patched: a max-age a view set for everyone must not survive.
            response["Cache-Control"] = "private, no-store"
        return response

    return middleware


class LanguageFromAddress(LocaleMiddleware):
    """The language is the address's: `/es/…` is Spanish, every other path English.

    Django's LocaleMiddleware already ignores Accept-Language and the language cookie on
    unprefixed paths when the default language is unprefixed (the pages we answer are English
    there, and `/` never redirects by header or IP), yet it still sends `Vary: Accept-Language`
    for them. That header is untrue here and costly: a shared cache would keep one copy of a
    page per browser language string. So the address is the whole cache key, as it should be.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        vary = response.get("Vary")
        response = super().process_response(request, response)
        if vary is None:
            del response["Vary"]
        else:
            response["Vary"] = vary
        return response
