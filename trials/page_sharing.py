"""A trial page passed on by a clinician: short-list ids, mailto links, QR codes, JSON-LD."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from trials.models import Kind, Phase, Status, Trial
from trials.names import tidy_capitals

SHORTLIST_LIMIT = 20

# Registry ids: NCT numbers, NIH project numbers (5U01AI123456-03) and NIH-<appl_id>.
_REGISTRY_ID = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,39}$")
_NIH_APPLICATION = re.compile(r"^NIH-(\d{1,18})$")


@dataclass(frozen=True)
class ShortlistRequest:
    """What a short-list link asks for, cleaned up: ids in order, without repeats."""

    ids: list[str] = field(default_factory=list)
    over_limit: int = 0
    not_ids: int = 0

    def nih_application_ids(self) -> list[int]:
        return [int(match[1]) for id_ in self.ids if (match := _NIH_APPLICATION.match(id_))]


def read_shortlist_ids(raw: str, limit: int = SHORTLIST_LIMIT) -> ShortlistRequest:
    """Split `NCT1,nct2 NCT1,<junk>` into ["NCT1", "NCT2"], counting what was left out."""
    ids: list[str] = []
    not_ids = 0
    for token in re.split(r"[\s,;]+", raw):
        token = token.strip().upper()
        if not token:
            continue
        if not _REGISTRY_ID.match(token):
            not_ids += 1
        elif token not in ids:
            ids.append(token)
    return ShortlistRequest(ids=ids[:limit], over_limit=max(len(ids) - limit, 0), not_ids=not_ids)


def order_as_asked(
    trials: Iterable[Trial], asked: ShortlistRequest
) -> tuple[list[Trial], list[str]]:
    """The trials in the order the link names them, and the ids no trial answered to."""
    by_id: dict[str, Trial] = {}
    for trial in trials:
        by_id[trial.registry_id.upper()] = trial
        if trial.nih_appl_id is not None:
            by_id[f"NIH-{trial.nih_appl_id}"] = trial
    found: list[Trial] = []
    missing: list[str] = []
    for id_ in asked.ids:
        trial = by_id.get(id_)
        if trial is None:
            missing.append(id_)
        elif trial not in found:
            found.append(trial)
    return found, missing


def mailto_link(*, subject: str, body: str) -> str:
    """A `mailto:` address with no recipient, subject and body percent-encoded (RFC 6068)."""
    # quote(), not urlencode(): mail programs read "+" literally, so spaces must be %20.
    return f"mailto:?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def share_email_body(*, text: str, title: str, url: str) -> str:
    return f"{text}\n\n{title}\n{url}\n"


def qr_svg(url: str, *, label: str) -> SafeString:
    """An inline SVG QR code for `url`, with `label` as its accessible name.

    Error correction M survives a crease or a smudge on paper; the four-module quiet zone is
    what phone cameras need to find the code. Without a fixed size, CSS decides how big it is.
    """
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        scale=1, border=4, omitsize=True, dark="#000", light="#fff", svgclass="qr", lineclass=None
    )
    # segno writes `<svg viewBox=… class="qr">`: name it for screen readers.
    return mark_safe(  # noqa: S308 - segno's markup, and the label is escaped here
        svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    )


# Our statuses as schema.org MedicalStudyStatus values; the rest are written out in words.
_SCHEMA_STATUS = {
    Status.NOT_YET_RECRUITING: "https://schema.org/NotYetRecruiting",
    Status.RECRUITING: "https://schema.org/Recruiting",
    Status.ENROLLING_BY_INVITATION: "https://schema.org/EnrollingByInvitation",
    Status.ACTIVE_NOT_RECRUITING: "https://schema.org/ActiveNotRecruiting",
    Status.SUSPENDED: "https://schema.org/Suspended",
    Status.TERMINATED: "https://schema.org/Terminated",
    Status.COMPLETED: "https://schema.org/Completed",
    Status.WITHDRAWN: "https://schema.org/Withdrawn",
}


# schema.org retired MedicalTrial's `phase` (release 7.0) and has no property for it now: a
# phase is said as a more specific type, the NCI Thesaurus class for that phase of trial.
_NCIT = "http://purl.obolibrary.org/obo/NCIT_"
_PHASE_TYPE = {
    Phase.EARLY_PHASE_1: f"{_NCIT}C54721",
    Phase.PHASE_1: f"{_NCIT}C15600",
    Phase.PHASE_1_2: f"{_NCIT}C15693",
    Phase.PHASE_2: f"{_NCIT}C15601",
    Phase.PHASE_2_3: f"{_NCIT}C15694",
    Phase.PHASE_3: f"{_NCIT}C15602",
    Phase.PHASE_4: f"{_NCIT}C15603",
}


def trial_json_ld(trial: Trial, *, url: str, sites: Iterable[Any] | None = None) -> dict[str, Any]:
    """schema.org data for a trial page: MedicalTrial, or MedicalStudy for an NIH project.

    Reads only what the page already fetched (conditions and sites prefetched). `sites`: the
    places to list (default: every site); a page that shows a few lists those few, and the
    trial's places page lists them all.
    """
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalStudy" if trial.kind == Kind.NIH_PROJECT else "MedicalTrial",
        "name": trial.title,
        "identifier": trial.registry_id,
        "url": url,
        "inLanguage": get_language(),
    }
    if trial.source_url:
        data["sameAs"] = trial.source_url  # the study's own page at its registry
    if trial.official_title and trial.official_title != trial.title:
        data["alternateName"] = trial.official_title
    description = trial.summary_text
    if description:
        data["description"] = description
    if trial.kind != Kind.NIH_PROJECT:
        if trial.phase in _PHASE_TYPE:
            data["additionalType"] = _PHASE_TYPE[trial.phase]
        if trial.is_unknown_status:
            data["status"] = str(trial.status_label())
        else:
            data["status"] = _SCHEMA_STATUS.get(trial.status, str(trial.get_status_display()))
    if trial.sponsor:
        data["sponsor"] = {"@type": "Organization", "name": tidy_capitals(trial.sponsor)}
    conditions = [
        {
            "@type": "MedicalCondition",
            "name": condition.name,
            "alternateName": str(condition.everyday_name),
        }
        for condition in trial.conditions.all()
    ]
    if conditions:
        data["healthCondition"] = conditions
    places = [
        {
            "@type": "AdministrativeArea",
            # Registries often write places in capitals; say them as the page does.
            "name": tidy_capitals(site.name),
            "address": {
                "@type": "PostalAddress",
                "addressLocality": tidy_capitals(site.city),
                "addressRegion": tidy_capitals(site.state),
                "postalCode": site.postal_code,
                "addressCountry": tidy_capitals(site.country),
            },
        }
        for site in (trial.sites.all() if sites is None else sites)
    ]
    if places:
        data["studyLocation"] = places
    return data


_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """`data` inside `<script type="application/ld+json">`; no text in it can end the script."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
