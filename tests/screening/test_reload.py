"""After a change, the questionnaire's next load makes again only the trials that changed."""

from __future__ import annotations

import pytest
from django.db import connection

from screening import loading
from screening.models import Coverage, Criterion, Question
from tests.builders import make_criterion, make_trial
from trials.choices import Status
from trials.models import Condition, Trial

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_trials():
    """Two open lupus studies with criteria; the first is the one each test changes."""
    changed = make_trial("NCT00000801")
    make_criterion(changed, "egfr", "gte", 30, reason="Kidneys that work well enough.")
    make_criterion(changed, "pregnant", "eq", False, kind="exclusion")
    Coverage.objects.create(trial=changed, listed=4, checked=2)
    kept = make_trial("NCT00000802", conditions=("sle", "lupus-nephritis"))
    make_criterion(kept, "egfr", "gte", 45)
    return changed, kept


def _by_id(trials) -> dict:
    return {trial.trial_id: trial for trial in trials}


def _in_plain_sql(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        assert cursor.rowcount == 1


def _value_in_plain_sql(criterion: Criterion, json_text: str) -> None:
    table = connection.ops.quote_name(Criterion._meta.db_table)
    cast = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    _in_plain_sql(f"UPDATE {table} SET value = {cast} WHERE id = %s", [json_text, criterion.pk])


CHANGES = {
    "a criterion's value, in plain SQL": lambda trial: _value_in_plain_sql(
        trial.criteria.get(question__key="egfr"), "60"
    ),
    "a criterion's reason": lambda trial: trial.criteria.filter(question__key="egfr").update(
        reason="Kidneys checked by a blood test."
    ),
    "a criterion added": lambda trial: make_criterion(trial, "weight", "gte", 40),
    "a criterion removed": lambda trial: trial.criteria.get(question__key="pregnant").delete(),
    "a criterion back to draft": lambda trial: trial.criteria.filter(question__key="egfr").update(
        status="draft"
    ),
    "the youngest age": lambda trial: Trial.objects.filter(pk=trial.pk).update(min_age_value=21),
    "a condition": lambda trial: trial.conditions.add(Condition.objects.get(slug="sjogrens")),
    "the lines checked": lambda trial: Coverage.objects.filter(trial=trial).update(checked=3),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_trial_that_changed_is_made_again_and_the_others_are_taken_as_they_were(
    two_trials, change
):
    changed, kept = two_trials
    before = _by_id(loading.cached_open_trials())

    CHANGES[change](changed)
    after = _by_id(loading.cached_open_trials())

    assert after["NCT00000802"] is before["NCT00000802"]
    assert after["NCT00000801"] is not before["NCT00000801"]
    assert after["NCT00000801"] != before["NCT00000801"]
    # Exactly what a load from nothing makes.
    assert list(after.values()) == loading.open_trials()


def test_a_criterion_changed_in_plain_sql_is_judged_by_its_new_value(two_trials):
    changed, _kept = two_trials
    loading.cached_open_trials()

    _value_in_plain_sql(changed.criteria.get(question__key="egfr"), "60")

    (rule,) = [
        rule
        for rule in _by_id(loading.cached_open_trials())["NCT00000801"].rules
        if rule.key == "egfr"
    ]
    assert rule.value == 60


def test_a_changed_question_makes_every_trial_again(two_trials):
    before = _by_id(loading.cached_open_trials())

    Question.objects.filter(key="egfr").update(ask_doctor="Ask about your kidney blood test.")
    after = _by_id(loading.cached_open_trials())

    assert all(after[trial_id] is not before[trial_id] for trial_id in before)
    asked = {
        rule.ask_doctor for trial in after.values() for rule in trial.rules if rule.key == "egfr"
    }
    assert asked == {"Ask about your kidney blood test."}
    assert list(after.values()) == loading.open_trials()


def test_a_trial_that_closed_leaves_and_one_that_opened_comes_in(two_trials):
    changed, kept = two_trials
    before = _by_id(loading.cached_open_trials())

    Trial.objects.filter(pk=changed.pk).update(status=Status.COMPLETED)
    newcomer = make_trial("NCT00000803")
    after = _by_id(loading.cached_open_trials())

    assert set(after) == {"NCT00000802", "NCT00000803"}
    assert after["NCT00000802"] is before["NCT00000802"]
    assert list(after.values()) == loading.open_trials()
    assert newcomer.registry_id in after
