"""Results a patient chose to share with their doctor: make, read, delete and purge them.

Only the answers (in plain words) and the verdicts are kept, under a random key (192 bits) that
is the link itself, for 30 days. The patient deletes the copy with a second random token; only
its SHA-256 hash is stored, and it is compared in constant time.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from screening.criteria import TrialResult, Verdict
from screening.models import SharedResult
from screening.results import Match

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
