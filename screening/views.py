"""The eligibility questionnaire, one question a step, and its results.

Answers live only in the session (an encrypted cookie). Every step works as a plain form POST and
redirect; with htmx the step swaps in place and the results page appends more cards.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, replace_url

from findatrial.htmx import HtmxHttpRequest
from screening import loading, questionnaire, shared_results
from screening.display import given_section, show
from screening.loading import QuestionBank
from screening.questionnaire import Step
from screening.results import results_page
from screening.scope import is_link, scope_words
from screening.state import (
    SESSION_KEY,
    FlowState,
    dump,
    load,
    previous_key,
    without_answers,
)
from screening.trialset import TrialSet


def _load_state(request: HttpRequest, bank: QuestionBank, today: datetime.date) -> FlowState:
    state, notes = load(request.session.get(SESSION_KEY), bank.by_key, today=today)
    for note in notes:
        messages.warning(request, note)
    return state


def _save_state(request: HttpRequest, state: FlowState) -> None:
    stored = dump(state)
    if request.session.get(SESSION_KEY) != stored:
        request.session[SESSION_KEY] = stored


# -- the questionnaire --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def check(request: HtmxHttpRequest) -> HttpResponse:
    """Load the answers, take the step submitted (or asked for), save, respond."""
    today = timezone.localdate()
    bank = loading.question_bank()
    state = _load_state(request, bank, today)
    trials = None
    if request.method == "POST":
        trials = bank.screened(state.scope)
        submitted, outcome = questionnaire.submit(
            state, request.POST, trials, bank.specs, today=today, conditions=bank.conditions
        )
    elif is_link(request.GET):
        submitted, outcome = questionnaire.follow_link(state, request.GET, bank.conditions)
    else:
        submitted, outcome = state, questionnaire.reopen(state, request.GET.get("edit") or None)
    if request.method == "GET" or submitted is not state:
        state = submitted
        _save_state(request, state)
    for level, text in outcome.notes:
        messages.add_message(request, level, text)
    return _respond(request, state, bank, trials, outcome, today)


def _respond(
    request: HtmxHttpRequest,
    state: FlowState,
    bank: QuestionBank,
    trials: TrialSet | None,
    outcome: questionnaire.Outcome,
    today: datetime.date,
) -> HttpResponse:
    """The one place a step chooses: redirect, the results, or the step rendered."""
    if outcome.linked:
        # The link's parameters leave the address: a reload or a bookmark asks nothing again.
        return redirect("screening:check")
    if outcome.step is not None:  # an answer we could not read: the same step, as posted
        return _render_step(
            request,
            state,
            bank,
            outcome.step,
            error=outcome.error,
            posted=request.POST,
            status=outcome.status,
        )
    check_url = reverse("screening:check")
    here = f"{check_url}?{urlencode({'edit': outcome.edit})}" if outcome.edit else check_url
    if outcome.moved and not request.htmx:
        # A plain form POST is answered with a redirect, so reloading never resubmits.
        return _see_other(here)
    if trials is None:
        trials = bank.screened(state.scope)
    step = questionnaire.current_step(
        state, trials, bank.specs, today=today, conditions=bank.conditions, edit=outcome.edit
    )
    if step.question is None and not outcome.error and state.has_started:
        results_url = reverse("screening:results")
        if request.htmx:
            return HttpResponseClientRedirect(results_url)
        return _see_other(results_url)
    response = _render_step(request, state, bank, step, error=outcome.error, status=outcome.status)
    if request.htmx and request.method == "POST":
        replace_url(response, here)
    return response


def _render_step(
    request: HtmxHttpRequest,
    state: FlowState,
    bank: QuestionBank,
    step: Step,
    *,
    error: str = "",
    posted: Any = None,
    status: int = 200,
) -> HttpResponse:
    question = step.question
    shown = None
    previous = None
    if question is not None:
        model = bank.questions[question.key]
        shown = show(
            question,
            wording=model.text("wording"),
            help_text=model.text("help_text"),
            answer=state.answers.get(question.key) if step.editing else None,
            posted=posted,
        )
        previous = previous_key(state, question.key)
    # htmx does not swap 4xx answers by default: its fragment says what is wrong with a 200.
    fragment = bool(request.htmx) and not request.htmx.history_restore_request
    response = render(
        request,
        "screening/check.html#step" if fragment else "screening/check.html",
        {
            "step": step,
            "question": shown,
            "error": error,
            "has_previous": previous is not None,
            "answered": len(state.history),
            "scope": scope_words(state.scope, bank.conditions),
            "focus_question": fragment or state.has_started,
        },
        status=200 if fragment else status,
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _see_other(url: str) -> HttpResponse:
    response = HttpResponse(status=303)
    response["Location"] = url
    return response


@require_POST
def start_over(request: HttpRequest) -> HttpResponse:
    state = _load_state(request, loading.question_bank(), timezone.localdate())
    _save_state(request, without_answers(state))
    messages.success(request, _("Your answers are cleared. You can start again."))
    return _see_other(reverse("screening:check"))


# -- results ------------------------------------------------------------------------------


@require_GET
def results(request: HtmxHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    bank = loading.question_bank()
    state = _load_state(request, bank, today)
    context: dict[str, Any] = {
        "scope": scope_words(state.scope, bank.conditions),
        "has_started": state.has_started,
    }
    if not state.has_started:
        return render(request, "screening/results.html", context)
    more_of = (request.htmx.target or "").removesuffix("-list") if request.htmx else ""
    page = results_page(
        state, bank, today=today, path=request.path, query=request.GET, only=more_of
    )
    context |= {
        "sections": page.group_pages,
        "total": page.total,
        "located": page.located,
        "postal_code": page.postal_code,
        "given_answers": given_section(state, bank),
        "shared_link": _remembered_share(request, state),
    }
    if more_of in context["sections"]:
        context["section"] = context["sections"][more_of]
        response = render(request, "screening/results.html#more", context)
    else:
        response = render(request, "screening/results.html", context)
    patch_vary_headers(response, ["HX-Request"])
    if context["shared_link"] is not None:
        _keep_private(response, has_forms=True)  # it shows the link that deletes the copy
    return response


# -- results shared with a doctor ---------------------------------------------------------


@require_POST
def share_results(request: HtmxHttpRequest) -> HttpResponse:
    """Store a copy of the answers and verdicts for the patient's doctor: only on this POST."""
    now = timezone.now()
    today = timezone.localdate(now)
    bank = loading.question_bank()
    state = _load_state(request, bank, today)
    if not state.has_started:
        error = _(
            "There is nothing to share yet. Answer the questions first, then you can share "
            "your results."
        )
        if request.htmx:
            return render(request, "screening/results.html#share-results", {"share_error": error})
        messages.info(request, error)
        return _see_other(reverse("screening:results"))
    shared, deletion_token = shared_results.share_once(
        request.session, state, bank, today=today, now=now
    )
    link = shared_results.link_to(shared, deletion_token, request.build_absolute_uri)
    if not request.htmx:
        return _see_other(reverse("screening:share_created"))
    response = render(
        request, "screening/results.html#share-results", {"shared_link": link, "moved": True}
    )
    return _keep_private(response, has_forms=True)


