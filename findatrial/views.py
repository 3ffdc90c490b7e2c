"""Site-wide responses that belong to no app: robots.txt and the pages for failed requests."""

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    # The questionnaire and shared results are personal: keep them out of search engines.
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('screening:check')}",
        "Disallow: /shared/",
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
    if getattr(request, "htmx", False):
        # htmx does not swap a 403: reload the page instead, with a fresh form.
        response["HX-Refresh"] = "true"
    return response


def method_not_allowed(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Our page for a 405, keeping the Allow header Django set."""
    page = render(request, "405.html", status=405)
    page["Allow"] = response["Allow"]
    return page
