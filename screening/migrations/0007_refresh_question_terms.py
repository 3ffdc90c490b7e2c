"""Question.terms seeded again from screening/data/question_terms.json, as in 0006.

The words grew once more after 7 trials the drafter had not seen were labelled
(tests/screening/drafting_labels.json); staff had not edited them yet.
"""

from importlib import import_module

from django.db import migrations

refresh_terms = import_module("screening.migrations.0006_refresh_question_terms").refresh_terms


class Migration(migrations.Migration):
    dependencies = [("screening", "0006_refresh_question_terms")]

    operations = [migrations.RunPython(refresh_terms, migrations.RunPython.noop)]
