from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "screening"
    verbose_name = "Screening"

    def ready(self) -> None:
        # Criteria for the demo trials follow `manage.py load_demo` (trials.signals.demo_loaded).
        from screening import demo  # noqa: F401
