"""The question bank every database starts with, under the stable keys in DESIGN.md.

Wording is stored in the database so staff can edit it; gettext_noop marks it for the
translation catalogue so the flow can translate text that was not edited.
"""

from django.db import migrations
from django.utils.translation import gettext_noop as _

YES_NO, NUMBER, SINGLE, MULTIPLE, DATE, TEXT = (
    "yes_no", "number", "single_choice", "multiple_choice", "date", "text",
)

# Each row: key, type, wording, help text, what to ask the doctor, and the other fields.
QUESTIONS = [
    dict(key="age", type=NUMBER, position=10, is_clinical=False, unit="years",
         min_value=0, max_value=120, whole_number=True,
         wording=_("How old are you?"),
         help_text=_("Your age in whole years today. Most studies only take people of "
                     "certain ages.")),
    dict(key="sex", type=SINGLE, position=20, is_clinical=False,
         choices=[{"value": "female", "label": _("Female")},
                  {"value": "male", "label": _("Male")}],
         wording=_("What is your sex, as written in your medical records?"),
         help_text=_("Some studies are only for women or only for men. They use the word "
                     "the way medical records do.")),
    dict(key="conditions", type=MULTIPLE, position=30, is_clinical=False,
         wording=_("Which of these has a doctor told you that you have?"),
         help_text=_("Choose all that fit. If none of them fit, choose “None of these”.")),
    dict(key="postal_code", type=TEXT, position=40, is_clinical=False,
         wording=_("What is your ZIP code?"),
         help_text=_("We use it only to show how far away each study is. You can skip it.")),
    dict(key="travel_miles", type=NUMBER, position=50, is_clinical=False, unit="miles",
         alternative_units=["km"], min_value=0, max_value=5000,
         wording=_("How far could you travel for study visits?"),
         help_text=_("Think about a trip you could make every few weeks. You can answer in "
                     "miles or kilometers.")),
    dict(key="pregnant", type=YES_NO, position=60,
         depends_on="sex", depends_on_values=["female"],
         wording=_("Are you pregnant, or hoping to become pregnant in the next year?"),
         help_text=_("Many study medicines are not yet known to be safe during pregnancy."),
         ask_doctor=_("Whether pregnancy or plans for pregnancy matter for this study")),
    dict(key="breastfeeding", type=YES_NO, position=65,
         depends_on="sex", depends_on_values=["female"],
         wording=_("Are you breastfeeding?"),
         help_text=_("Some study medicines can pass into breast milk."),
         ask_doctor=_("Whether breastfeeding matters for this study")),
    dict(key="dialysis_or_transplant", type=YES_NO, position=70,
         wording=_("Are you on dialysis, or have you had a kidney transplant?"),
         help_text=_("Dialysis is when a machine cleans your blood because your kidneys "
                     "cannot."),
         ask_doctor=_("Your kidney treatment: dialysis or a kidney transplant")),
    dict(key="egfr", type=NUMBER, position=80, unit="mL/min/1.73m²", min_value=0,
         max_value=200,
         wording=_("What was your most recent eGFR (kidney function) number?"),
         help_text=_("eGFR shows how well your kidneys clean your blood. It is on your blood "
                     "test results, often near “creatinine”. A normal number is about 90 or "
                     "more."),
         ask_doctor=_("Your most recent eGFR (kidney function) result")),
    dict(key="upcr", type=NUMBER, position=85, unit="mg/mg",
         alternative_units=["mg/g", "mg/mmol"], min_value=0, max_value=30,
         wording=_("What was your most recent urine protein to creatinine ratio (UPCR)?"),
         help_text=_("This urine test shows how much protein your kidneys let out. Your "
                     "result may be in mg/mg, g/g, mg/g or mg/mmol: give the unit from your "
                     "paper."),
         ask_doctor=_("Your most recent urine protein test (UPCR)")),
    dict(key="prednisone_mg_per_day", type=NUMBER, position=90, unit="mg/day",
         min_value=0, max_value=1000,
         wording=_("How many milligrams (mg) of prednisone do you take each day?"),
         help_text=_("Prednisone is a steroid pill. Write 0 if you do not take it. If you take "
                     "another steroid, such as methylprednisolone, ask your doctor how much "
                     "prednisone that is the same as."),
         ask_doctor=_("Your daily steroid dose, counted as prednisone")),
    dict(key="ana_positive", type=YES_NO, position=100,
         wording=_("Has a blood test shown a positive ANA, at 1:160 or higher?"),
         help_text=_("ANA is a blood test for lupus. The result may look like “positive, "
                     "1:320”."),
         ask_doctor=_("Your ANA blood test result and its titer (such as 1:160)")),
    dict(key="anti_dsdna_positive", type=YES_NO, position=110,
         wording=_("Has a blood test shown positive anti-dsDNA antibodies?"),
         help_text=_("Anti-dsDNA (anti-double-stranded DNA) is a blood test for lupus."),
         ask_doctor=_("Your anti-dsDNA antibody test result")),
    dict(key="anti_smith_positive", type=YES_NO, position=115,
         wording=_("Has a blood test shown positive anti-Smith (anti-Sm) antibodies?"),
         help_text=_("Anti-Smith is another blood test for lupus."),
         ask_doctor=_("Your anti-Smith (anti-Sm) antibody test result")),
    dict(key="sledai_2k", type=NUMBER, position=120, unit="points", min_value=0,
         max_value=105, whole_number=True,
         wording=_("What is your most recent SLEDAI-2K score?"),
         help_text=_("Lupus doctors use this score to measure how active lupus is. Most "
                     "people do not know it. It is fine to choose “I'm not sure”."),
         ask_doctor=_("Your lupus activity score (SLEDAI-2K)")),
    dict(key="background_therapy_weeks", type=NUMBER, position=130, unit="weeks",
         alternative_units=["days", "months", "duration_years"], min_value=0, max_value=5200,
         wording=_("How long have you been taking a lupus medicine that is not a steroid "
                   "and not a biologic?"),
         help_text=_("For example hydroxychloroquine (Plaquenil), mycophenolate (CellCept), "
                     "azathioprine or methotrexate. You can answer in weeks, months or years. "
                     "Write 0 if you do not take one."),
         ask_doctor=_("How long you have taken your lupus medicines (not steroids or "
                      "biologics)")),
    dict(key="biologic_last_12_months", type=YES_NO, position=140,
         wording=_("In the last 12 months, have you had a biologic medicine?"),
         help_text=_("Biologics are strong medicines made from living cells, often given as "
                     "a shot or drip, such as belimumab (Benlysta), anifrolumab (Saphnelo) or "
                     "rituximab (Rituxan)."),
         ask_doctor=_("Which biologic medicines you had in the last 12 months, and when")),
    dict(key="last_biologic_dose", type=DATE, position=145,
         choices=[{"value": "never", "label": _("I have never had one")}],
         wording=_("When did you last have a biologic medicine?"),
         help_text=_("The month and year is enough. Biologics include belimumab (Benlysta), "
                     "anifrolumab (Saphnelo) and rituximab (Rituxan)."),
         ask_doctor=_("The date of your last biologic medicine")),
    dict(key="car_t_or_stem_cell_ever", type=YES_NO, position=150,
         wording=_("Have you ever had CAR-T cell therapy or a stem cell transplant?"),
         help_text=_("These are treatments that use your own or a donor's cells."),
         ask_doctor=_("Whether you have had CAR-T cell therapy or a stem cell transplant")),
    dict(key="cancer_last_5_years", type=YES_NO, position=160,
         wording=_("Have you had cancer in the last 5 years?"),
         help_text=_("Some skin cancers that were fully removed may not count. Answer yes if "
                     "you are not sure which kind."),
         ask_doctor=_("Whether your cancer history matters for this study")),
    dict(key="chronic_infection", type=YES_NO, position=170,
         wording=_("Do you have a long-lasting infection such as HIV, hepatitis B or C, or "
                   "tuberculosis (TB)?"),
         help_text=_("Strong lupus medicines can make these infections worse."),
         ask_doctor=_("Your tests for HIV, hepatitis B and C, and tuberculosis")),
    dict(key="live_vaccine_last_30_days", type=YES_NO, position=180,
         wording=_("In the last 30 days, have you had a live vaccine?"),
         help_text=_("Live vaccines include MMR (measles), chickenpox, yellow fever and the "
                     "nasal flu spray. Most flu shots and COVID shots are not live."),
         ask_doctor=_("Which vaccines you had in the last 30 days")),
    dict(key="weight", type=NUMBER, position=190, unit="kg", alternative_units=["lb", "st"],
         min_value=2, max_value=400,
         wording=_("How much do you weigh?"),
         help_text=_("You can answer in kilograms or pounds."),
         ask_doctor=_("Your current weight")),
]


def add_questions(apps, schema_editor):
    Question = apps.get_model("screening", "Question")
    by_key = {}
    for row in QUESTIONS:
        fields = dict(row)
        key = fields.pop("key")
        depends_on = fields.pop("depends_on", None)
        clinical = fields.setdefault("is_clinical", True)
        fields["offers_not_sure"] = clinical
        fields["depends_on"] = by_key.get(depends_on)
        question, _created = Question.objects.get_or_create(key=key, defaults=fields)
        by_key[key] = question


def remove_questions(apps, schema_editor):
    Question = apps.get_model("screening", "Question")
    keys = [row["key"] for row in QUESTIONS]
    Question.objects.filter(key__in=keys, depends_on__isnull=False).delete()
    Question.objects.filter(key__in=keys).delete()


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_initial")]

    operations = [migrations.RunPython(add_questions, remove_questions)]
