"""Builder functions for test data: sensible defaults, override what the test is about."""

from __future__ import annotations

import itertools

from django.contrib.auth.models import Permission, User

from screening.criteria import AgeLimit, Rule, TrialCriteria
from trials.models import Condition, Contact, Kind, Researcher, Site, Status, Trial
from trials.regions import country_code, region

_numbers = itertools.count(1)


def make_staff(username: str = "alice", **extra) -> User:
    user = User.objects.create_user(
        username, f"{username}@findatrial.example", "correct horse battery", is_staff=True, **extra
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["trials", "screening"])
    )
    return user


def make_trial(
    registry_id: str | None = None,
    *,
    conditions: tuple[str, ...] = ("sle",),
    sites: int = 0,
    contacts: int = 0,
    **fields,
) -> Trial:
    number = next(_numbers)
    defaults = {
        "brief_title": f"Test study number {number}",
        "kind": Kind.INTERVENTIONAL,
        "status": Status.RECRUITING,
        "published": True,
        "min_age_value": 18,
        "min_age_unit": "years",
        "max_age_value": 75,
        "max_age_unit": "years",
    }
    defaults.update(fields)
    trial = Trial.objects.create(registry_id=registry_id or f"NCT9{number:07d}", **defaults)
    if conditions:
        trial.conditions.set(Condition.objects.filter(slug__in=conditions))
    for index in range(sites):
        Site.objects.create(
            trial=trial,
            facility=f"Hospital {index}",
            city="Charleston",
            state="South Carolina",
            postal_code="29425",
            country="United States",
            status=Status.RECRUITING,
        )
    for index in range(contacts):
        Contact.objects.create(
            trial=trial,
            name=f"Coordinator {index}",
            phone="843-555-0100",
            email=f"c{index}@example.org",
        )
    return trial


def make_site(trial: Trial, **fields) -> Site:
    defaults = {
        "facility": "Medical University of South Carolina",
        "city": "Charleston",
        "state": "South Carolina",
        "postal_code": "29425",
        "country": "United States",
        "status": Status.RECRUITING,
    }
    defaults.update(fields)
    # Country and region as an import works them out; coordinates only when a test gives them.
    subdivision = region(defaults["state"], defaults["country"])
    defaults.setdefault("country_code", country_code(defaults["country"]))
    defaults.setdefault("region", subdivision.name)
    defaults.setdefault("region_code", subdivision.code)
    return Site.objects.create(trial=trial, **defaults)


def make_contact(trial: Trial, **fields) -> Contact:
    defaults = {
        "name": "Study coordinator",
        "phone": "(843) 555-0100",
        "email": "study@example.org",
    }
    defaults.update(fields)
    return Contact.objects.create(trial=trial, **defaults)


def make_researcher(trial: Trial, **fields) -> Researcher:
    defaults = {
        "name": "Dr. Test Researcher",
        "affiliation": "Medical University of South Carolina",
    }
    defaults.update(fields)
    return Researcher.objects.create(trial=trial, **defaults)


def make_criterion(trial: Trial, key: str, operator: str, value, **fields):
    """A structured criterion on `trial` for the question with this key (validated first)."""
    from screening.models import Criterion, Question

    defaults = {"kind": "inclusion", "confirmed_by": "patient", "reason": f"Needs {key}."}
    defaults.update(fields)
    criterion = Criterion(
        trial=trial,
        question=Question.objects.get(key=key),
        operator=operator,
        value=value,
        **defaults,
    )
    criterion.full_clean()
    criterion.save()
    return criterion


def make_trial_criteria(*rules: Rule, **facts) -> TrialCriteria:
    """An open trial as the engine sees it: lupus, ages 18 to 75, no healthy volunteers,
    unless `facts` say otherwise."""
    defaults = {
        "trial_id": "NCT00000001",
        "min_age": AgeLimit(18),
        "max_age": AgeLimit(75),
        "sex": "all",
        "conditions": frozenset({"sle"}),
        "healthy_volunteers": False,
        "rules": rules,
    }
    return TrialCriteria(**(defaults | facts))


def make_drafted_trial(registry_id: str = "NCT00000111", **fields) -> Trial:
    """A lupus study whose registered text lists four requirements, with its criteria drafted:
    age and sex lines are covered by the registry fields, eGFR and pregnancy by drafts, and
    "able to swallow tablets" by nothing (so 3 of the 4 are checked)."""
    from screening.drafts import draft_trials

    defaults = {
        "conditions": ("sle",),
        "plain_title": "A drafted study",
        "eligibility_text": (
            "Inclusion Criteria:\n\n* Aged 18 to 75 years\n* eGFR of at least 30 mL/min/1.73m2\n"
            "* Able to swallow tablets\n\nExclusion Criteria:\n\n* Pregnant\n"
        ),
    }
    trial = make_trial(registry_id, **(defaults | fields))
    draft_trials([trial])
    return trial
