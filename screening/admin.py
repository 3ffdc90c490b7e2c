"""Staff side of screening: the question bank, criteria on a trial, and the review of drafts.

The criteria inline and the "criteria" list filter are attached to the trial admin at the
bottom of this module (trials must not import screening, so the hook lives here). The review
of drafted criteria has its own admin, "Criteria reviews" (CriteriaReview, a proxy of Trial):
each trial's requirement lines with what checks them, its criteria beside their source lines,
and ways to accept, edit (which accepts), reject drafts and mark the criteria reviewed.

Saving or deleting a reviewed criterion (in the admin or anywhere else) records which
eligibility text the criteria were written against: a signal in screening.models calls
``Trial.mark_criteria_written()`` and clears "criteria need review". Drafts do not.

SharedResult (results a patient shared with their doctor) is deliberately not registered:
staff have no reason to browse patients' answers, and its key is the secret link itself.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from screening import drafts
from screening.coverage import same_line
from screening.drafting import requirement_lines
from screening.models import CriteriaReview, Criterion, CriterionStatus, Question
from trials.admin import TrialAdmin


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = [
        "key",
        "wording",
        "wording_es",
        "type",
        "unit",
        "is_clinical",
        "offers_not_sure",
        "position",
    ]
    list_filter = ["type", "is_clinical"]
    list_editable = ["position"]
    search_fields = ["key", "wording", "wording_es", "help_text"]
    list_select_related = ["depends_on"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "key",
                    # Each text beside its Spanish (an empty one shows the English on Spanish
                    # pages, marked as English). Choice labels: "label_es" in the choices.
                    ("wording", "wording_es"),
                    ("help_text", "help_text_es"),
                    ("ask_doctor", "ask_doctor_es"),
                    "position",
                ]
            },
        ),
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


class CriterionForm(forms.ModelForm):
    """A criterion row: ticking "accept" or changing anything makes a draft reviewed."""

    accept = forms.BooleanField(
        label=_("accept"), required=False, help_text=_("Tick to accept this draft as it is.")
    )

    class Meta:
        model = Criterion
        fields = [
            "question",
            "kind",
            "operator",
            "value",
            "any_of_group",
            "confirmed_by",
            "reason",
            "reason_es",
            "source",
            "position",
        ]
        # The whole registry line, readable beside what was drafted from it.
        widgets = {"source": forms.Textarea(attrs={"rows": 4, "cols": 90})}

    def save(self, commit: bool = True) -> Criterion:
        criterion = super().save(commit=False)
        edited = set(self.changed_data) - {"accept"}
        if criterion.status == CriterionStatus.DRAFT and (
            self.cleaned_data.get("accept") or edited
        ):
            criterion.status = CriterionStatus.REVIEWED
        if commit:
            criterion.save()
        return criterion


class CriterionFormSet(forms.BaseInlineFormSet):
    """Criteria of one trial: once saved, the trial's coverage is counted again."""

    def save(self, commit: bool = True):
        saved = super().save(commit)
        if commit and (self.new_objects or self.changed_objects or self.deleted_objects):
            drafts.refresh_coverage(self.instance)
        return saved


class CriterionInline(admin.TabularInline):
    """Structured criteria on the trial's admin page (see the module docstring to attach it)."""

    model = Criterion
    form = CriterionForm
    formset = CriterionFormSet
    extra = 0
    fields = [*CriterionForm.Meta.fields, "status", "accept"]
    readonly_fields = ["status"]
    autocomplete_fields = ["question"]
    # A criterion is one row: keep its value and reason boxes small.
    formfield_overrides = {
        models.JSONField: {"widget": forms.Textarea(attrs={"rows": 1, "cols": 18})},
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})},
    }
    verbose_name = _("eligibility criterion")
    verbose_name_plural = _("eligibility criteria (structured)")


