"""How many questions a lupus patient answers on the whole real catalogue (../shared/data).

The bank holds some thirty questions and drafted criteria use most of them; the flow must still
stay short: at most 12 questions that can change a verdict, then the ZIP code (which only sorts
the results by distance, so it comes last and may be skipped). A patient who knows every lab
value would be asked 18 without that bound; within it, the questions go to the studies the
fewest answers can settle.

Most of the shared records were last confirmed years ago, so today ClinicalTrials.gov's
unknown-status rule closes all but two of the lupus studies. The walks count every study that
registered itself as open instead (as if confirmed today): eleven lupus studies, the harder case.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from screening import loading
from screening.models import Question
from screening.scope import Scope
from tests.screening.steps import walk
from tests.trials.real_catalogue import import_real_catalogue, needs_shared_data
from trials.models import Trial

pytestmark = [pytest.mark.django_db, needs_shared_data]

MOST_QUESTIONS = 12

BASICS = {"age": "34", "sex": "female", "conditions": "sle"}
# A woman with lupus who knows her own story but not her lab values ("I'm not sure" to those).
EVERYDAY = {
    **BASICS,
    "pregnant": "no",
    "breastfeeding": "no",
    "dialysis_or_transplant": "no",
    "chronic_infection": "no",
    "cancer_last_5_years": "no",
    "last_investigational_drug": "never",
    "prednisone_mg_per_day": "10",
    "biologic_last_12_months": "no",
    "last_biologic_dose": "never",
    "car_t_or_stem_cell_ever": "no",
    "live_vaccine_last_30_days": "no",
    "bmi": "26",
    "weight": "150 lb",
    "postal_code": "10027",
}
# The same woman, who also knows every lab value and score: the longest walk.
LAB_VALUES = {
    **EVERYDAY,
    "background_therapy_weeks": "52",
    "active_cns_lupus": "no",
    "egfr": "85",
    "upcr": "0.3",
    "ana_positive": "yes",
    "anti_dsdna_positive": "yes",
    "anti_smith_positive": "no",
    "sledai_2k": "8",
    "hba1c": "5.4",
    "hemoglobin": "12",
    "platelets": "220",
    "neutrophils": "3.5",
    "edss": "0",
}
SLE_LINK = reverse("screening:check") + "?condition=sle"


WALKS = {
    "a clinician's lupus link, not sure of anything": (SLE_LINK, BASICS),
    "a clinician's lupus link, everyday answers": (SLE_LINK, EVERYDAY),
    "choosing lupus, not sure of anything": ("", BASICS),
    "choosing lupus, everyday answers": ("", EVERYDAY),
    "a clinician's lupus link, every lab value known": (SLE_LINK, LAB_VALUES),
    "choosing lupus, every lab value known": ("", LAB_VALUES),
}


def test_a_lupus_patient_answers_at_most_12_questions_then_the_zip_code():
    import_real_catalogue()  # once for every walk: it drafts criteria for 267 records
    Trial.objects.update(status_verified_on=timezone.localdate())
    loading.clear_cache()
    lupus = loading.cached_screened(Scope(condition="sle"), loading.condition_tree())
    assert len(lupus) >= 10
    confirmed_by = dict(Question.objects.values_list("key", "confirmed_by"))

    for walked, (start, answers) in WALKS.items():
        asked = walk(Client(), answers, start=start)

        assert asked[-1] == "postal_code", (walked, asked)
        questions = asked[:-1]
        assert len(questions) <= MOST_QUESTIONS, (walked, questions)
        assert len(set(asked)) == len(asked), (walked, asked)
        who = [confirmed_by[key] for key in questions]
        doctor_last = sorted(who, key=lambda confirmer: confirmer == "doctor")
        assert who == doctor_last, ("lab values come after the patient's facts", walked, asked)
