"""The shipped question bank, question and criterion validation, and the criteria fingerprint."""

from importlib import import_module

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import path, reverse

from screening.admin import CriterionInline, QuestionAdmin
from screening.loading import question_specs
from screening.models import Criterion, Question
from screening.questions import NOT_SURE, parse_answer
from tests.builders import make_criterion, make_trial
from tests.screening.design import DESIGN_KEYS
from trials.models import Trial, eligibility_fingerprint


@pytest.mark.django_db
def test_the_question_bank_has_every_key_from_the_design():
    keys = set(Question.objects.values_list("key", flat=True))
    assert set(DESIGN_KEYS) <= keys


@pytest.mark.django_db
def test_every_clinical_question_offers_not_sure_and_the_others_do_not():
    for question in Question.objects.all():
        assert question.offers_not_sure == question.is_clinical, question.key
    assert not Question.objects.get(key="age").is_clinical
    assert Question.objects.get(key="egfr").is_clinical


@pytest.mark.django_db
def test_every_shipped_question_passes_its_own_validation_and_has_words_for_patients():
    for question in Question.objects.all():
        question.full_clean()
        assert question.wording.endswith("?"), question.key
        assert question.help_text, question.key
        if question.is_clinical:
            assert question.ask_doctor, question.key


@pytest.mark.django_db
def test_pregnancy_questions_are_only_asked_of_women():
    pregnant = Question.objects.get(key="pregnant")
    assert pregnant.depends_on.key == "sex"
    assert pregnant.depends_on_values == ["female"]


@pytest.mark.django_db
def test_shipped_number_questions_take_the_units_people_have():
    specs = {spec.key: spec for spec in question_specs()}
    assert parse_answer(specs["weight"], "154 lb") == pytest.approx(69.853, abs=0.001)
    assert parse_answer(specs["background_therapy_weeks"], "3 months") >= 12
    assert parse_answer(specs["egfr"], NOT_SURE) == NOT_SURE


@pytest.mark.django_db
def test_the_conditions_question_offers_every_condition():
    specs = {spec.key: spec for spec in question_specs()}
    assert "lupus-nephritis" in specs["conditions"].choices
    assert specs["conditions"].choice_labels["sle"] == "Lupus (SLE)"


@pytest.mark.django_db
def test_a_clinical_question_without_not_sure_is_refused():
    question = Question(key="crp", wording="What was your CRP?", type="number", unit="")
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert "offers_not_sure" in error.value.message_dict


@pytest.mark.django_db
def test_an_alternative_unit_that_cannot_convert_is_refused():
    question = Question(
        key="height",
        wording="How tall are you?",
        type="number",
        unit="kg",
        alternative_units=["weeks"],
        offers_not_sure=True,
    )
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert "cannot be converted" in error.value.message_dict["alternative_units"][0]


@pytest.mark.django_db
def test_a_choice_called_not_sure_is_refused():
    question = Question(
        key="smoker",
        wording="Do you smoke?",
        type="single_choice",
        choices=[{"value": "yes", "label": "Yes"}, {"value": "not_sure", "label": "?"}],
        offers_not_sure=True,
    )
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert "choices" in error.value.message_dict


@pytest.mark.django_db
def test_a_criterion_value_must_fit_its_question_and_operator():
    trial = make_trial()
    egfr = Question.objects.get(key="egfr")
    criterion = Criterion(
        trial=trial, question=egfr, operator="gte", value="thirty", reason="Needs 30."
    )
    with pytest.raises(ValidationError) as error:
        criterion.full_clean()
    assert "number" in error.value.message_dict["value"][0]
    criterion.operator = "within_last"
    with pytest.raises(ValidationError) as error:
        criterion.full_clean()
    assert "operator" in error.value.message_dict


@pytest.mark.django_db
def test_a_conditions_criterion_must_name_known_conditions():
    trial = make_trial()
    with pytest.raises(ValidationError, match="flu"):
        make_criterion(trial, "conditions", "in", ["sle", "flu"])
    assert make_criterion(trial, "conditions", "in", ["sle"]).value == ["sle"]


