"""Site-wide responses that belong to no app: robots.txt and the pages for failed requests."""

import sys

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.defaults import server_error as django_server_error

from findatrial.outages import RETRY_AFTER_SECONDS, is_outage, outage_log


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    # The questionnaire's pages may be crawled: each says noindex, which a crawler kept out
    # would never read. Shared results are not fetched at all: a leaked link stays unread.
    lines = [
        "User-agent: *",
        "Disallow: /shared/",
        "Disallow: /es/shared/",
        f"Disallow: {reverse('admin:index')}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent from a page that expired (or with cookies blocked): say so, and lead back.

    The link goes back to the page the form was on, whose answers live in the session cookie,
    so going back loses nothing that was saved; only the one form sent is lost.
    """
    came_from = request.headers.get("Referer", "")
    same_site = url_has_allowed_host_and_scheme(
        came_from, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    again_url = came_from if same_site else reverse("screening:check")
    response = HttpResponseForbidden(
        render_to_string(
            "403_csrf.html",
            {"again_url": again_url, "keeps_answers": bool(request.session.keys())},
            request=request,
        )
    )
    if request.headers.get("HX-Request") == "true":
        # htmx does not swap a 403: reload the page instead, with a fresh form.
        response["HX-Refresh"] = "true"
    return response


def method_not_allowed(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Our page for a 405, keeping the Allow header Django set."""
    page = render(request, "405.html", status=405)
    page["Allow"] = response["Allow"]
    return page


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: an outage of the database gets a calm 503; anything else is our bug (500).

    Called while the exception is being handled, for errors raised in views and middleware
    alike. The 503 is logged here, once per burst, instead of a traceback per request.
    """
    error = sys.exc_info()[1]
    if not is_outage(error):
        return django_server_error(request)
    outage_log.failed(error, request.path)
    again_url = request.get_full_path() if request.method == "GET" else ""
    response = HttpResponse(
        render_to_string("503.html", {"again_url": again_url}, request=request), status=503
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    if request.headers.get("HX-Request") == "true":
        # htmx does not swap a 503: reload, so the page itself says what is happening.
        response["HX-Refresh"] = "true"
    response._has_been_logged = True  # by outage_log, once per burst
    return response
