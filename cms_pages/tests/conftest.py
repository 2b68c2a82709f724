import pytest


@pytest.fixture(autouse=True)
def _real_smtp_backend(settings):
    """Django's test set-up swaps in the locmem e-mail backend; these tests use the real SMTP
    server the root conftest starts (the `mailbox` fixture)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
