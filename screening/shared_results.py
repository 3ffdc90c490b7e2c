"""Results a patient chose to share with their doctor: make, read, delete and purge them.

Only the answers (in plain words) and the verdicts are kept, under a random key (192 bits) that
is the link itself, for 30 days. The patient deletes the copy with a second random token; only
its SHA-256 hash is stored, and it is compared in constant time.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import secrets
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from screening.criteria import TrialResult, Verdict
from screening.display import given_answers
from screening.loading import QuestionBank
from screening.models import SharedResult
from screening.results import Match, explain, judge
from screening.state import FlowState, dump
from trials.models import Trial

LIFETIME = datetime.timedelta(days=30)
# 24 random bytes: 192 bits, written in 32 URL-safe characters.
KEY_BYTES = 24
DELETION_TOKEN_BYTES = 24
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
# A shared page stays short and its row small: the first studies of each group, and counts.
MOST_PER_GROUP = 20
MOST_ANSWERS = 60
MOST_REASONS = 12
LONGEST_TEXT = 500
VERDICT_ORDER = (Verdict.LIKELY_ELIGIBLE, Verdict.ASK_DOCTOR, Verdict.NOT_ELIGIBLE)


class NothingToShare(ValueError):
    """The patient has no answers yet, so there is nothing to share."""


@dataclass(frozen=True)
class SharedGroup:
    """One verdict group of a shared result, as its page lists it."""

    verdict: str
    entries: list[dict[str, Any]]
    total: int

    @property
    def more(self) -> int:
        return max(self.total - len(self.entries), 0)


# -- sharing the results page's answers and verdicts -------------------------------------

# The patient's own link to the copy they shared, kept in their (encrypted cookie) session so the
# results page can show it again; `answers` fingerprints the answers it was made from.
SESSION_KEY = "shared_result"


@dataclass(frozen=True)
class SharedLink:
    """A shared copy as its maker sees it: the link to send and the link that deletes it."""

    shared: SharedResult
    url: str
    delete_url: str

    @property
    def email_text(self) -> str:
        return _(
            "I answered a short questionnaire about research studies on Find a Trial. This "
            "private link shows my answers and which studies may fit me. It works until %(date)s."
        ) % {"date": date_format(timezone.localtime(self.shared.expires_at))}


def share_once(
    session: MutableMapping[str, Any],
    state: FlowState,
    bank: QuestionBank,
    *,
    today: datetime.date,
    now: datetime.datetime,
) -> tuple[SharedResult, str]:
    """The copy of these answers this patient already shared, else a new one, remembered in
    their session; returns it and its deletion token."""
    found = remembered(session, state, now=now)
    if found is None:
        found = share(state, bank, today=today, now=now)
        shared, deletion_token = found
        session[SESSION_KEY] = {
            "key": shared.key,
            "token": deletion_token,
            "answers": fingerprint(state),
        }
    return found


def share(
    state: FlowState, bank: QuestionBank, *, today: datetime.date, now: datetime.datetime
) -> tuple[SharedResult, str]:
    """The results page's groups, its first studies of each with reasons, stored."""
    judged = judge(state, bank, today=today)
    groups = judged.groups
    chosen = first_of_each_group(groups)
    chosen_ids = {match.trial_id for match in chosen}
    explained = explain(state, judged, chosen_ids, bank, today=today)
    titles = {
        trial.registry_id: trial.title
        for trial in Trial.objects.filter(registry_id__in=chosen_ids).only(
            "registry_id", "plain_title", "plain_title_es", "brief_title", "official_title"
        )
    }
    return create_shared_result(
        answers=[(given.question, given.answer) for given in given_answers(state, bank)],
        verdicts=stored_verdicts(chosen, explained, titles),
        counts=verdict_counts(groups),
        now=now,
    )


def remembered(
    session: Mapping[str, Any],
    state: FlowState | None = None,
    *,
    now: datetime.datetime | None = None,
) -> tuple[SharedResult, str] | None:
    """The copy this patient shared and its deletion token, if it still exists (and, given a
    state, fits its answers). No query unless the session remembers a share."""
    record = session.get(SESSION_KEY)
    if not isinstance(record, dict):
        return None
    key, token = record.get("key"), record.get("token")
    if not isinstance(key, str) or not isinstance(token, str):
        return None
    if state is not None and record.get("answers") != fingerprint(state):
        return None
    shared = find_shared_result(key=key, now=now)
    if shared is None or not can_delete(shared, token=token):
        return None
    return shared, token


def forget(session: MutableMapping[str, Any], key: str) -> None:
    """The session no longer remembers the copy `key` (it was deleted)."""
    record = session.get(SESSION_KEY)
    if isinstance(record, dict) and record.get("key") == key:
        del session[SESSION_KEY]


