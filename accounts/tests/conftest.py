"""Local to the accounts tests.

Django's test set-up swaps EMAIL_BACKEND for the in-memory one; the e-mails of these tests must
reach the real SMTP server of the `mailbox` fixture, so the SMTP backend is put back here.
"""

import pytest


@pytest.fixture(autouse=True)
def _smtp_email_backend(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
