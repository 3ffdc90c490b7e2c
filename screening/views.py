"""The eligibility questionnaire and its results."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def check(request: HttpRequest) -> HttpResponse:
    return render(request, "screening/check.html")
