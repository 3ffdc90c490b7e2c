"""`manage.py screen`, loading trials for the engine, and the seed trial's criteria."""

import datetime
import io
import json

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.utils import timezone

from screening import loading
from screening.criteria import Verdict
from screening.demo import demo_criteria, write_demo_criteria
from screening.engine import evaluate
from screening.models import Criterion
from screening.questions import parse_answers
from tests.builders import make_criterion, make_trial
from trials.demo import SEED_TRIAL_ID
from trials.models import Kind, Status, Trial

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 30)
FITS_SEED = {
    "age": 40,
    "sex": "female",
    "conditions": ["sle"],
    "ana_positive": True,
    "egfr": 45,
    "background_therapy_weeks": 26,
    "sledai_2k": 8,
}


def screen(answers, *args) -> list[dict]:
    out = io.StringIO()
    text = answers if isinstance(answers, str) else json.dumps(answers)
    call_command("screen", "--answers", text, "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_it_prints_a_verdict_with_reasons_for_every_open_published_trial():
    make_trial("NCT00000017", min_age_value=18)
    make_trial("NCT00000018", sex="male", min_age_value=16)
    results = screen({"age": 17, "sex": "female", "conditions": ["sle"]}, "--today", "2025-06-30")
    assert [result["trial"] for result in results] == ["NCT00000017", "NCT00000018"]
    assert all(
        set(result) == {"trial", "result", "reasons", "checked", "listed"} for result in results
    )
    assert results[0]["result"] == "not_eligible"
    assert "18 years" in results[0]["reasons"][0]
    assert results[1]["reasons"] == ["This study is only for males."]


def test_it_skips_closed_unpublished_and_nih_project_trials():
    make_trial("NCT00000001")
    make_trial("NCT00000002", status=Status.COMPLETED)
    make_trial("NCT00000003", published=False)
    make_trial("NIH-1234", kind=Kind.NIH_PROJECT, status=Status.FUNDED_PROJECT)
    assert [result["trial"] for result in screen({})] == ["NCT00000001"]


def test_a_unit_and_not_sure_are_accepted_in_the_answers():
    trial = make_trial()
    make_criterion(trial, "background_therapy_weeks", "gte", 12)
    make_criterion(trial, "egfr", "gte", 30, confirmed_by="doctor")
    answers = {
        "age": 40,
        "conditions": ["sle"],
        "background_therapy_weeks": "3 months",
        "egfr": "not_sure",
    }
    [result] = screen(answers)
    assert result["result"] == "ask_doctor"
    assert len(result["reasons"]) == 1
    assert "not sure" in result["reasons"][0]


def test_without_json_it_prints_a_readable_table():
    make_trial("NCT00000031")
    out = io.StringIO()
    call_command("screen", "--answers", '{"age": 40, "conditions": ["sle"]}', stdout=out)
    assert "NCT00000031  likely_eligible" in out.getvalue()
    assert "1 of 1 trials still possible." in out.getvalue()


@pytest.mark.parametrize(
    ("answers", "today", "message"),
    [
        ('{"agee": 40}', None, "There is no question called “agee”"),
        ('{"age": "forty"}', None, "age: Please enter a number"),
        ('{"age": 200}', None, "120 years or less"),
        ('{"sex": "not_sure"}', None, "sex: Please choose one of the answers"),
        ('{"conditions": ["flu"]}', None, "“flu” is not one of the choices"),
        ("{age: 40}", None, "not valid JSON"),
        ("[40]", None, "must be a JSON object"),
        ("{}", "30/06/2025", "--today must be a date"),
        ('{"last_biologic_dose": "2025-07"}', "2025-06-30", "not in the future"),
    ],
)
def test_bad_input_is_a_clear_error_with_exit_code_2(answers, today, message):
    args = ["--today", today] if today else []
    with pytest.raises(CommandError) as error:
        call_command("screen", "--answers", answers, *args)
    assert error.value.returncode == 2
    assert message in str(error.value)


def test_from_the_command_line_bad_answers_exit_with_code_2_and_say_why(capsys):
    with pytest.raises(SystemExit) as exit_status:
        execute_from_command_line(["manage.py", "screen", "--answers", '{"agee": 1}', "--json"])
    assert exit_status.value.code == 2
    captured = capsys.readouterr()
    assert "agee" in captured.err
    assert captured.out == ""


def test_loading_takes_the_same_number_of_queries_for_1_or_20_trials(
    django_assert_num_queries,
):
    def add_trial():
        trial = make_trial(conditions=("sle", "lupus-nephritis"))
        make_criterion(trial, "egfr", "gte", 30, confirmed_by="doctor")
        make_criterion(trial, "pregnant", "eq", True, kind="exclusion")

    add_trial()
    with django_assert_num_queries(4):
        [one] = loading.open_trials()
    for _ in range(19):
        add_trial()
    with django_assert_num_queries(4):
        twenty = loading.open_trials()
    assert len(twenty) == 20
    assert one.conditions == {"sle", "lupus-nephritis"}
    pregnant = one.rules[1]
    assert (pregnant.kind, pregnant.depends_on, pregnant.depends_on_values) == (
        "exclusion",
        "sex",
        ("female",),
    )
    assert one.rules[0].unit == "mL/min/1.73m²"


def test_the_condition_tree_and_questions_load_in_fixed_queries(django_assert_num_queries):
    with django_assert_num_queries(1):
        tree = loading.condition_tree()
    assert tree.parents["lupus-nephritis"] == "sle"
    with django_assert_num_queries(2):
        specs = loading.question_specs()
    assert specs[0].key == "age"


# -- the seed trial (NCT06737380) ------------------------------------------------------------


def seed_verdict(answers: dict) -> tuple[Verdict, tuple[str, ...], tuple[str, ...]]:
    trial = make_trial(SEED_TRIAL_ID, healthy_volunteers=False)
    write_demo_criteria(trial, demo_criteria()[SEED_TRIAL_ID])
    questions = {spec.key: spec for spec in loading.question_specs()}
    [result] = evaluate(
        parse_answers(answers, questions, today=TODAY),
        loading.open_trials(),
        today=TODAY,
        conditions=loading.condition_tree(),
    )
    return result.verdict, result.reasons, result.checklist


def test_the_seed_trial_criteria_are_all_there():
    trial = make_trial(SEED_TRIAL_ID)
    write_demo_criteria(trial, demo_criteria()[SEED_TRIAL_ID])
    rows = list(trial.criteria.values_list("question__key", "operator", "value", "confirmed_by"))
    assert rows == [
        ("conditions", "in", ["sle"], "patient"),
        ("ana_positive", "eq", True, "patient"),
        ("anti_dsdna_positive", "eq", True, "patient"),
        ("egfr", "gte", 30, "doctor"),
        ("background_therapy_weeks", "gte", 12, "patient"),
        ("sledai_2k", "gte", 6, "doctor"),
    ]
    groups = set(
        trial.criteria.filter(question__key__contains="positive").values_list(
            "any_of_group", flat=True
        )
    )
    assert groups == {"antibodies"}


def test_a_seed_patient_who_fits_everything_is_likely_eligible():
    verdict, reasons, _ = seed_verdict(FITS_SEED)
    assert verdict == Verdict.LIKELY_ELIGIBLE
    assert any("18 years to 75 years" in reason for reason in reasons)


def test_a_seed_patient_with_lupus_nephritis_and_anti_dsdna_only_is_likely_eligible():
    answers = {
        **FITS_SEED,
        "conditions": ["lupus-nephritis"],
        "ana_positive": "not_sure",
        "anti_dsdna_positive": True,
    }
    assert seed_verdict(answers)[0] == Verdict.LIKELY_ELIGIBLE


def test_a_seed_patient_who_does_not_know_the_activity_score_asks_the_doctor():
    verdict, _, checklist = seed_verdict({**FITS_SEED, "sledai_2k": "not_sure"})
    assert verdict == Verdict.ASK_DOCTOR
    assert checklist == ("Your lupus activity score (SLEDAI-2K)",)


def test_a_seed_patient_with_low_kidney_function_asks_the_doctor_not_ruled_out():
    verdict, reasons, _ = seed_verdict({**FITS_SEED, "egfr": 25})
    assert verdict == Verdict.ASK_DOCTOR
    assert "You said 25" in reasons[0]


def test_a_seed_patient_with_too_short_background_therapy_is_not_eligible():
    verdict, reasons, _ = seed_verdict({**FITS_SEED, "background_therapy_weeks": "4 weeks"})
    assert verdict == Verdict.NOT_ELIGIBLE
    assert "12 weeks" in reasons[0]


def test_a_seed_patient_with_both_antibody_tests_negative_is_not_eligible():
    answers = {**FITS_SEED, "ana_positive": False, "anti_dsdna_positive": False}
    assert seed_verdict(answers)[0] == Verdict.NOT_ELIGIBLE


def test_a_seed_patient_aged_76_is_not_eligible():
    verdict, reasons, _ = seed_verdict({**FITS_SEED, "age": 76})
    assert verdict == Verdict.NOT_ELIGIBLE
    assert "75 years" in reasons[0]


def test_load_demo_gives_the_seed_trial_its_criteria_and_stays_idempotent():
    call_command("load_demo", stdout=io.StringIO())
    [seed] = loading.trial_criteria(Trial.objects.filter(registry_id=SEED_TRIAL_ID))
    assert len(seed.rules) == 6
    first_ids = list(Criterion.objects.values_list("pk", flat=True))
    call_command("load_demo", stdout=io.StringIO())
    assert list(Criterion.objects.values_list("pk", flat=True)) == first_ids
    assert Criterion.objects.filter(trial__registry_id=SEED_TRIAL_ID).count() == 6


@pytest.fixture
def empty_cache():
    loading.clear_cache()
    yield
    loading.clear_cache()


def test_cached_trials_are_reused_until_something_changes(empty_cache, django_assert_num_queries):
    trial = make_trial("NCT00000041")
    first = loading.cached_open_trials()
    with django_assert_num_queries(1):
        assert loading.cached_open_trials() is first
    make_criterion(trial, "egfr", "gte", 30)
    [reloaded] = loading.cached_open_trials()
    assert [rule.key for rule in reloaded.rules] == ["egfr"]


def test_cached_trials_follow_edits_publishing_and_conditions(empty_cache):
    trial = make_trial("NCT00000042")
    criterion = make_criterion(trial, "egfr", "gte", 30)
    loading.cached_open_trials()
    criterion.value = 45
    criterion.save()
    assert loading.cached_open_trials()[0].rules[0].value == 45
    trial.conditions.set([])
    assert loading.cached_open_trials()[0].conditions == frozenset()
    # A bulk update says it changed the trial by moving updated_at, as the admin's actions do.
    Trial.objects.filter(pk=trial.pk).update(published=False, updated_at=timezone.now())
    assert loading.cached_open_trials() == []


def test_cached_trials_follow_a_condition_and_a_site_saved_on_their_own(empty_cache):
    from trials.models import Condition, Site

    trial = make_trial("NCT00000045", conditions=("sle",))
    first = loading.cached_open_trials()
    Condition.objects.get(slug="sjogrens").trials.add(trial)
    assert loading.cached_open_trials()[0].conditions == {"sle", "sjogrens"}
    reloaded = loading.cached_open_trials()
    Site.objects.create(trial=trial, city="Charleston", country="United States")
    assert loading.cached_open_trials() is not reloaded is not first


def test_the_data_version_moves_when_a_contact_is_saved_or_deleted_on_its_own(empty_cache):
    from tests.builders import make_contact

    trial = make_trial("NCT00000048")
    before = loading.data_version()
    contact = make_contact(trial)
    added = loading.data_version()
    contact.delete()

    assert before != added != loading.data_version()


def test_the_bank_is_kept_with_the_trials_and_checked_in_one_query(
    empty_cache, django_assert_num_queries
):
    make_trial("NCT00000046")
    bank = loading.question_bank()
    with django_assert_num_queries(1):
        assert loading.question_bank() is bank
    assert "age" in bank.by_key
    make_trial("NCT00000047")
    assert loading.question_bank() is not bank


def test_the_cache_expires(empty_cache):
    make_trial("NCT00000043")
    first = loading.cached_open_trials()
    assert loading.cached_open_trials(max_age=0) is not first


def test_cached_trials_follow_a_deleted_criterion(empty_cache):
    trial = make_trial("NCT00000044")
    make_criterion(trial, "egfr", "gte", 30)
    newest = make_criterion(trial, "egfr", "lte", 120)
    assert len(loading.cached_open_trials()[0].rules) == 2
    newest.delete()
    assert [rule.operator for rule in loading.cached_open_trials()[0].rules] == ["gte"]


def test_checked_and_listed_count_the_requirement_lines_and_what_checks_them():
    from screening.drafts import draft_trials

    trial = make_trial(
        "NCT00000031",
        eligibility_text=(
            "Inclusion Criteria:\n\n* Aged 18 to 75 years\n* eGFR of at least 30 mL/min/1.73m2\n"
            "* Able to swallow tablets\n\nExclusion Criteria:\n\n* Pregnant\n"
        ),
    )
    draft_trials([trial])
    make_trial("NCT00000032")  # never counted

    results = {
        result["trial"]: result
        for result in screen({"age": 34, "sex": "female", "conditions": ["sle"]})
    }

    # The age line (registry fields), eGFR and pregnancy (drafts); not swallowing tablets.
    assert (results["NCT00000031"]["checked"], results["NCT00000031"]["listed"]) == (3, 4)
    assert (results["NCT00000032"]["checked"], results["NCT00000032"]["listed"]) == (None, None)


def test_a_broken_draft_is_ask_doctor_in_screen_json_with_the_line():
    from screening.drafts import draft_trials

    trial = make_trial(
        "NCT00000033", eligibility_text="Exclusion Criteria:\n\n* Pregnant or breastfeeding\n"
    )
    draft_trials([trial])

    (result,) = screen({"age": 34, "sex": "female", "conditions": ["sle"], "pregnant": True})

    assert result["result"] == "ask_doctor"
    assert any("The study lists: “Pregnant or breastfeeding”" in r for r in result["reasons"])


def test_a_large_load_is_spared_from_gc_scans_until_the_next_load(empty_cache, monkeypatch):
    import gc

    make_trial("NCT00000049")
    monkeypatch.setattr(loading, "SPARE_FROM_GC_AT", 1)
    [trial] = loading.cached_open_trials()
    assert gc.get_freeze_count() > 0
    assert all(scanned is not trial for scanned in gc.get_objects())  # frozen, not scanned

    monkeypatch.setattr(loading, "SPARE_FROM_GC_AT", 2)
    loading.cached_open_trials(max_age=0)
    assert gc.get_freeze_count() == 0
