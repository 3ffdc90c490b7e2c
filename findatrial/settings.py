"""Settings for Find a Trial, all read from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("ALLOW_INSECURE_SECRET_KEY"):
        raise ImproperlyConfigured(
            "Set SECRET_KEY in the environment (or DEBUG=1 for local development)."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "trials",
    "screening",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that writes the body; public pages only (see its docstring: BREACH).
    "findatrial.middleware.CompressPublicPages",
    "findatrial.middleware.reject_nul_bytes",
    "findatrial.middleware.private_when_personal",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "findatrial.middleware.LanguageFromAddress",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "findatrial.middleware.own_error_pages",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "findatrial.urls"
WSGI_APPLICATION = "findatrial.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "findatrial.languages.language_links",
            ],
            # django-template-partials is registered by hand (not as an app) so the
            # template loaders stay ours: the app config would rewrite them.
            "builtins": ["template_partials.templatetags.partials"],
            # Parsed templates are cached (in DEBUG too: Django reloads them on change).
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "django.template.loaders.filesystem.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
        },
    },
]

conn_max_age = int(os.environ.get("CONN_MAX_AGE", "0"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=conn_max_age,
        # A kept connection is checked before a request reuses it: after a database restart
        # the first request on each stale connection would fail otherwise.
        conn_health_checks=conn_max_age != 0,
    )
}

# Rendered fragments and pages everyone sees alike (trials.freshness). Redis when configured,
# shared by every process; otherwise each process keeps its own in memory.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Pages and fragments of 10-50 KB: at most ~25 MB a process.
            "OPTIONS": {"MAX_ENTRIES": 500},
        }
    ),
    # The site's header and footer ({% cache ... using="per_process" %} in base.html): the
    # same for everyone at an address and in a language, and only changed by a deploy, so each
    # process keeps its own (under 1 MB) and reads it without a trip to Redis: about 0.13 ms
    # a patient's page. Named, not "template_fragments", so that other {% cache %} tags still
    # go to the shared default.
    "per_process": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "per-process",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 300},
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at today's addresses, Spanish under /es/: the address decides, never the browser's
# Accept-Language, a cookie or the visitor's IP (findatrial.middleware.LanguageFromAddress).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers per language, ours before Django's: Spanish as read in the US, not Spain's.
FORMAT_MODULE_PATH = ["findatrial.formats"]
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "findatrial.static_files.StaticFiles"
        )
    },
}
# Tests and `make run` serve static files without a collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# A patient's answers live only in their cookie, encrypted; a signed-in staff member's session
# lives in the database so that logging out ends it (findatrial/sessions.py). Both end when
# the browser closes, and after two hours without a request.
SESSION_ENGINE = "findatrial.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 2
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True  # each request restarts the two hours
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The one production switch for HTTPS: the site is served over TLS by a proxy in front of it
# that sets X-Forwarded-Proto (and drops any the client sent). Then plain-http requests are
# redirected, browsers are told to use HTTPS only (HSTS, two years) and cookies are Secure.
HTTPS = env_bool("HTTPS")
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 * 2
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True

# Content-Security-Policy (django-csp): our own files only, no inline code anywhere (htmx is
# told not to inject its indicator styles, see base.html), no framing, forms post to us only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        **({"upgrade-insecure-requests": True} if HTTPS else {}),
    }
}

# Permissions-Policy (django-permissions-policy): no page uses any of these, so none may.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# A request's form data (not its files) may be 1 MB at most: enough for an admin page with
# registry texts at their cap (trials.importers.sanitise), far more than any patient sends.
# More gets our 400 page; the questionnaire reads at most 40 characters of an answer.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# Where the "refresh from ClinicalTrials.gov" admin action fetches a study.
CTGOV_API_URL = os.environ.get("CTGOV_API_URL", "https://clinicaltrials.gov/api/v2/studies/")
# Where sync_trials searches NIH-funded projects.
REPORTER_API_URL = os.environ.get(
    "REPORTER_API_URL", "https://api.reporter.nih.gov/v2/projects/search"
)
# How long a process trusts its last check of the questionnaire's data version (screening.loading):
# a change made anywhere reaches the questionnaire within this many seconds.
QUESTIONNAIRE_RECHECK_SECONDS = float(os.environ.get("QUESTIONNAIRE_RECHECK_SECONDS", "1.0"))
# sync_trials is polite: a pause between requests, a few tries with growing waits on 429/5xx.
SYNC_DELAY_SECONDS = float(os.environ.get("SYNC_DELAY_SECONDS", "1.0"))
SYNC_ATTEMPTS = int(os.environ.get("SYNC_ATTEMPTS", "5"))
SYNC_BACKOFF_SECONDS = float(os.environ.get("SYNC_BACKOFF_SECONDS", "5.0"))

LOGIN_URL = "admin:login"

# Our own pages for failed requests: 400.html, 403.html, 404.html, 500.html in templates/,
# this view for a form sent from an expired page, and 405/503 from findatrial.middleware.
CSRF_FAILURE_VIEW = "findatrial.views.csrf_failure"

# Django 6 behaviour now: a URL typed without a scheme means https.
FORMS_URLFIELD_ASSUME_HTTPS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
