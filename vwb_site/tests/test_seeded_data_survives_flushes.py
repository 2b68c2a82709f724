"""Transactional tests empty the database at their end; the root conftest makes each one restore
what the migrations seeded, so no test depends on running before one of them."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from commerce.models import RateTable, VatRate


def _assert_reference_data_present():
    assert VatRate.objects.filter(country="DE").exists()
    assert RateTable.objects.exists()
    assert Group.objects.filter(name="Editors").exists()
    assert Site.objects.filter(is_default_site=True).exists()
    assert Page.objects.filter(depth=1).exists()


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_sees_the_seeded_reference_data():
    _assert_reference_data_present()
    VatRate.objects.all().delete()  # and the flush after it takes the rest


@pytest.mark.django_db(transaction=True)
def test_the_next_transactional_test_still_sees_it():
    _assert_reference_data_present()
