"""Local to the quotes tests."""

import pytest


@pytest.fixture(autouse=True)
def _smtp_email_backend(settings):
    # Django's test set-up swaps in the locmem backend; quote e-mails are checked on the real
    # SMTP server the root conftest starts (`mailbox`).
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
