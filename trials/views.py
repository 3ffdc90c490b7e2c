"""Public pages: home, the trial list, one trial, its printable handout and short lists."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_htmx.http import push_url

from findatrial.htmx import HtmxHttpRequest
from trials.eligibility_text import readable_eligibility, registry_blocks
from trials.freshness import catalogue_version, kept, shared_page, trial_version
from trials.models import Trial
from trials.page_sharing import json_ld_script, order_as_asked, read_shortlist_ids, trial_json_ld
from trials.places import Coordinates, zip_coordinates
from trials.selectors import (
    conditions_with_open_counts,
    filter_choices,
    filter_trials,
    read_filters,
    shortlist_trials,
    trial_for_nih_application,
    trial_for_page,
)
from trials.site_lists import handout_sites, site_list

TRIALS_PER_PAGE = 20
HANDOUT_SITES = 6


def _catalogue(request: HttpRequest, *args, **kwargs) -> str:
    return catalogue_version()


def _one_trial(request: HttpRequest, registry_id: str, **kwargs) -> str | None:
    return trial_version(registry_id)


@require_GET
@shared_page(_catalogue)
def home(request: HtmxHttpRequest) -> HttpResponse:
    counts = kept(("home-counts",), conditions_with_open_counts, version=request.shared_version)
    return render(request, "trials/home.html", {"conditions": counts})


@require_GET
@shared_page(_catalogue)
def trial_list(request: HtmxHttpRequest) -> HttpResponse:
    version = request.shared_version
    choices = kept(("filter-choices",), filter_choices, version=version)
    filters, problems = read_filters(request.GET, choices)
    # The order of every matching trial, kept per filter: a page is then 20 rows by id.
    ids = kept(
        ("list-ids", sorted(filters.as_query().items())),
        lambda: list(
            filter_trials(Trial.objects.all(), filters, choices).values_list("pk", flat=True)
        ),
        version=version,
    )
    page = Paginator(ids, TRIALS_PER_PAGE).get_page(request.GET.get("page"))
    by_id = Trial.objects.for_cards().in_bulk(page.object_list)
    page.object_list = [by_id[pk] for pk in page.object_list if pk in by_id]

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
    response.keep = not problems  # a message echoing what was typed is not kept
    return response


def _trial_or_redirect(
    request: HttpRequest, registry_id: str, url_name: str, *, staff_preview: bool = True
) -> Trial | HttpResponsePermanentRedirect:
    """The trial `registry_id` names, or a permanent redirect to its canonical address.

    Ids are matched ignoring case; `NIH-<appl_id>` leads to the NIH project. Unpublished
    trials are not found, except by staff where `staff_preview` allows it.
    """
    trial = trial_for_page(registry_id)
    if trial is None:
        project = trial_for_nih_application(registry_id)
        if project is not None and project.published:
            return HttpResponsePermanentRedirect(reverse(url_name, args=[project.registry_id]))
        raise Http404("No published trial has this id.")
    # Staff may look at a page before it is published (the admin's "view on site").
    if not trial.published and not (staff_preview and request.user.is_staff):
        raise Http404("No published trial has this id.")
    if trial.registry_id != registry_id:
        return HttpResponsePermanentRedirect(reverse(url_name, args=[trial.registry_id]))
    return trial


@require_GET
@shared_page(_one_trial)
def trial_detail(request: HtmxHttpRequest, registry_id: str) -> HttpResponse:
    trial = _trial_or_redirect(request, registry_id, "trials:detail")
    if isinstance(trial, HttpResponse):
        return trial
    permalink = request.build_absolute_uri(trial.get_absolute_url())
    near = patient_place(request)
    sites = site_list(trial.sites.all(), near.coordinates)
    response = render(
        request,
        "trials/detail.html",
        {
            "trial": trial,
            "sites": sites,
            "near": near,
            "eligibility": readable_eligibility(trial.eligibility_text),
            "summary_blocks": registry_blocks(trial.brief_summary),
            "permalink": permalink,
            "json_ld": kept(
                # Its words (title, summary) are in the page's language.
                ("json-ld", trial.pk, permalink, get_language()),
                lambda: json_ld_script(
                    trial_json_ld(trial, url=permalink, sites=_sites_shown_to_crawlers(trial))
                ),
                version=trial.updated_at.timestamp(),
            ),
        },
    )
    response.keep = not near.problem  # a message echoing what was typed is not kept
    return response


def _sites_shown_to_crawlers(trial: Trial) -> list:
    """Every site, or for a long list the first few the page shows without a ZIP code (its
    places page lists them all)."""
    listed = site_list(trial.sites.all())
    return [item.site for item in listed.first] if listed.folded else list(trial.sites.all())


@dataclass(frozen=True)
class PatientPlace:
    """The ZIP code distances are measured from, if any, and a message when it is not usable."""

    postal_code: str = ""
    coordinates: Coordinates | None = None
    problem: str = ""


def patient_place(request: HttpRequest) -> PatientPlace:
    """The ZIP code in the address (?near=): from the page's own "how far is it from" form, or
    a link from the patient's results. It is not stored, and the page stays the same for
    everyone who asks with the same ZIP code (so shared caches may keep it).
    """
    postal_code = request.GET.get("near", "").strip()[:20]
    if not postal_code:
        return PatientPlace()
    coordinates = zip_coordinates(postal_code)
    if coordinates is None:
        problem = _(
            "We could not find the ZIP code “%(value)s”. Try a 5-digit US ZIP code, like 29425."
        ) % {"value": postal_code}
        return PatientPlace(postal_code, None, problem)
    return PatientPlace(postal_code, coordinates)


@require_GET
def trial_extra_path(request: HttpRequest, registry_id: str, rest: str) -> HttpResponse:
    """`/trials/<id>/anything/else`: an old or mangled link, sent on to the trial's page."""
    url_name = "trials:handout" if rest.strip("/").lower() == "handout" else "trials:detail"
    trial = _trial_or_redirect(request, registry_id, url_name)
    if isinstance(trial, HttpResponse):
        return trial
    return HttpResponsePermanentRedirect(reverse(url_name, args=[trial.registry_id]))


