"""The question bank and the structured eligibility criteria staff write for each trial."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from screening.questions import (
    NEVER,
    NOT_SURE,
    OPERATORS_BY_TYPE,
    UNITS,
    Operator,
    QuestionSpec,
    QuestionType,
    clean_criterion_value,
)
from trials.languages import Written, in_page_language
from trials.models import Condition, Trial

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


class CriterionKind(models.TextChoices):
    INCLUSION = "inclusion", _("Inclusion (must be true)")
    EXCLUSION = "exclusion", _("Exclusion (keeps people out)")


class CriterionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft: made from the registry text, not yet checked by staff")
    REVIEWED = "reviewed", _("Reviewed: accepted or written by staff")


class CriterionOperator(models.TextChoices):
    EQ = Operator.EQ, _("is")
    NE = Operator.NE, _("is not")
    IN = Operator.IN, _("is one of")
    GTE = Operator.GTE, _("at least")
    GT = Operator.GT, _("more than")
    LTE = Operator.LTE, _("at most")
    LT = Operator.LT, _("less than")
    BETWEEN = Operator.BETWEEN, _("between (inclusive)")
    WITHIN_LAST = Operator.WITHIN_LAST, _("within the last")


class Criterion(models.Model):
    """A structured eligibility rule: one trial, one question, a value in the canonical unit.

    A draft was made by screening.drafts from the registered text and no one on staff has
    checked it yet: the engine never lets a broken draft say "not eligible". Staff accept,
    edit (which accepts) or reject drafts; what they write themselves is reviewed at once.
    """

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="criteria")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="criteria")
    kind = models.CharField(
        max_length=10, choices=CriterionKind.choices, default=CriterionKind.INCLUSION
    )
    operator = models.CharField(max_length=20, choices=CriterionOperator.choices)
    value = models.JSONField(
        help_text=_(
            'In the question\'s canonical unit: true, 30, [18, 75], ["sle"] or '
            '{"amount": 12, "unit": "months"}.'
        )
    )
    any_of_group = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("Criteria with the same label in a trial: any one of them is enough."),
    )
    confirmed_by = models.CharField(
        max_length=10,
        choices=ConfirmedBy.choices,
        default=ConfirmedBy.PATIENT,
        help_text=_("Doctor: a miss only means “ask your doctor”, never “not eligible”."),
    )
    reason = models.TextField(
        _("plain reason shown to patients"),
        help_text=_("For example: “This study needs a kidney test (eGFR) of 30 or more.”"),
    )
    reason_es = models.TextField(
        _("plain reason in Spanish"),
        blank=True,
        help_text=_("Empty: Spanish pages show the English reason."),
    )
    position = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(
        max_length=10,
        choices=CriterionStatus.choices,
        default=CriterionStatus.REVIEWED,
        db_index=True,
    )
    source = models.TextField(
        _("registry line it comes from"),
        blank=True,
        help_text=_("The line of the registered eligibility text this criterion checks."),
    )

    class Meta:
        ordering = ["trial", "position", "id"]
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        question = self.question.key if self.question_id else "?"
        return f"{self.get_kind_display()}: {question} {self.get_operator_display()}"

    def clean(self) -> None:
        if not self.question_id:
            return
        spec = self.question.spec()
        if self.operator not in OPERATORS_BY_TYPE.get(spec.type, ()):
            names = ", ".join(OPERATORS_BY_TYPE.get(spec.type, ())) or _("none")
            raise ValidationError(
                {
                    "operator": _(
                        "This operator does not work with a %(type)s question. Use: %(names)s."
                    )
                    % {"type": self.question.get_type_display().lower(), "names": names}
                }
            )
        if self.question.key == "conditions":
            # Condition choices live in trials.Condition, not on the question.
            spec = QuestionSpec(key=spec.key, type=spec.type)
        try:
            self.value = clean_criterion_value(spec, self.operator, self.value)
        except ValueError as error:
            raise ValidationError({"value": str(error)}) from error
        if self.question.key == "conditions":
            known = set(
                Condition.objects.filter(slug__in=self.value).values_list("slug", flat=True)
            )
            missing = [slug for slug in self.value if slug not in known]
            if missing:
                raise ValidationError(
                    {"value": _("Unknown condition: %s.") % ", ".join(map(str, missing))}
                )


class CriteriaReview(Trial):
    """A trial seen from its criteria: the admin's review of drafted criteria (screening.admin)."""

    class Meta:
        proxy = True
        verbose_name = _("criteria review")
        verbose_name_plural = _("criteria reviews")


