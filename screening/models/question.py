"""The question bank in the database: each question, its units, choices and words."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from screening.questions import NEVER, NOT_SURE, UNITS, QuestionSpec, QuestionType
from trials.languages import Written, in_page_language

UNIT_CHOICES = [
    (code, f"{code} ({unit.dimension.replace('_', ' ')})") for code, unit in UNITS.items()
]


class ConfirmedBy(models.TextChoices):
    PATIENT = "patient", _("Patient")
    DOCTOR = "doctor", _("Doctor")


class Question(models.Model):
    """One question of the questionnaire, under a stable key that criteria and answers use."""

    key = models.SlugField(
        max_length=60,
        unique=True,
        help_text=_("Stable name used by criteria and saved answers. Do not change it."),
    )
    wording = models.TextField(_("question, as patients read it"))
    help_text = models.TextField(_("help for patients"), blank=True)
    ask_doctor = models.CharField(
        _("what to ask the doctor"),
        max_length=300,
        blank=True,
        help_text=_("One line for the “ask your doctor” checklist, such as “Your latest eGFR”."),
    )
    # Spanish beside the English (plain `_es` fields, why in trials/languages.py). Empty: a
    # Spanish page shows the English, marked lang="en".
    wording_es = models.TextField(_("question in Spanish"), blank=True)
    help_text_es = models.TextField(_("help for patients, in Spanish"), blank=True)
    ask_doctor_es = models.CharField(
        _("what to ask the doctor, in Spanish"), max_length=300, blank=True
    )
    type = models.CharField(max_length=20, choices=QuestionType.choices)
    unit = models.CharField(
        _("canonical unit"),
        max_length=20,
        choices=UNIT_CHOICES,
        blank=True,
        help_text=_("Answers and criteria values are stored in this unit."),
    )
    alternative_units = models.JSONField(
        default=list,
        blank=True,
        help_text=_('Other units people may answer in, converted for them, e.g. ["lb"].'),
    )
    min_value = models.FloatField(_("lowest answer allowed"), null=True, blank=True)
    max_value = models.FloatField(_("highest answer allowed"), null=True, blank=True)
    whole_number = models.BooleanField(default=False)
    choices = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            'For choice questions: [{"value": "female", "label": "Female", "label_es": '
            '"Femenino"}, …]. For a date question, {"value": "never", …} adds a “never” '
            "answer. The conditions question takes its choices from the conditions list."
        ),
    )
    offers_not_sure = models.BooleanField(_("offers “I'm not sure”"), default=False)
    is_clinical = models.BooleanField(
        default=True, help_text=_("Clinical questions must offer “I'm not sure”.")
    )
    depends_on = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dependents",
        help_text=_("Ask this only after that question was answered with one of the values."),
    )
    depends_on_values = models.JSONField(
        default=list, blank=True, help_text=_('Answers that make this question apply: ["female"].')
    )
    position = models.PositiveSmallIntegerField(default=100)
    confirmed_by = models.CharField(
        _("who can confirm the answer"),
        max_length=10,
        choices=ConfirmedBy.choices,
        default=ConfirmedBy.PATIENT,
        help_text=_("Lab values and scores are the doctor's. Drafted criteria copy this."),
    )
    terms = models.JSONField(
        _("words registries use for it"),
        default=dict,
        blank=True,
        help_text=_(
            'How registry text names this question, for drafting criteria: {"names": '
            '["eGFR", "glomerular filtration rate"], "not_names": [...], "blockers": [...], '
            '"reason": "a kidney test (eGFR)", "reason_es": "una prueba del riñón (eGFR)"}. '
            "See screening/drafting/vocabulary.py."
        ),
    )

    # Moves with every save: screening.loading's cache reloads the bank when it does, so an
    # edit (a Spanish wording, say) shows on the next step.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "key"]

    def __str__(self) -> str:
        return self.key

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.is_clinical and not self.offers_not_sure:
            errors["offers_not_sure"] = _("Every clinical question must offer “I'm not sure”.")
        if self.type == QuestionType.NUMBER:
            if (
                self.min_value is not None
                and self.max_value is not None
                and self.min_value > self.max_value
            ):
                errors["max_value"] = _("The highest answer is below the lowest.")
        elif self.unit or self.alternative_units:
            errors["unit"] = _("Only number questions have units.")
        if not isinstance(self.alternative_units, list) or not all(
            isinstance(code, str) for code in self.alternative_units
        ):
            errors["alternative_units"] = _('Write a list of units, such as ["lb"].')
        else:
            dimension = UNITS[self.unit].dimension if self.unit in UNITS else None
            for code in self.alternative_units:
                if code not in UNITS:
                    errors["alternative_units"] = _("We do not know the unit “%s”.") % code
                elif dimension is None or UNITS[code].dimension != dimension:
                    errors["alternative_units"] = (
                        _("“%s” cannot be converted to the canonical unit.") % code
                    )
        terms_error = _terms_error(self.terms)
        if terms_error:
            errors["terms"] = terms_error
        choice_error = _choices_error(self.choices, self.type)
        if choice_error:
            errors["choices"] = choice_error
        if self.depends_on_id and self.depends_on_id == self.pk:
            errors["depends_on"] = _("A question cannot depend on itself.")
        elif self.depends_on_id and not self.depends_on_values:
            errors["depends_on_values"] = _("Say which answers make this question apply.")
        if self.depends_on_values and not isinstance(self.depends_on_values, list):
            errors["depends_on_values"] = _('Write a list, such as ["female"].')
        if errors:
            raise ValidationError(errors)

    def text(self, field: str) -> Written:
        """`wording`, `help_text` or `ask_doctor` in the page's language (trials.languages)."""
        return in_page_language(getattr(self, field), getattr(self, f"{field}_es"))

    def spec(self, condition_choices: dict[str, str] | None = None) -> QuestionSpec:
        """This question as plain data for screening.questions and screening.engine.

        Choice labels are in the active language: a cache of specs is one per language.
        """
        labels = {
            choice["value"]: in_page_language(choice.get("label", ""), choice.get("label_es", ""))
            for choice in self.choices or []
        }
        if self.key == "conditions" and condition_choices is not None:
            labels = dict(condition_choices)
        return QuestionSpec(
            key=self.key,
            type=self.type,
            unit=self.unit,
            alternative_units=tuple(self.alternative_units or ()),
            min_value=self.min_value,
            max_value=self.max_value,
            whole_number=self.whole_number,
            choices=tuple(labels),
            choice_labels=labels,
            offers_not_sure=self.offers_not_sure,
            depends_on=self.depends_on.key if self.depends_on_id else "",
            depends_on_values=tuple(self.depends_on_values or ()),
            position=self.position,
            confirmed_by=self.confirmed_by,
        )


