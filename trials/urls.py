from django.urls import path, register_converter

from trials import views
from trials.models import Trial


class RegistryIdConverter:
    """A registry id as an address may carry one: no control characters, no longer than the column.

    Checked before any query: a NUL byte reaching PostgreSQL is an error, not a miss.
    """

    regex = rf"[^/\x00-\x1f\x7f]{{1,{Trial._meta.get_field('registry_id').max_length}}}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RegistryIdConverter, "registry_id")

app_name = "trials"

urlpatterns = [
    path("", views.home, name="home"),
    path("trials/", views.trial_list, name="list"),
    # Before <registry_id>: "list" is not a registry id.
    path("trials/list/", views.shortlist, name="shortlist"),
    path("trials/<registry_id:registry_id>/", views.trial_detail, name="detail"),
    path("trials/<registry_id:registry_id>/handout/", views.trial_handout, name="handout"),
    path("trials/<registry_id:registry_id>/places/", views.trial_places, name="places"),
    # Anything after a trial's address (a mangled or old link) goes back to the trial's page.
    path("trials/<registry_id:registry_id>/<path:rest>", views.trial_extra_path, name="extra_path"),
]