class Coverage(models.Model):
    """How many requirement lines a trial's registered text lists, and how many we check.

    Kept by screening.drafts (after drafting, and whenever a criterion changes) so that
    screening.loading reads two numbers per trial instead of parsing every text.
    """

    trial = models.OneToOneField(
        Trial, on_delete=models.CASCADE, primary_key=True, related_name="coverage"
    )
    listed = models.PositiveSmallIntegerField(default=0)
    checked = models.PositiveSmallIntegerField(default=0)
    # Lines that the registry's own fields check (age limits, sex, conditions), as found when
    # the text was last drafted: they count as checked without a criterion.
    registry_lines = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name_plural = _("coverage")

    def __str__(self) -> str:
        return f"{self.checked} of {self.listed}"


def mark_criteria_written(trial_id: int) -> None:
    """Remember the eligibility text the trial's criteria were written against."""
    trial = Trial.objects.filter(pk=trial_id).only("pk", "eligibility_text").first()
    if trial is None:  # the trial itself is being deleted
        return
    trial.mark_criteria_written()
    # updated_at moves too: the criteria are part of the trial (and screening.loading's cache
    # notices the change by it).
    Trial.objects.filter(pk=trial_id).update(
        criteria_fingerprint=trial.criteria_fingerprint,
        criteria_need_review=trial.criteria_need_review,
        updated_at=timezone.now(),
    )


def touch_trial(trial_id: int) -> None:
    """Move the trial's updated_at: its criteria changed (screening.loading's cache looks)."""
    Trial.objects.filter(pk=trial_id).update(updated_at=timezone.now())


@receiver(post_save, sender=Criterion, dispatch_uid="screening_criterion_saved")
@receiver(post_delete, sender=Criterion, dispatch_uid="screening_criterion_deleted")
def _criteria_changed(sender, instance: Criterion, raw: bool = False, **kwargs) -> None:
    # Fixtures (raw saves) bring their own fingerprint.
    if raw:
        return
    # Only what staff reviewed was written against the text: drafts come and go with each
    # import and must neither clear nor raise "criteria need review".
    if instance.status == CriterionStatus.REVIEWED:
        mark_criteria_written(instance.trial_id)
    else:
        touch_trial(instance.trial_id)


class SharedResult(models.Model):
    """A copy of one patient's answers and verdicts, made only when they press "Share".

    Whoever has the link reads it until `expires_at`; the patient deletes it with a second
    token, of which only a SHA-256 hash is kept. Nothing else about the patient is stored: no
    address, browser or session. See screening.shared_results for the rules.
    """

    key = models.CharField(primary_key=True, max_length=64, editable=False)
    deletion_token_hash = models.CharField(max_length=64, editable=False)
    # [{"question": "How old are you?", "answer": "34 years"}, …] in the patient's words.
    answers = models.JSONField(default=list)
    # [{"trial": "NCT…", "title": "…", "verdict": "ask_doctor", "reasons": […],
    #   "checklist": […]}, …]: the first studies of each group, in the results page's order.
    verdicts = models.JSONField(default=list)
    # How many studies each verdict had, including those not stored.
    counts = models.JSONField(default=dict)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("shared result")
        verbose_name_plural = _("shared results")

    def __str__(self) -> str:
        # Never the key: it is the secret part of the link.
        return f"Shared result of {self.created_at:%Y-%m-%d}"
