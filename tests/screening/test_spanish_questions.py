"""The question bank in Spanish: written by staff beside the English, shown on Spanish pages,
the English marked lang="en" where no Spanish was written yet."""

import datetime
import json
import re
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from screening import explaining
from screening.criteria import Finding, Outcome, Rule, TrialCriteria, Verdict
from screening.judging import Context
from screening.loading import condition_tree, question_specs
from screening.models import Question
from tests import plain_language
from tests.builders import make_trial
from tests.languages import spanish_get
from tests.screening.design import DESIGN_KEYS
from tests.screening.steps import step_key, walk
from trials.models import Condition
from trials.templatetags.languages import marked

pytestmark = pytest.mark.django_db


def test_every_seeded_question_has_its_spanish():
    questions = list(Question.objects.all())

    assert {question.key for question in questions} >= set(DESIGN_KEYS)
    for question in questions:
        assert question.wording_es, question.key
        assert bool(question.help_text_es) == bool(question.help_text), question.key
        assert bool(question.ask_doctor_es) == bool(question.ask_doctor), question.key
        for choice in question.choices:
            assert choice.get("label_es"), (question.key, choice)
        if question.terms.get("reason"):
            assert question.terms.get("reason_es"), question.key


def test_the_spanish_speaks_to_usted_and_says_no_lo_se():
    for question in Question.objects.all():
        words = f"{question.wording_es} {question.help_text_es}".lower()
        # Tú forms a careless translation uses: "tienes", "eres", "tu médico".
        assert not re.search(r"\b(tienes|eres|estás|puedes|tu|tus|elige|escribe)\b", words), (
            question.key
        )
        if "I'm not sure" in question.help_text:
            assert "“No lo sé”" in question.help_text_es, question.key


def test_the_spanish_bank_reads_easily():
    """The Szigriszt-Pazos (INFLESZ) ease of the bank's Spanish wording and help: 65 and up is
    "fairly easy"; medicine names (hidroxicloroquina) keep a few questions lower."""
    texts = [f"{q.wording_es} {q.help_text_es}".strip() for q in Question.objects.all()]

    assert plain_language.spanish_ease(" ".join(texts)) >= 65
    assert all(plain_language.spanish_ease(text) >= 45 for text in texts)


def test_every_condition_has_a_spanish_everyday_name():
    for condition in Condition.objects.all():
        assert condition.lay_name_es, condition.slug
    with translation.override("es"):
        assert condition_tree().name("sle") == "Lupus (LES)"
    assert condition_tree().name("sle") == "Lupus (SLE)"


def test_choice_labels_follow_the_page_language_and_mark_english_left_over():
    sex = Question.objects.get(key="sex")
    sex.choices = [
        {"value": "female", "label": "Female", "label_es": "Femenino"},
        {"value": "male", "label": "Male"},
    ]

    with translation.override("es"):
        labels = sex.spec().choice_labels
    assert labels["female"] == "Femenino" and labels["female"].lang == ""
    assert labels["male"] == "Male" and labels["male"].lang == "en"
    assert sex.spec().choice_labels["female"] == "Female"


def test_a_spanish_label_must_be_text():
    sex = Question.objects.get(key="sex")
    sex.choices = [
        {"value": "female", "label": "Female", "label_es": ["Femenino"]},
        {"value": "male", "label": "Male"},
    ]

    with pytest.raises(ValidationError) as error:
        sex.full_clean()
    assert "label_es" in str(error.value)


def test_a_spanish_reason_in_the_terms_must_be_text():
    egfr = Question.objects.get(key="egfr")
    egfr.terms = {**egfr.terms, "reason_es": 30}

    with pytest.raises(ValidationError) as error:
        egfr.full_clean()
    assert "reason_es" in str(error.value)


def test_the_step_shows_the_spanish_wording_on_a_spanish_page(client):
    make_trial(conditions=("sle",))

    response = spanish_get(client, "screening:check")

    key = step_key(response)
    question = Question.objects.get(key=key)
    html = response.content.decode()
    assert question.wording_es in html
    assert question.help_text_es in html
    assert question.wording not in html
    assert 'lang="en"' not in html.split('id="question-title"')[1].split(">")[0]


def test_the_step_shows_the_english_marked_when_staff_wrote_no_spanish_yet(client):
    make_trial(conditions=("sle",))
    key = step_key(client.get(reverse("screening:check")))
    Question.objects.filter(key=key).update(wording_es="", help_text_es="")
    question = Question.objects.get(key=key)

    html = spanish_get(client, "screening:check").content.decode()

    assert re.search(rf'id="question-title"[^>]*lang="en">{re.escape(question.wording)}<', html)
    assert re.search(rf'id="answer-help" lang="en">{re.escape(question.help_text)}<', html)


