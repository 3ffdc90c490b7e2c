"""Public pages: home, the trial list and one trial."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET
from django_htmx.http import push_url
from django_htmx.middleware import HtmxDetails

from trials.eligibility_text import readable_eligibility
from trials.models import OPEN_STATUSES, Trial
from trials.selectors import (
    conditions_with_open_counts,
    filter_choices,
    filter_trials,
    group_sites,
    read_filters,
    trial_for_nih_application,
    trial_for_page,
)

TRIALS_PER_PAGE = 20


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_GET
def home(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "trials/home.html", {"conditions": conditions_with_open_counts()})


@require_GET
def trial_list(request: HtmxHttpRequest) -> HttpResponse:
    choices = filter_choices()
    filters, problems = read_filters(request.GET, choices)
    trials = filter_trials(Trial.objects.for_cards(), filters, choices)
    page = Paginator(trials, TRIALS_PER_PAGE).get_page(request.GET.get("page"))

    # Links and the address bar carry only the filters in use, in a tidy order.
    filter_query = urlencode(filters.as_query())
    as_fragment = request.htmx and not request.htmx.history_restore_request
    response = render(
        request,
        "trials/list.html#results" if as_fragment else "trials/list.html",
        {
            "choices": choices,
            "filters": filters,
            "problems": problems,
            "page": page,
            "filter_query": filter_query,
        },
    )
    if as_fragment:
        address = filters.as_query() | ({"page": str(page.number)} if page.number > 1 else {})
        push_url(response, f"{request.path}?{urlencode(address)}" if address else request.path)
    # The same URL answers with a page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def trial_detail(request: HtmxHttpRequest, registry_id: str) -> HttpResponse:
    trial = trial_for_page(registry_id)
    if trial is None:
        project = trial_for_nih_application(registry_id)
        if project is not None and project.published:
            return HttpResponsePermanentRedirect(project.get_absolute_url())
        raise Http404("No published trial has this id.")
    # Staff may look at a page before it is published (the admin's "view on site").
    if not trial.published and not request.user.is_staff:
        raise Http404("No published trial has this id.")
    if trial.registry_id != registry_id:
        return HttpResponsePermanentRedirect(trial.get_absolute_url())
    return render(
        request,
        "trials/detail.html",
        {
            "trial": trial,
            "site_groups": group_sites(trial.sites.all()),
            "eligibility": readable_eligibility(trial.eligibility_text),
            "open_statuses": OPEN_STATUSES,
        },
    )
