"""Every write of the accounts app. The REST API, the Wagtail admin, Celery and tests call these."""
