"""Asking for a page in Spanish, the way a patient's browser would."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation


def spanish_get(client, name: str, *args, **params):
    """GET a page in Spanish: its /es/ address where the URLs have one, and a browser that
    prefers Spanish (LocaleMiddleware reads it where they do not). The test's own language
    is back as it was afterwards: the middleware leaves the page's active in this thread."""
    with translation.override("es"):
        url = reverse(name, args=args)
        return client.get(url, params, HTTP_ACCEPT_LANGUAGE="es")
