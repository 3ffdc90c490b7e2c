"""Public pages: home, the trial list and one trial."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "trials/home.html")


@require_GET
def trial_list(request: HttpRequest) -> HttpResponse:
    return render(request, "trials/home.html")


@require_GET
def trial_detail(request: HttpRequest, registry_id: str) -> HttpResponse:
    return render(request, "trials/home.html")
