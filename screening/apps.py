from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "screening"
    verbose_name = "Screening"

    def ready(self) -> None:
        from screening.drafts import draft_imported_trial
        from trials.signals import trial_imported

        # Every imported record gets drafted criteria, in the record's own transaction.
        trial_imported.connect(draft_imported_trial, dispatch_uid="screening_draft_imported_trial")
