"""Site-wide request guards that belong to no app."""

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse

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
