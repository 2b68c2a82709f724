"""Wagtail admin for shipping (registered from commerce/wagtail_hooks.py)."""
