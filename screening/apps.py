from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "screening"
    verbose_name = "Screening"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from screening.catalogue_version import install_after_migrate
        from screening.drafts import draft_imported_trial
        from trials.signals import trial_imported

        # The triggers that move the catalogue's version, put back after every migrate.
        post_migrate.connect(
            install_after_migrate, sender=self, dispatch_uid="screening_catalogue_version"
        )

        # Every imported record gets drafted criteria, in the record's own transaction.
        trial_imported.connect(draft_imported_trial, dispatch_uid="screening_draft_imported_trial")
