"""Signals other apps listen to, so `trials` never has to import them."""

import django.dispatch

# Sent by `manage.py load_demo` inside its transaction, after the demo trials are written.
# Keyword argument: trials (list[Trial]). A receiver that raises rolls the whole load back.
demo_loaded = django.dispatch.Signal()