@require_GET
def share_created(request: HttpRequest) -> HttpResponse:
    """The link just made, for browsers without JavaScript (htmx shows it in place)."""
    link = _remembered_share(request)
    if link is None:
        messages.info(
            request,
            _("We could not find a shared copy of your results. You can share them again here."),
        )
        return _see_other(reverse("screening:results"))
    return _keep_private(render(request, "screening/share_created.html", {"shared_link": link}))


def _remembered_share(
    request: HttpRequest, state: FlowState | None = None
) -> shared_results.SharedLink | None:
    """The link to the copy this patient shared, if it still exists (and fits `state`)."""
    found = shared_results.remembered(request.session, state)
    if found is None:
        return None
    return shared_results.link_to(*found, request.build_absolute_uri)


@require_GET
def shared_result(request: HttpRequest, key: str) -> HttpResponse:
    """What a patient shared, read-only, for whoever has the link."""
    shared = shared_results.find_shared_result(key=key)
    if shared is None:
        return _shared_missing(request)
    response = render(
        request,
        "screening/shared.html",
        {"shared": shared, "groups": shared_results.groups_of(shared)},
    )
    return _keep_private(response)


@require_http_methods(["GET", "POST"])
def delete_shared_result(request: HttpRequest, key: str, token: str) -> HttpResponse:
    """GET asks to confirm; POST deletes at once. A wrong token is a missing page."""
    if request.method == "POST":
        if not shared_results.delete_shared_result(key=key, token=token):
            return _shared_missing(request)
        shared_results.forget(request.session, key)
        return _keep_private(render(request, "screening/shared_delete.html", {"deleted": True}))
    shared = shared_results.find_shared_result(key=key)
    if shared is None or not shared_results.can_delete(shared, token=token):
        return _shared_missing(request)
    response = render(request, "screening/shared_delete.html", {"shared": shared})
    return _keep_private(response, has_forms=True)


def _shared_missing(request: HttpRequest) -> HttpResponse:
    # One page for unknown, malformed, expired, deleted and wrong-token links: no probing.
    return _keep_private(render(request, "screening/shared.html", {"shared": None}, status=404))


def _keep_private(response: HttpResponse, *, has_forms: bool = False) -> HttpResponse:
    """No search engine, no cache and no referrer: the address itself is the secret.

    A page with a form sends its referrer to our own site only: under "no-referrer" browsers
    send `Origin: null` with the form, and Django's CSRF check rightly refuses it.
    """
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin" if has_forms else "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response
