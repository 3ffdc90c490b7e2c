"""WSGI entry point for Find a Trial."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "findatrial.settings")

application = get_wsgi_application()