_TERM_LISTS = ("names", "not_names", "blockers", "sections")


def _terms_error(terms: Any) -> str:
    if not isinstance(terms, dict):
        return _('Write the words as {"names": ["eGFR", "glomerular filtration rate"]}.')
    for name in _TERM_LISTS:
        words = terms.get(name, [])
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            return _("“%s” must be a list of words or phrases.") % name
    for name in ("reason", "reason_es"):
        if not isinstance(terms.get(name, ""), str):
            return _("“%s” must be a few plain words.") % name
    if set(terms.get("sections", [])) - {"inclusion", "exclusion"}:
        return _("“sections” may only hold “inclusion” and “exclusion”.")
    return ""


def _choices_error(choices: Any, question_type: str) -> str:
    if not isinstance(choices, list) or not all(
        isinstance(choice, dict) and isinstance(choice.get("value"), str) for choice in choices
    ):
        return _('Write a list like [{"value": "female", "label": "Female"}].')
    for choice in choices:
        for name in ("label", "label_es"):
            if not isinstance(choice.get(name, ""), str):
                return _("Each “%s” must be text, such as “Female”.") % name
    values = [choice["value"] for choice in choices]
    if len(set(values)) != len(values):
        return _("Each choice needs its own value.")
    if NOT_SURE in values:
        return _("“not_sure” is kept for the “I'm not sure” answer.")
    if question_type == QuestionType.SINGLE_CHOICE and len(values) < 2:
        return _("A choice question needs at least two choices.")
    if question_type == QuestionType.DATE and set(values) - {NEVER}:
        return _("A date question can only add the “never” choice.")
    return ""
