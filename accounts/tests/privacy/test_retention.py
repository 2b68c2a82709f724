from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models_privacy import RetentionRun
from accounts.privacy.retention import retention_run
from accounts.tests.factories import UserFactory
from accounts.tests.privacy.helpers import make_order
from cms_pages.models import ContactMessage

pytestmark = pytest.mark.django_db


def test_retention_run_purges_old_messages_anonymises_inactive_accounts_and_is_logged(settings):
    old = ContactMessage.objects.create(
        name="A", email="a@example.com", topic="general", message="old"
    )
    ContactMessage.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.RETENTION_CONTACT_MESSAGES_DAYS + 1)
    )
    recent = ContactMessage.objects.create(
        name="B", email="b@example.com", topic="general", message="new"
    )
    long_ago = timezone.now() - timedelta(days=settings.RETENTION_INACTIVE_ACCOUNT_DAYS + 1)
    inactive = UserFactory(last_login=long_ago, email_confirmed_at=long_ago)
    busy = UserFactory(last_login=long_ago, email_confirmed_at=long_ago)
    make_order(busy, status="shipped")
    active = UserFactory(last_login=timezone.now(), email_confirmed_at=timezone.now())

    run = retention_run()

    assert list(ContactMessage.objects.values_list("pk", flat=True)) == [recent.pk]
    inactive.refresh_from_db()
    busy.refresh_from_db()
    active.refresh_from_db()
    assert inactive.erased_at is not None
    assert busy.erased_at is None  # open order: skipped
    assert active.erased_at is None
    assert run.counts["contact_messages"] == 1 and run.counts["inactive_accounts"] == 1
    assert run.errors == [] and RetentionRun.objects.get().finished_at
