#!/usr/bin/env python
"""Django's command-line utility for Find a Trial."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "findatrial.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