@pytest.mark.django_db
def test_saving_a_criterion_records_the_eligibility_text_it_was_written_against():
    trial = make_trial(eligibility_text="Adults with lupus.", criteria_need_review=True)
    make_criterion(trial, "egfr", "gte", 30, confirmed_by="doctor")
    trial.refresh_from_db()
    assert trial.criteria_fingerprint == eligibility_fingerprint("Adults with lupus.")
    assert trial.criteria_need_review is False


@pytest.mark.django_db
def test_deleting_a_criterion_also_clears_the_review_flag():
    trial = make_trial(eligibility_text="Adults with lupus.")
    criterion = make_criterion(trial, "egfr", "gte", 30)
    Trial.objects.filter(pk=trial.pk).update(criteria_need_review=True)
    criterion.delete()
    trial.refresh_from_db()
    assert trial.criteria_need_review is False


@pytest.mark.django_db
def test_deleting_a_trial_with_criteria_works():
    trial = make_trial()
    make_criterion(trial, "egfr", "gte", 30)
    trial.delete()
    assert not Criterion.objects.exists()


@pytest.mark.django_db
def test_a_question_used_by_a_criterion_cannot_be_deleted():
    from django.db.models import ProtectedError

    make_criterion(make_trial(), "egfr", "gte", 30)
    with pytest.raises(ProtectedError):
        Question.objects.get(key="egfr").delete()


def test_the_criterion_inline_offers_the_authoring_fields():
    assert CriterionInline.model is Criterion
    assert CriterionInline.fields[:7] == [
        "question",
        "kind",
        "operator",
        "value",
        "any_of_group",
        "confirmed_by",
        "reason",
    ]