class CriterionReviewInline(admin.StackedInline):
    """One criterion a card: its source line first, then what was drafted from it."""

    model = Criterion
    form = CriterionForm
    formset = CriterionFormSet
    extra = 0
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "source",
                    ("question", "kind"),
                    ("operator", "value"),
                    ("any_of_group", "confirmed_by"),
                    ("reason", "reason_es"),
                    ("status", "accept"),
                ]
            },
        )
    ]
    readonly_fields = ["status"]
    autocomplete_fields = ["question"]
    formfield_overrides = {
        models.JSONField: {"widget": forms.Textarea(attrs={"rows": 1, "cols": 24})},
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})},
    }
    verbose_name = _("criterion")
    verbose_name_plural = _("criteria (drafts first; tick “Delete” to reject a draft)")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        # A card reviews one criterion: adding or editing a question of the bank from it
        # (the + and pencil beside the question) would leave the review half done.
        if formfield is not None and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            formfield.widget.can_add_related = False
            formfield.widget.can_change_related = False
            formfield.widget.can_delete_related = False
            formfield.widget.can_view_related = False
        return formfield

    def get_queryset(self, request: HttpRequest) -> QuerySet[Criterion]:
        # Drafts first: they are what the reviewer came for.
        return (
            super()
            .get_queryset(request)
            .select_related("question")
            .order_by("-status", "position", "id")
        )


class CriteriaStateFilter(admin.SimpleListFilter):
    title = _("criteria")
    parameter_name = "criteria"

    def lookups(self, request, model_admin):
        return [
            ("none", _("None")),
            ("drafts", _("Drafts to review")),
            ("reviewed", _("Reviewed")),
        ]

    def queryset(self, request, queryset):
        criteria = Criterion.objects.filter(trial=OuterRef("pk"))
        has_drafts = Exists(criteria.filter(status=CriterionStatus.DRAFT))
        if self.value() == "none":
            return queryset.filter(~Exists(criteria), criteria_reviewed_on__isnull=True)
        if self.value() == "drafts":
            return queryset.filter(has_drafts)
        if self.value() == "reviewed":
            return queryset.filter(~has_drafts).filter(
                Q(Exists(criteria)) | Q(criteria_reviewed_on__isnull=False)
            )
        return queryset


