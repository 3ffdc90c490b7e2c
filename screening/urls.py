from django.urls import path

from screening import views

app_name = "screening"

urlpatterns = [
    path("check/", views.check, name="check"),
    path("check/start-over/", views.start_over, name="start_over"),
    path("check/results/", views.results, name="results"),
    path("check/results/share/", views.share_results, name="share_results"),
    path("check/results/shared/", views.share_created, name="share_created"),
    # No address lists shared results: each is reached only through its own link.
    path("shared/<str:key>/", views.shared_result, name="shared_result"),
    path(
        "shared/<str:key>/delete/<str:token>/",
        views.delete_shared_result,
        name="delete_shared_result",
    ),
]