@require_GET
@shared_page(_one_trial)
def trial_places(request: HttpRequest, registry_id: str) -> HttpResponse:
    """Every place of a trial, by country, with its contacts: the trial page links here when
    its list is long, and shows only the first few."""
    trial = _trial_or_redirect(request, registry_id, "trials:places")
    if isinstance(trial, HttpResponse):
        return trial
    near = patient_place(request)
    trial_url = request.build_absolute_uri(trial.get_absolute_url())
    response = render(
        request,
        "trials/places.html",
        {
            "trial": trial,
            "sites": site_list(trial.sites.all(), near.coordinates),
            "near": near,
            "permalink": request.build_absolute_uri(reverse("trials:places", args=[registry_id])),
            "json_ld": kept(
                # Its words (title, summary) are in the page's language.
                ("json-ld-places", trial.pk, trial_url, get_language()),
                lambda: json_ld_script(trial_json_ld(trial, url=trial_url)),
                version=trial.updated_at.timestamp(),
            ),
        },
    )
    response.keep = not near.problem  # a message echoing what was typed is not kept
    return response


@require_GET
@shared_page(_one_trial)
def trial_handout(request: HttpRequest, registry_id: str) -> HttpResponse:
    """One printed page about a trial, with a QR code back to its page."""
    trial = _trial_or_redirect(request, registry_id, "trials:handout", staff_preview=False)
    if isinstance(trial, HttpResponse):
        return trial
    near = patient_place(request)
    site_groups, more_sites = handout_sites(
        trial.sites.all(), near.coordinates, limit=HANDOUT_SITES
    )
    return render(
        request,
        "trials/handout.html",
        {
            "trial": trial,
            "site_groups": site_groups,
            "more_sites": more_sites,
            "near": near,
            "permalink": request.build_absolute_uri(trial.get_absolute_url()),
        },
    )


@require_GET
@shared_page(_catalogue)
def shortlist(request: HttpRequest) -> HttpResponse:
    """`/trials/list/?ids=NCT…,NCT…`: the studies a clinician picked, in their order."""
    asked = read_shortlist_ids(",".join(request.GET.getlist("ids")))
    found = shortlist_trials(asked.ids, asked.nih_application_ids())
    trials, missing = order_as_asked(found, asked)
    found_ids = ",".join(trial.registry_id for trial in trials)
    open_ids = ",".join(trial.registry_id for trial in trials if trial.is_open)
    return render(
        request,
        "trials/shortlist.html",
        {
            "trials": trials,
            "missing": missing,
            "asked": asked,
            "share_url": f"{reverse('trials:shortlist')}?ids={quote(found_ids, safe=',')}",
            "check_link": f"{reverse('screening:check')}?trials={quote(open_ids, safe=',')}"
            if open_ids
            else "",
        },
    )