@admin.register(CriteriaReview)
class CriteriaReviewAdmin(admin.ModelAdmin):
    """Review drafted criteria trial by trial; the trial's own fields are not edited here."""

    change_form_template = "admin/screening/criteriareview/change_form.html"
    list_display = [
        "registry_id",
        "title_for_staff",
        "draft_count",
        "reviewed_count",
        "coverage",
        "criteria_need_review",
        "criteria_reviewed_on",
    ]
    list_filter = [CriteriaStateFilter, "criteria_need_review", "published", "status"]
    search_fields = ["registry_id", "brief_title", "plain_title", "official_title"]
    list_per_page = 50
    actions = ["accept_drafts", "mark_criteria_reviewed"]
    inlines = [CriterionReviewInline]
    fields = [
        "trial_link",
        "requirement_lines",
        ("criteria_reviewed_on", "criteria_reviewed_by", "criteria_need_review"),
    ]
    readonly_fields = fields[:2] + list(fields[2])

    def get_queryset(self, request: HttpRequest) -> QuerySet[CriteriaReview]:
        return (
            super()
            .get_queryset(request)
            .select_related("coverage", "criteria_reviewed_by")
            .annotate(
                drafts=Count("criteria", filter=Q(criteria__status=CriterionStatus.DRAFT)),
                reviewed=Count("criteria", filter=Q(criteria__status=CriterionStatus.REVIEWED)),
            )
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # trials come from imports and the trial admin

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=_("title"))
    def title_for_staff(self, trial: CriteriaReview) -> str:
        return trial.title[:90]

    @admin.display(description=_("drafts"), ordering="drafts")
    def draft_count(self, trial: CriteriaReview) -> int:
        return trial.drafts

    @admin.display(description=_("reviewed"), ordering="reviewed")
    def reviewed_count(self, trial: CriteriaReview) -> int:
        return trial.reviewed

    @admin.display(description=_("lines checked"))
    def coverage(self, trial: CriteriaReview) -> str:
        coverage = getattr(trial, "coverage", None)
        if coverage is None:
            return "—"
        return _("%(checked)d of %(listed)d") % {
            "checked": coverage.checked,
            "listed": coverage.listed,
        }

    @admin.display(description=_("trial"))
    def trial_link(self, trial: CriteriaReview):
        return format_html(
            '<a href="{}">{}</a>: {}',
            reverse("admin:trials_trial_change", args=[trial.pk]),
            trial.registry_id,
            trial.title,
        )

    @admin.display(description=_("requirement lines"))
    def requirement_lines(self, trial: CriteriaReview):
        """Each line of the registered text, with what checks it, or that nothing does."""
        criteria = list(trial.criteria.select_related("question"))
        coverage = getattr(trial, "coverage", None)
        registry = coverage.registry_lines if coverage else []
        rows = []
        for line in requirement_lines(trial.eligibility_text):
            checks = [
                f"{criterion.question.key} ({criterion.get_status_display().split(':')[0]})"
                for criterion in criteria
                if same_line(criterion.source, line.text)
            ]
            if any(same_line(source, line.text) for source in registry):
                checks.append(str(_("registry fields")))
            state = ", ".join(checks) if checks else str(_("not checked"))
            rows.append((line.kind, line.text, "checked" if checks else "unchecked", state))
        if not rows:
            return _("The registered text lists no requirements.")
        return format_html(
            '<table class="requirement-lines"><thead><tr><th>{}</th><th>{}</th><th>{}</th>'
            "</tr></thead><tbody>{}</tbody></table>",
            _("kind"),
            _("line"),
            _("checked by"),
            format_html_join(
                "",
                '<tr><td>{}</td><td lang="en">{}</td><td class="{}">{}</td></tr>',
                rows,
            ),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        trial = self.get_object(request, object_id)
        if trial is not None:
            title = _("Review criteria: %(trial)s") % {"trial": trial.registry_id}
            extra_context = {**(extra_context or {}), "title": title, "subtitle": trial.title}
        return super().change_view(request, object_id, form_url, extra_context)

    def response_change(self, request: HttpRequest, obj: CriteriaReview):
        if "_mark_reviewed" in request.POST:
            self._mark_reviewed(request, CriteriaReview.objects.filter(pk=obj.pk))
        return super().response_change(request, obj)

    @admin.action(description=_("Accept every draft of the selected trials"))
    def accept_drafts(self, request: HttpRequest, queryset: QuerySet[CriteriaReview]) -> None:
        count = drafts.accept(
            Criterion.objects.filter(trial__in=queryset, status=CriterionStatus.DRAFT)
        )
        self.message_user(
            request,
            ngettext("%d draft accepted.", "%d drafts accepted.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark the selected trials' criteria reviewed today"))
    def mark_criteria_reviewed(
        self, request: HttpRequest, queryset: QuerySet[CriteriaReview]
    ) -> None:
        self._mark_reviewed(request, queryset)

    def _mark_reviewed(self, request: HttpRequest, queryset: QuerySet[CriteriaReview]) -> None:
        count = drafts.mark_reviewed(queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "Criteria of %d trial marked reviewed.",
                "Criteria of %d trials marked reviewed.",
                count,
            )
            % count,
            messages.SUCCESS,
        )
        waiting = Criterion.objects.filter(trial__in=queryset, status=CriterionStatus.DRAFT).count()
        if waiting:
            self.message_user(
                request,
                ngettext(
                    "%d draft is still waiting: until it is accepted it can only lead to "
                    "“ask your doctor”.",
                    "%d drafts are still waiting: until they are accepted they can only lead "
                    "to “ask your doctor”.",
                    waiting,
                )
                % waiting,
                messages.WARNING,
            )


# Criteria are authored on the trial's own admin page. `trials` knows nothing of screening,
# so the screening app adds its inline and its list filter to the trial admin here.
TrialAdmin.inlines = [*TrialAdmin.inlines, CriterionInline]
TrialAdmin.list_filter = [*TrialAdmin.list_filter, CriteriaStateFilter]
