from django.urls import path

from trials import views

app_name = "trials"

urlpatterns = [
    path("", views.home, name="home"),
    path("trials/", views.trial_list, name="list"),
    # Before <registry_id>: "list" is not a registry id.
    path("trials/list/", views.shortlist, name="shortlist"),
    path("trials/<str:registry_id>/", views.trial_detail, name="detail"),
    path("trials/<str:registry_id>/handout/", views.trial_handout, name="handout"),
    # Anything after a trial's address (a mangled or old link) goes back to the trial's page.
    path("trials/<str:registry_id>/<path:rest>", views.trial_extra_path, name="extra_path"),
]