def fingerprint(state: FlowState) -> str:
    """A digest of the answers, so a remembered copy is shown only for the answers it holds."""
    canonical = json.dumps(dump(state), sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def link_to(
    shared: SharedResult, deletion_token: str, absolute: Callable[[str], str]
) -> SharedLink:
    """The links to a copy, made whole by `absolute` (the request's build_absolute_uri)."""
    return SharedLink(
        shared=shared,
        url=absolute(reverse("screening:shared_result", args=[shared.key])),
        delete_url=absolute(
            reverse("screening:delete_shared_result", args=[shared.key, deletion_token])
        ),
    )


# -- what is stored -----------------------------------------------------------------------


def first_of_each_group(
    groups: Mapping[str, Sequence[Match]], most: int | None = None
) -> list[Match]:
    """The first `most` matches of every group, in the results page's order."""
    most = MOST_PER_GROUP if most is None else most
    return [match for matches in groups.values() for match in matches[:most]]


def stored_verdicts(
    matches: Iterable[Match],
    explained: Mapping[str, TrialResult],
    titles: Mapping[str, str],
) -> list[dict[str, Any]]:
    """Each match as the plain data a shared page lists; a trial gone since is left out."""
    stored = []
    for match in matches:
        result = explained.get(match.trial_id)
        title = titles.get(match.trial_id)
        if result is None or title is None:
            continue
        stored.append(
            {
                "trial": match.trial_id,
                "title": _short(title),
                "verdict": str(result.verdict),
                "reasons": [_short(reason) for reason in result.reasons[:MOST_REASONS]],
                "checklist": [_short(item) for item in result.checklist[:MOST_REASONS]],
                # How much of the study the verdict rests on, as the results page said it.
                "checked": result.checked,
                "listed": result.listed,
            }
        )
    return stored


def verdict_counts(groups: Mapping[str, Sequence[Match]]) -> dict[str, int]:
    counts = {str(verdict): 0 for verdict in VERDICT_ORDER}
    for matches in groups.values():
        for match in matches:
            counts[str(match.verdict)] += 1
    return counts


def _short(text: str) -> str:
    text = str(text)
    return text if len(text) <= LONGEST_TEXT else text[: LONGEST_TEXT - 1] + "…"


# -- make, read, delete, purge ------------------------------------------------------------


def create_shared_result(
    *,
    answers: Sequence[tuple[str, str]],
    verdicts: Sequence[Mapping[str, Any]],
    counts: Mapping[str, int],
    now: datetime.datetime | None = None,
) -> tuple[SharedResult, str]:
    """Store a shared copy; returns it and the deletion token (shown once, never stored).

    `answers` are (question, answer) pairs in plain words, as the results page lists them.
    """
    if not answers:
        raise NothingToShare("no answers to share")
    now = now or timezone.now()
    deletion_token = secrets.token_urlsafe(DELETION_TOKEN_BYTES)
    shared = SharedResult.objects.create(
        key=secrets.token_urlsafe(KEY_BYTES),
        deletion_token_hash=_hash(deletion_token),
        answers=[
            {"question": _short(question), "answer": _short(answer)}
            for question, answer in answers[:MOST_ANSWERS]
        ],
        verdicts=[dict(verdict) for verdict in verdicts],
        counts={str(verdict): int(counts.get(str(verdict), 0)) for verdict in VERDICT_ORDER},
        created_at=now,
        expires_at=now + LIFETIME,
    )
    return shared, deletion_token


def is_well_formed(token: str) -> bool:
    return bool(_TOKEN.match(token))


def find_shared_result(*, key: str, now: datetime.datetime | None = None) -> SharedResult | None:
    """The shared result behind a link, or None when it is unknown, malformed or expired."""
    if not is_well_formed(key):
        return None
    return SharedResult.objects.filter(key=key, expires_at__gt=now or timezone.now()).first()


def can_delete(shared: SharedResult, *, token: str) -> bool:
    """Whether `token` is this shared result's deletion token (constant-time comparison)."""
    return is_well_formed(token) and secrets.compare_digest(
        _hash(token), shared.deletion_token_hash
    )


def delete_shared_result(*, key: str, token: str, now: datetime.datetime | None = None) -> bool:
    """Delete at once when the token is right; False when there was nothing to delete."""
    shared = find_shared_result(key=key, now=now)
    if shared is None or not can_delete(shared, token=token):
        return False
    shared.delete()
    return True


def purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete every shared result past its expiry; returns how many were deleted."""
    deleted, _by_model = SharedResult.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def groups_of(shared: SharedResult) -> list[SharedGroup]:
    """The stored verdicts in their three groups, likely first."""
    return [
        SharedGroup(
            verdict=str(verdict),
            entries=[entry for entry in shared.verdicts if entry.get("verdict") == verdict],
            total=int(shared.counts.get(str(verdict), 0)),
        )
        for verdict in VERDICT_ORDER
    ]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
