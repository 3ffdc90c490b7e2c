"""Question.terms seeded again from screening/data/question_terms.json.

The words grew after 0005 ran (measured against the hand-labelled trials in
tests/screening/drafting_labels.json); staff had not edited them yet.
"""

import json
from pathlib import Path

from django.db import migrations

TERMS_FILE = Path(__file__).resolve().parent.parent / "data" / "question_terms.json"


def refresh_terms(apps, schema_editor):
    Question = apps.get_model("screening", "Question")
    terms = json.loads(TERMS_FILE.read_text(encoding="utf-8"))
    for question in Question.objects.filter(key__in=terms):
        question.terms = terms[question.key]
        question.save(update_fields=["terms"])


class Migration(migrations.Migration):
    dependencies = [("screening", "0005_question_terms")]

    operations = [migrations.RunPython(refresh_terms, migrations.RunPython.noop)]
