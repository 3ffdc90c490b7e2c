from django.apps import AppConfig


class TrialsConfig(AppConfig):
    name = "trials"
    verbose_name = "Trials"

    def ready(self) -> None:
        # The site's own checks (compiled catalogues) live with the project, run with ours.
        import findatrial.checks  # noqa: F401
        from trials import touching

        # Conditions and sites saved on their own move their trial's updated_at.
        touching.connect()