@pytest.mark.django_db
def test_staff_can_list_and_edit_questions(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:screening_question_changelist"))
    assert response.status_code == 200
    assert "prednisone_mg_per_day" in response.text
    egfr = Question.objects.get(key="egfr")
    response = client.get(reverse("admin:screening_question_change", args=[egfr.pk]))
    assert response.status_code == 200
    assert "kidney function" in response.text


# A throwaway admin with the criteria inline on trials, as the lead wires it in TrialAdmin.
_site = admin.AdminSite(name="criteria_admin")


class _TrialWithCriteria(admin.ModelAdmin):
    fields = ["brief_title"]
    inlines = [CriterionInline]


_site.register(Trial, _TrialWithCriteria)
_site.register(Question, QuestionAdmin)
urlpatterns = [path("admin/", _site.urls)]


def _inline_post(trial, **criterion) -> dict:
    data = {
        "brief_title": trial.brief_title,
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    data.update({f"criteria-0-{key}": value for key, value in criterion.items()})
    return data


@pytest.mark.django_db
@pytest.mark.urls("tests.screening.test_models")
def test_staff_author_a_criterion_inline_on_the_trial(admin_client):
    trial = make_trial(eligibility_text="Adults with lupus.", criteria_need_review=True)
    url = reverse("criteria_admin:trials_trial_change", args=[trial.pk])
    egfr = Question.objects.get(key="egfr")
    response = admin_client.post(
        url,
        _inline_post(
            trial,
            question=egfr.pk,
            kind="inclusion",
            operator="gte",
            value="30",
            any_of_group="",
            confirmed_by="doctor",
            reason="This study needs a kidney test (eGFR) of 30 or more.",
            position="0",
        ),
    )
    assert response.status_code == 302
    criterion = trial.criteria.get()
    assert (criterion.operator, criterion.value, criterion.confirmed_by) == ("gte", 30, "doctor")
    trial.refresh_from_db()
    assert trial.criteria_need_review is False


@pytest.mark.django_db
@pytest.mark.urls("tests.screening.test_models")
def test_a_bad_criterion_value_in_the_admin_is_a_clear_message_and_saves_nothing(admin_client):
    trial = make_trial()
    url = reverse("criteria_admin:trials_trial_change", args=[trial.pk])
    response = admin_client.post(
        url,
        _inline_post(
            trial,
            question=Question.objects.get(key="ana_positive").pk,
            kind="inclusion",
            operator="gte",
            value='"yes"',
            confirmed_by="patient",
            reason="Needs a positive ANA.",
            position="0",
        ),
    )
    assert response.status_code == 200
    assert "does not work with a yes or no question" in response.text
    assert not trial.criteria.exists()


def test_trial_admin_page_offers_structured_criteria(client, alice):
    from django.urls import reverse

    from tests.builders import make_criterion, make_trial

    trial = make_trial()
    make_criterion(trial, "egfr", operator="gte", value=30, confirmed_by="doctor")
    client.force_login(alice)

    html = client.get(reverse("admin:trials_trial_change", args=[trial.pk])).content.decode()

    assert "eligibility criteria (structured)" in html.lower()
    assert 'name="criteria-TOTAL_FORMS" value="1"' in html


@pytest.mark.django_db
def test_lab_values_and_scores_are_confirmed_by_the_doctor():
    doctor = set(Question.objects.filter(confirmed_by="doctor").values_list("key", flat=True))
    assert {
        "egfr",
        "hemoglobin",
        "platelets",
        "neutrophils",
        "hba1c",
        "edss",
        "sledai_2k",
    } <= doctor
    assert "pregnant" not in doctor


@pytest.mark.django_db
@pytest.mark.parametrize(
    "key, answer, canonical",
    [
        ("platelets", "250000 per µL", 250),
        ("platelets", "250", 250),
        ("neutrophils", "1500 /µL", 1.5),
        ("hemoglobin", "120 g/L", 12),
        ("hemoglobin", "11.5", 11.5),
        ("hba1c", "7.2 %", 7.2),
        ("bmi", "31 kg/m2", 31),
        ("edss", "3.5", 3.5),
        ("last_investigational_drug", "never", "never"),
    ],
)
def test_the_new_questions_take_answers_in_the_units_people_use(key, answer, canonical):
    spec = Question.objects.get(key=key).spec()
    assert parse_answer(spec, answer) == canonical
    assert parse_answer(spec, NOT_SURE) == NOT_SURE


@pytest.mark.django_db
def test_ana_asks_about_a_positive_result_not_one_trials_titre():
    wording = Question.objects.get(key="ana_positive").wording
    assert "positive ANA" in wording
    assert "1:160" not in wording


@pytest.mark.django_db
def test_every_question_the_drafter_reads_has_names_and_a_reason():
    for key in ("egfr", "pregnant", "platelets", "last_investigational_drug", "active_cns_lupus"):
        terms = Question.objects.get(key=key).terms
        assert terms["names"] and terms["reason"], key


@pytest.mark.django_db
@pytest.mark.parametrize(
    "terms, message",
    [
        (["eGFR"], "Write the words as"),
        ({"names": "eGFR"}, "“names” must be a list"),
        ({"names": ["eGFR", ""]}, "“names” must be a list"),
        ({"names": ["x"], "sections": ["maybe"]}, "“sections” may only hold"),
    ],
)
def test_bad_terms_get_a_clear_message(terms, message):
    question = Question.objects.get(key="egfr")
    question.terms = terms
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert message in str(error.value.message_dict["terms"])


def test_seeded_words_are_merged_in_and_staff_words_kept():
    merged = import_module("screening.migrations.0008_merge_question_terms").merged
    staff = {"names": ["ana", "a word staff added"], "reason": "staff wording"}
    seeded = {"names": ["ana", "antinuclear"], "reason": "seeded", "sections": ["inclusion"]}

    assert merged(staff, seeded) == {
        "names": ["ana", "a word staff added", "antinuclear"],
        "reason": "staff wording",
        "sections": ["inclusion"],
    }
