from django.apps import AppConfig


class TrialsConfig(AppConfig):
    name = "trials"
    verbose_name = "Trials"

    def ready(self) -> None:
        from trials import touching

        # Conditions and sites saved on their own move their trial's updated_at.
        touching.connect()
