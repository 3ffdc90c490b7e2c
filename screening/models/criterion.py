"""The eligibility criteria staff write or review for each trial, and their coverage."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from screening.models.question import ConfirmedBy, Question
from screening.questions import OPERATORS_BY_TYPE, Operator, QuestionSpec, clean_criterion_value
from trials.models import Condition, Trial


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
