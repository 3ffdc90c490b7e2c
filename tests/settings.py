"""Settings for the test suite: the real ones, with a throwaway secret key."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")

from findatrial.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# No collectstatic before tests: serve static files from the finders, unhashed.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = None  # nothing collected in tests; whitenoise serves from the finders

# The browser tests talk plain http to a local live server.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Every request checks the questionnaire's data version, so a test sees its own change at once
# (tests/screening/test_recheck.py sets it back to a second).
QUESTIONNAIRE_RECHECK_SECONDS = 0.0

# sync_trials against recorded responses: no pauses.
SYNC_DELAY_SECONDS = 0.0
SYNC_BACKOFF_SECONDS = 0.0
