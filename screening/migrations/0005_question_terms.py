"""More questions registries commonly ask about, who confirms each answer, and the words
registries use for each question (Question.terms, for drafting criteria from registry text).

The terms are seeded from screening/data/question_terms.json as it is when this runs; staff
edit them in the admin afterwards. Wording is stored for staff to edit; gettext_noop marks it
for the translation catalogue, as in 0002.
"""

import json
from pathlib import Path

from django.db import migrations, models
from django.utils.translation import gettext_noop as _

TERMS_FILE = Path(__file__).resolve().parent.parent / "data" / "question_terms.json"

YES_NO, NUMBER, DATE = "yes_no", "number", "date"

# Lab values and scores: the doctor confirms them.
DOCTOR_CONFIRMS = [
    "egfr", "upcr", "ana_positive", "anti_dsdna_positive", "anti_smith_positive", "sledai_2k",
    "active_cns_lupus", "hba1c", "hemoglobin", "platelets", "neutrophils", "edss",
]

QUESTIONS = [
    dict(key="active_cns_lupus", type=YES_NO, position=75,
         wording=_("Is your lupus active in your brain or nerves right now?"),
         help_text=_("Doctors call this CNS lupus or neuropsychiatric lupus. It can cause "
                     "seizures, strokes, confusion or nerve problems."),
         ask_doctor=_("Whether your lupus is active in your brain or nerves (CNS lupus)")),
    dict(key="last_investigational_drug", type=DATE, position=175,
         choices=[{"value": "never", "label": _("I have never taken one")}],
         wording=_("When did you last take a medicine that was being tested in a research "
                   "study?"),
         help_text=_("The month and year is enough. If you have never been in a study that "
                     "tested a medicine, choose “I have never taken one”."),
         ask_doctor=_("The date of your last dose of a medicine in a research study")),
    dict(key="bmi", type=NUMBER, position=195, unit="kg/m²", min_value=10, max_value=90,
         wording=_("What is your body mass index (BMI)?"),
         help_text=_("BMI compares your weight with your height. Your doctor's office can "
                     "tell you. A common BMI is between 18 and 30."),
         ask_doctor=_("Your body mass index (BMI)")),
    dict(key="hba1c", type=NUMBER, position=200, unit="%", min_value=3, max_value=20,
         wording=_("What was your most recent HbA1c (A1C) result?"),
         help_text=_("A1C is a blood test that shows your average blood sugar over about 3 "
                     "months. It is a percent, such as 7.2%."),
         ask_doctor=_("Your most recent HbA1c (A1C) result")),
    dict(key="hemoglobin", type=NUMBER, position=210, unit="g/dL", alternative_units=["g/L"],
         min_value=1, max_value=25,
         wording=_("What was your most recent hemoglobin result?"),
         help_text=_("Hemoglobin carries oxygen in your blood. It is on a blood count test "
                     "(CBC). A common result is 12 to 16 g/dL. You can answer in g/dL or g/L."),
         ask_doctor=_("Your most recent hemoglobin result")),
    dict(key="platelets", type=NUMBER, position=220, unit="×10⁹/L", alternative_units=["/µL"],
         min_value=0, max_value=2000,
         wording=_("What was your most recent platelet count?"),
         help_text=_("Platelets help your blood clot. They are on a blood count test (CBC). "
                     "A common result is 150 to 400 (thousand per microliter). You can also "
                     "write the full number with its unit, such as 250000 per µL."),
         ask_doctor=_("Your most recent platelet count")),
    dict(key="neutrophils", type=NUMBER, position=230, unit="×10⁹/L", alternative_units=["/µL"],
         min_value=0, max_value=100,
         wording=_("What was your most recent neutrophil count (ANC)?"),
         help_text=_("Neutrophils are white blood cells that fight germs. They are on a blood "
                     "count test (CBC). A common result is 2 to 7 (thousand per microliter). "
                     "You can also write the full number with its unit, such as 2500 per µL."),
         ask_doctor=_("Your most recent neutrophil count (ANC)")),
    dict(key="edss", type=NUMBER, position=240, unit="points", min_value=0, max_value=10,
         wording=_("What is your most recent EDSS score?"),
         help_text=_("EDSS is a score from 0 to 10 that MS doctors use to measure how MS "
                     "affects your body. Most people do not know it. It is fine to choose “I'm "
                     "not sure”."),
         ask_doctor=_("Your disability score for MS (EDSS)")),
]

