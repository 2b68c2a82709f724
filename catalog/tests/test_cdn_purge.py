"""The CDN purge hook: a barrel or stock change posts its surrogate keys to CDN_PURGE_URL once,
after commit, through the outbox; nothing on rollback; nothing while the URL is empty.

The CDN is a local HTTP server started by the test (vwb_site/tests/fake_cdn.py)."""

from decimal import Decimal

import pytest
from django.db import transaction

from catalog.services.barrels import barrel_update
from catalog.tests.factories import BarrelFactory
from vwb_site.outbox.models import OutboxMessage
from vwb_site.tests.fake_cdn import cdn  # noqa: F401 (the fixture)


def purge_rows():
    return OutboxMessage.objects.filter(task_name="vwb_site.cdn_purge")


@pytest.mark.django_db(transaction=True)
def test_a_price_change_posts_the_barrel_and_list_keys_once_after_commit(cdn, admin):  # noqa: F811
    barrel = BarrelFactory()
    with transaction.atomic():
        barrel_update(barrel=barrel, actor=admin, price=Decimal("120.00"))
        assert cdn.purges == []  # not before the commit
        assert purge_rows().count() == 1  # recorded in the transaction
    assert cdn.purges == [sorted(["barrel-list", f"barrel-{barrel.pk}"])]
    assert cdn.rejected == []
    assert purge_rows().get().status == "sent"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_posts_nothing(cdn, admin):  # noqa: F811
    barrel = BarrelFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        barrel_update(barrel=barrel, actor=admin, price=Decimal("120.00"))
        raise RuntimeError("roll back")
    assert cdn.purges == [] and not purge_rows().exists()


@pytest.mark.django_db(transaction=True)
def test_no_purge_url_no_purge(settings, admin):
    settings.CDN_PURGE_URL = ""
    barrel = BarrelFactory()
    barrel_update(barrel=barrel, actor=admin, price=Decimal("120.00"))
    assert not purge_rows().exists()


@pytest.mark.django_db(transaction=True)
def test_a_wrong_token_is_rejected_by_the_cdn_and_the_row_is_not_lost(cdn, settings, admin):  # noqa: F811
    settings.CDN_PURGE_TOKEN = "wrong"
    barrel = BarrelFactory()
    barrel_update(barrel=barrel, actor=admin, price=Decimal("120.00"))
    assert cdn.purges == [] and 401 in cdn.rejected
    assert purge_rows().get().status != "sent"  # kept for the relay to send again
