"""Settings for the served benchmark: production settings plus the floor view's URL."""

import os

os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")

from findatrial.settings import *  # noqa: E402,F403

ROOT_URLCONF = "tests.perf.urls"
# The benchmark collects static files here (hashed names, as in production).
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT)  # noqa: F405