def test_the_english_page_never_takes_the_spanish(client):
    make_trial(conditions=("sle",))

    response = client.get(reverse("screening:check"))

    question = Question.objects.get(key=step_key(response))
    html = response.content.decode()
    assert question.wording in html
    assert question.wording_es not in html
    assert 'lang="en"' not in html.split('id="question-title"')[1].split(">")[0]


def test_conditions_are_offered_by_their_spanish_names(client):
    with translation.override("es"):
        specs = {spec.key: spec for spec in question_specs()}
    assert specs["conditions"].choice_labels["lupus-nephritis"] == "Lupus que afecta los riñones"


def _ask_doctor_finding(rule: Rule) -> tuple[TrialCriteria, Finding]:
    trial = TrialCriteria(trial_id="NCT00000001", rules=(rule,))
    finding = Finding(Outcome.UNKNOWN, "criteria", rules=(rule,), doubtful=(rule,))
    return trial, finding


def test_reasons_and_checklists_use_the_spanish_staff_wrote():
    rule = Rule(
        "egfr",
        "gte",
        30,
        confirmed_by="doctor",
        reason="This study needs a kidney test (eGFR) of 30 or more.",
        reason_es="Este estudio necesita un análisis de los riñones (eGFR) de 30 o más.",
        ask_doctor="Your most recent eGFR (kidney function) result",
        ask_doctor_es="Su resultado de eGFR (función de los riñones) más reciente",
    )
    trial, finding = _ask_doctor_finding(rule)
    context = Context(answers={}, today=datetime.date(2026, 12, 5), tree=condition_tree())

    with translation.override("es"), explaining.one_language():
        reasons, checklist = explaining.words(trial, Verdict.ASK_DOCTOR, [finding], context)

    assert reasons[0].startswith("Este estudio necesita un análisis de los riñones")
    assert checklist == ("Su resultado de eGFR (función de los riñones) más reciente",)
    assert checklist[0].lang == ""


def test_a_checklist_line_without_spanish_is_the_english_marked():
    rule = Rule(
        "egfr", "gte", 30, confirmed_by="doctor", reason="Needs eGFR 30.", ask_doctor="Your eGFR"
    )
    trial, finding = _ask_doctor_finding(rule)
    context = Context(answers={}, today=datetime.date(2026, 12, 5), tree=condition_tree())

    with translation.override("es"), explaining.one_language():
        _reasons, checklist = explaining.words(trial, Verdict.ASK_DOCTOR, [finding], context)
    with translation.override("en"), explaining.one_language():
        _reasons, english = explaining.words(trial, Verdict.ASK_DOCTOR, [finding], context)

    assert checklist == ("Your eGFR",) and checklist[0].lang == "en"
    assert english == ("Your eGFR",) and english[0].lang == ""


def test_staff_edits_of_the_spanish_wording_show_on_the_next_spanish_step(client, alice):
    make_trial(conditions=("sle",))
    key = step_key(spanish_get(client, "screening:check"))
    question = Question.objects.get(key=key)
    client.force_login(alice)
    url = reverse("admin:screening_question_change", args=[question.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    for name in ("choices", "alternative_units", "depends_on_values", "terms"):
        data[name] = json.dumps(data.get(name) or ([] if name != "terms" else {}))
    data["wording_es"] = "¿Qué edad tiene usted hoy?"

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    html = spanish_get(client, "screening:check").content.decode()
    assert "¿Qué edad tiene usted hoy?" in html


def test_spanish_results_give_the_demo_reasons_and_checklist_in_spanish(client):
    call_command("load_demo", stdout=StringIO())
    walk(client, {"age": "34", "sex": "female", "conditions": ["sle"]})

    html = spanish_get(client, "screening:results").content.decode()
    english = client.get(reverse("screening:results")).content.decode()

    assert "Este estudio necesita un análisis de los riñones (eGFR) de 30 o más." in html
    assert "Su resultado de eGFR (función de los riñones) más reciente" in html
    assert "This study needs a kidney test (eGFR) of 30 or more." not in html
    assert "This study needs a kidney test (eGFR) of 30 or more." in english
    # The answers the patient gave, by the questions' Spanish wording.
    assert "¿Cuántos años tiene?" in html


def test_an_english_reason_before_our_spanish_note_is_marked_alone():
    rule = Rule("egfr", "gte", 30, confirmed_by="doctor", reason="Needs an eGFR of 30 or more.")
    trial, finding = _ask_doctor_finding(rule)
    context = Context(answers={}, today=datetime.date(2026, 12, 5), tree=condition_tree())

    with translation.override("es"), explaining.one_language():
        [reason], _checklist = explaining.words(trial, Verdict.ASK_DOCTOR, [finding], context)
        note = reason[len("Needs an eGFR of 30 or more. ") :]
    html = marked(reason)

    assert reason.startswith("Needs an eGFR of 30 or more. ") and note
    assert html == f'<span lang="en">Needs an eGFR of 30 or more.</span> {note}'
