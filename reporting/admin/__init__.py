"""Wagtail admin views and viewsets of this app, registered from reporting/wagtail_hooks.py.

The package imports nothing itself: `django.contrib.admin` (not installed) would autodiscover a
module named `admin`, and importing this package at start-up registers nothing.
"""
