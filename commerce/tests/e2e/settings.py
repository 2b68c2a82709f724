"""Settings of the gunicorn server the commerce end-to-end test starts: the test settings, but
tasks go to the broker (the real worker sends the e-mails) instead of running in-process."""

from vwb_site.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
