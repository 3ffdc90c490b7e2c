from django.urls import path

from screening import views

app_name = "screening"

urlpatterns = [
    path("check/", views.check, name="check"),
    path("check/start-over/", views.start_over, name="start_over"),
    path("check/results/", views.results, name="results"),
]
