"""WSGI entry point for Find a Trial."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "findatrial.settings")

application = get_wsgi_application()

# Work every process needs once, done as it starts rather than in its first patient's request.
from trials.places import prepare_zip_table  # noqa: E402 (needs Django set up)

prepare_zip_table()
