#!/usr/bin/env python
"""The Wagtail project's manage.py; run with var/compare/venv's Python, from this folder."""

import os
import sys

from django.core.management import execute_from_command_line

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsbench.settings")
    execute_from_command_line(sys.argv)