OLD_ANA_WORDING = "Has a blood test shown a positive ANA, at 1:160 or higher?"
ANA_WORDING = _("Has a blood test shown a positive ANA?")
ANA_HELP = _("ANA is a blood test for lupus. Your lab report may say “positive” and give a "
             "number such as 1:160. Answer yes if your lab called it positive.")


def add_questions(apps, schema_editor):
    Question = apps.get_model("screening", "Question")
    for row in QUESTIONS:
        fields = dict(row, is_clinical=True, offers_not_sure=True)
        Question.objects.get_or_create(key=fields.pop("key"), defaults=fields)
    # A positive ANA as the patient's lab called it; a trial's own titre goes to the doctor.
    Question.objects.filter(key="ana_positive", wording=OLD_ANA_WORDING).update(
        wording=ANA_WORDING, help_text=ANA_HELP
    )
    Question.objects.filter(key__in=DOCTOR_CONFIRMS).update(confirmed_by="doctor")
    terms = json.loads(TERMS_FILE.read_text(encoding="utf-8"))
    for question in Question.objects.all():
        if question.key in terms and not question.terms:
            question.terms = terms[question.key]
            question.save(update_fields=["terms"])


def remove_questions(apps, schema_editor):
    Question = apps.get_model("screening", "Question")
    Question.objects.filter(key__in=[row["key"] for row in QUESTIONS]).delete()
    Question.objects.filter(key="ana_positive", wording=ANA_WORDING).update(
        wording=OLD_ANA_WORDING
    )



class Migration(migrations.Migration):

    dependencies = [
        ('screening', '0004_criterion_drafts'),
    ]

    operations = [
        migrations.AddField(
            model_name='question',
            name='confirmed_by',
            field=models.CharField(choices=[('patient', 'Patient'), ('doctor', 'Doctor')], default='patient', help_text="Lab values and scores are the doctor's. Drafted criteria copy this.", max_length=10, verbose_name='who can confirm the answer'),
        ),
        migrations.AddField(
            model_name='question',
            name='terms',
            field=models.JSONField(blank=True, default=dict, help_text='How registry text names this question, for drafting criteria: {"names": ["eGFR", "glomerular filtration rate"], "not_names": [...], "blockers": [...], "reason": "a kidney test (eGFR)"}. See screening/drafting/vocabulary.py.', verbose_name='words registries use for it'),
        ),
        migrations.AlterField(
            model_name='question',
            name='unit',
            field=models.CharField(blank=True, choices=[('years', 'years (age)'), ('kg', 'kg (mass)'), ('lb', 'lb (mass)'), ('st', 'st (mass)'), ('miles', 'miles (distance)'), ('km', 'km (distance)'), ('mg/day', 'mg/day (daily dose)'), ('mL/min/1.73m²', 'mL/min/1.73m² (filtration)'), ('mg/mg', 'mg/mg (protein ratio)'), ('mg/g', 'mg/g (protein ratio)'), ('mg/mmol', 'mg/mmol (protein ratio)'), ('points', 'points (score)'), ('weeks', 'weeks (duration)'), ('days', 'days (duration)'), ('months', 'months (duration)'), ('duration_years', 'duration_years (duration)'), ('kg/m²', 'kg/m² (body mass index)'), ('%', '% (percent)'), ('g/dL', 'g/dL (hemoglobin)'), ('g/L', 'g/L (hemoglobin)'), ('×10⁹/L', '×10⁹/L (blood cells)'), ('/µL', '/µL (blood cells)')], help_text='Answers and criteria values are stored in this unit.', max_length=20, verbose_name='canonical unit'),
        ),
        migrations.RunPython(add_questions, remove_questions),
    ]
