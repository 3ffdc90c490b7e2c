"""Shorter help for the platelet and neutrophil questions: the unit list beside the answer box
already offers "thousand per microliter" and "per microliter", so the help no longer explains
how to write a full count. Help that staff have changed since is left alone.

Wording is stored for staff to edit; gettext_noop marks it for the translation catalogue.
"""

from django.db import migrations
from django.utils.translation import gettext_noop as _

HELP = {
    "platelets": (
        "Platelets help your blood clot. They are on a blood count test (CBC). A common result "
        "is 150 to 400 (thousand per microliter). You can also write the full number with its "
        "unit, such as 250000 per µL.",
        _(
            "Platelets help your blood clot. They are on a blood count test (CBC). A common "
            "result is 150 to 400 thousand per microliter."
        ),
    ),
    "neutrophils": (
        "Neutrophils are white blood cells that fight germs. They are on a blood count test "
        "(CBC). A common result is 2 to 7 (thousand per microliter). You can also write the "
        "full number with its unit, such as 2500 per µL.",
        _(
            "Neutrophils are white blood cells that fight germs. They are on a blood count test "
            "(CBC). A common result is 2 to 7 thousand per microliter."
        ),
    ),
}


def shorten(apps, schema_editor):
    Question = apps.get_model("screening", "Question")
    for key, (old, new) in HELP.items():
        Question.objects.filter(key=key, help_text=old).update(help_text=new)


def lengthen(apps, schema_editor):
    Question = apps.get_model("screening", "Question")
    for key, (old, new) in HELP.items():
        Question.objects.filter(key=key, help_text=new).update(help_text=old)


class Migration(migrations.Migration):
    dependencies = [("screening", "0008_merge_question_terms")]

    operations = [migrations.RunPython(shorten, lengthen)]
