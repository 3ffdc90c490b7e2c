"""Staff side of screening: edit the question bank; author criteria inline on a trial.

The criteria inline is attached to the trial admin at the bottom of this module (trials must
not import screening, so the hook lives here).

Saving or deleting a criterion (in the admin or anywhere else) records which eligibility text
the criteria were written against: a signal in screening.models calls
``Trial.mark_criteria_written()`` and clears "criteria need review".

SharedResult (results a patient shared with their doctor) is deliberately not registered:
staff have no reason to browse patients' answers, and its key is the secret link itself.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from screening.models import Criterion, Question
from trials.admin import TrialAdmin


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["key", "wording", "type", "unit", "is_clinical", "offers_not_sure", "position"]
    list_filter = ["type", "is_clinical"]
    list_editable = ["position"]
    search_fields = ["key", "wording", "help_text"]
    list_select_related = ["depends_on"]
    fieldsets = [
        (None, {"fields": ["key", "wording", "help_text", "ask_doctor", "position"]}),
        (
            _("Answer"),
            {
                "fields": [
                    "type",
                    "unit",
                    "alternative_units",
                    "min_value",
                    "max_value",
                    "whole_number",
                    "choices",
                    "is_clinical",
                    "offers_not_sure",
                ]
            },
        ),
        (_("Ask only when"), {"fields": ["depends_on", "depends_on_values"]}),
        (_("Drafting criteria from registry text"), {"fields": ["confirmed_by", "terms"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Keys are a contract with criteria and saved answers: fixed once created.
        return ["key"] if obj else []


class CriterionInline(admin.TabularInline):
    """Structured criteria on the trial's admin page (see the module docstring to attach it)."""

    model = Criterion
    extra = 0
    fields = [
        "question",
        "kind",
        "operator",
        "value",
        "any_of_group",
        "confirmed_by",
        "reason",
        "position",
    ]
    autocomplete_fields = ["question"]
    # A criterion is one row: keep its value and reason boxes small.
    formfield_overrides = {
        models.JSONField: {"widget": forms.Textarea(attrs={"rows": 1, "cols": 18})},
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})},
    }
    verbose_name = _("eligibility criterion")
    verbose_name_plural = _("eligibility criteria (structured)")


# Criteria are authored on the trial's own admin page. `trials` knows nothing of screening,
# so the screening app adds its inline to the trial admin here.
TrialAdmin.inlines = [*TrialAdmin.inlines, CriterionInline]
