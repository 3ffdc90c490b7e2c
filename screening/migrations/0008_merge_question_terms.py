"""Words added to screening/data/question_terms.json merged into Question.terms.

Unlike 0006 and 0007, this keeps what staff wrote: a word list gains the file's new words
and keeps its own, and a setting staff have not set (a time window) comes from the file.
"""

import json
from pathlib import Path

from django.db import migrations

TERMS_FILE = Path(__file__).resolve().parent.parent / "data" / "question_terms.json"


def merged(current: dict, seeded: dict) -> dict:
    terms = dict(current)
    for name, value in seeded.items():
        if isinstance(value, list) and isinstance(terms.get(name), list):
            terms[name] = terms[name] + [item for item in value if item not in terms[name]]
        else:
            terms.setdefault(name, value)
    return terms


def merge_terms(apps, schema_editor):
    Question = apps.get_model("screening", "Question")
    seeded = json.loads(TERMS_FILE.read_text(encoding="utf-8"))
    for question in Question.objects.filter(key__in=seeded):
        terms = merged(question.terms or {}, seeded[question.key])
        if terms != question.terms:
            question.terms = terms
            question.save(update_fields=["terms"])


class Migration(migrations.Migration):
    dependencies = [("screening", "0007_refresh_question_terms")]

    operations = [migrations.RunPython(merge_terms, migrations.RunPython.noop)]
