"""The staff side of trial content: review, edit, publish and import trials."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from trials.importers.refresh import refresh_from_ctgov
from trials.importers.service import ImportResult, import_file
from trials.models import PLAIN_SECTIONS, Condition, Contact, Researcher, Site, Trial

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@admin.register(Condition)
class ConditionAdmin(admin.ModelAdmin):
    list_display = ["lay_name", "lay_name_es", "name", "slug", "parent", "trial_count"]
    search_fields = ["slug", "name", "lay_name", "lay_name_es", "synonyms"]
    list_select_related = ["parent"]
    # The slugs are a contract with the questionnaire and shared links.
    readonly_fields = ["slug"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Condition]:
        return super().get_queryset(request).annotate(trial_total=Count("trials"))

    @admin.display(description=_("trials"), ordering="trial_total")
    def trial_count(self, condition: Condition) -> int:
        return condition.trial_total

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0
    fields = [
        "facility",
        "city",
        "state",
        "postal_code",
        "country",
        "status",
        "latitude",
        "longitude",
    ]


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["role", "name", "phone", "phone_ext", "email", "site"]
    autocomplete_fields = []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Offer only this trial's own sites.
        if db_field.name == "site":
            trial_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Site.objects.filter(trial_id=trial_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ResearcherInline(admin.TabularInline):
    model = Researcher
    extra = 0
    fields = ["name", "role", "affiliation"]


class NeedsAttentionFilter(admin.SimpleListFilter):
    title = _("needs attention")
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [
            ("criteria", _("Criteria need review")),
            ("unmapped", _("Has unmapped conditions")),
            ("unreviewed", _("Never reviewed")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "criteria":
            return queryset.filter(criteria_need_review=True)
        if self.value() == "unmapped":
            return queryset.exclude(unmapped_conditions=[])
        if self.value() == "unreviewed":
            return queryset.filter(last_reviewed_on__isnull=True)
        return queryset


def _spanish_missing() -> Q:
    """Trials with a plain-language section written in English and not yet in Spanish."""
    missing = Q()
    for field in PLAIN_SECTIONS:
        missing |= ~Q(**{field: ""}) & Q(**{f"{field}_es": ""})
    return missing


def _any_spanish() -> Q:
    found = Q()
    for field in PLAIN_SECTIONS:
        found |= ~Q(**{f"{field}_es": ""})
    return found


class SpanishTextFilter(admin.SimpleListFilter):
    """Which trials still need our Spanish text: Spanish pages show the English meanwhile."""

    title = _("Spanish text")
    parameter_name = "spanish"

    def lookups(self, request, model_admin):
        return [
            ("complete", _("Every section in Spanish")),
            ("some", _("Some sections missing in Spanish")),
            ("none", _("No Spanish text")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "complete":
            return queryset.filter(_any_spanish()).exclude(_spanish_missing())
        if self.value() == "some":
            return queryset.filter(_any_spanish()).filter(_spanish_missing())
        if self.value() == "none":
            return queryset.exclude(_any_spanish())
        return queryset


class WhyNotPublishedFilter(admin.SimpleListFilter):
    """Unpublished trials an import left for an editor, and trials sync_trials no longer finds."""

    title = _("why not published")
    parameter_name = "why"

    def lookups(self, request, model_admin):
        return [
            ("not_ours", _("Matches none of our conditions")),
            ("left", _("Left the registry search")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "not_ours":
            return queryset.filter(published=False, conditions__isnull=True)
        if self.value() == "left":
            return queryset.filter(left_registry_search_on__isnull=False)
        return queryset


@admin.register(Trial)
class TrialAdmin(admin.ModelAdmin):
    change_list_template = "admin/trials/trial/change_list.html"
    list_display = [
        "registry_id",
        "title_for_staff",
        "status",
        "published",
        "condition_names",
        "why_not_published",
        "site_count",
        "criteria_need_review",
        "spanish_text",
        "last_reviewed_on",
        "updated_at",
    ]
    list_display_links = ["registry_id", "title_for_staff"]
    list_filter = [
        "status",
        "published",
        WhyNotPublishedFilter,
        NeedsAttentionFilter,
        SpanishTextFilter,
        "kind",
        "phase",
        ("conditions", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = [
        "registry_id",
        "org_study_id",
        "brief_title",
        "plain_title",
        "official_title",
        "conditions__name",
        "conditions__lay_name",
        "conditions__slug",
    ]
    list_per_page = 50
    date_hierarchy = "updated_at"
    filter_horizontal = ["conditions", "linked_trials"]
    inlines = [SiteInline, ContactInline, ResearcherInline]
    actions = ["publish", "unpublish", "mark_reviewed", "refresh_from_registry"]
    readonly_fields = [
        "last_reviewed_by",
        "left_registry_search_on",
        "unmapped_conditions_list",
        "registry_conditions_list",
        "source_format",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            _("For patients (written by our team, never changed by an import)"),
            {
                "fields": [
                    "published",
                    # Each section beside its Spanish: editors see at once what is missing.
                    *[(field, f"{field}_es") for field in PLAIN_SECTIONS],
                    "linked_trials",
                    ("last_reviewed_on", "last_reviewed_by"),
                ]
            },
        ),
        (
            _("Conditions"),
            {
                "fields": [
                    "conditions",
                    "registry_conditions_list",
                    "unmapped_conditions_list",
                ]
            },
        ),
        (
            _("From the registry (refreshed by each import)"),
            {
                "fields": [
                    ("registry_id", "nih_appl_id", "org_study_id"),
                    ("kind", "status", "status_verified_on"),
                    ("phase", "enrollment"),
                    "brief_title",
                    "official_title",
                    "brief_summary",
                    ("sponsor", "funding_mechanism"),
                    ("start_date", "completion_date"),
                    ("min_age_value", "min_age_unit", "max_age_value", "max_age_unit"),
                    ("sex", "healthy_volunteers"),
                    "eligibility_text",
                    "criteria_need_review",
                    ("source_url", "registry_updated_on"),
                    ("source_format", "created_at", "updated_at"),
                ],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Trial]:
        return (
            super()
            .get_queryset(request)
            .annotate(site_total=Count("sites", distinct=True))
            .prefetch_related("conditions")
        )

    @admin.display(description=_("title"), ordering="plain_title")
    def title_for_staff(self, trial: Trial) -> str:
        return trial.title[:90]

    @admin.display(description=_("Spanish text"))
    def spanish_text(self, trial: Trial) -> str:
        sections = [field for field in PLAIN_SECTIONS if getattr(trial, field)]
        written = [field for field in PLAIN_SECTIONS if getattr(trial, f"{field}_es")]
        if not written:
            return _("none")
        missing = [field for field in sections if not getattr(trial, f"{field}_es")]
        if missing:
            return _("%(missing)d of %(total)d missing") % {
                "missing": len(missing),
                "total": len(sections),
            }
        return _("complete")

    @admin.display(description=_("conditions"))
    def condition_names(self, trial: Trial) -> str:
        return ", ".join(condition.lay_name for condition in trial.conditions.all())

    @admin.display(description=_("why not published"))
    def why_not_published(self, trial: Trial) -> str:
        reasons = []
        if trial.left_registry_search_on:
            reasons.append(
                _("Left the registry search on %(date)s")
                % {"date": date_format(trial.left_registry_search_on)}
            )
        if not trial.published and not trial.conditions.all():
            registered = ", ".join(trial.unmapped_conditions[:3]) or _("none listed")
            reasons.append(
                _("Matches none of our conditions (registry: %(names)s)") % {"names": registered}
            )
        return "; ".join(reasons) or "—"

    @admin.display(description=_("sites"), ordering="site_total")
    def site_count(self, trial: Trial) -> int:
        return trial.site_total

    @admin.display(description=_("conditions as registered"))
    def registry_conditions_list(self, trial: Trial):
        return _bullets(trial.registry_conditions) or "—"

    @admin.display(description=_("registry conditions we could not map"))
    def unmapped_conditions_list(self, trial: Trial):
        return _bullets(trial.unmapped_conditions) or _("None: every condition is mapped.")

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="trials_trial_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload one registry file; its trials are imported as for `import_trials`."""
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = ImportUploadForm(request.POST, request.FILES)
        else:
            form = ImportUploadForm()
        if form.is_bound and form.is_valid():
            upload = form.cleaned_data["file"]
            result = import_file(upload.read(), upload.name, publish=form.cleaned_data["publish"])
            _report(self, request, result)
            if result.ok:
                return HttpResponseRedirect(reverse("admin:trials_trial_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": _("Import trials from a registry file"),
            "max_megabytes": MAX_UPLOAD_BYTES // (1024 * 1024),
        }
        return TemplateResponse(request, "admin/trials/trial/import.html", context)

    def save_model(self, request, trial, form, change):
        if "last_reviewed_on" in form.changed_data and trial.last_reviewed_on:
            trial.last_reviewed_by = request.user
        super().save_model(request, trial, form, change)

    @admin.action(description=_("Publish the selected trials"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Trial]) -> None:
        count = queryset.update(published=True, updated_at=timezone.now())
        self.message_user(
            request,
            ngettext("%d trial published.", "%d trials published.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected trials"), permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Trial]) -> None:
        count = queryset.update(published=False, updated_at=timezone.now())
        self.message_user(
            request,
            ngettext("%d trial unpublished.", "%d trials unpublished.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Mark the selected trials as reviewed today"), permissions=["change"]
    )
    def mark_reviewed(self, request: HttpRequest, queryset: QuerySet[Trial]) -> None:
        count = queryset.update(
            last_reviewed_on=timezone.localdate(),
            last_reviewed_by=request.user,
            updated_at=timezone.now(),
        )
        self.message_user(
            request,
            ngettext("%d trial marked as reviewed.", "%d trials marked as reviewed.", count)
            % count,
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Refresh the selected trials from ClinicalTrials.gov"),
        permissions=["change"],
    )
    def refresh_from_registry(self, request: HttpRequest, queryset: QuerySet[Trial]) -> None:
        registry_ids = list(queryset.values_list("registry_id", flat=True)[:50])
        for registry_id in registry_ids:
            _report(self, request, refresh_from_ctgov(registry_id))


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Registry file"),
        help_text=_(
            "ClinicalTrials.gov JSON (API v2 or classic) or XML, or NIH RePORTER JSON: "
            "one record, a list or an API page."
        ),
    )
    publish = forms.BooleanField(
        label=_("Publish the imported trials now"),
        required=False,
        help_text=_("Leave unticked to review them first. Trials already published stay so."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("This file is larger than %(limit)d MB. Split it, or use import_trials.")
                % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


def _report(model_admin: admin.ModelAdmin, request: HttpRequest, result: ImportResult) -> None:
    for line in result.errors:
        model_admin.message_user(request, line, messages.ERROR)
    if result.created or result.updated or result.unchanged:
        model_admin.message_user(
            request,
            _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
            messages.SUCCESS,
        )


def _bullets(items: list[str]):
    if not items:
        return ""
    return format_html_join("", "<div>• {}</div>", ((item,) for item in items))
