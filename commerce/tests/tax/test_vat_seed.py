from decimal import Decimal

import pytest

from commerce.models import VatRate
from vwb_site.core.countries import EU_COUNTRIES


@pytest.mark.django_db
def test_the_data_migration_seeds_a_standard_rate_for_each_of_the_27_member_states():
    rates = dict(VatRate.objects.values_list("country", "standard_rate"))
    assert set(rates) == set(EU_COUNTRIES)
    assert rates["FR"] == Decimal("20.00")
    assert rates["DE"] == Decimal("19.00")
    assert rates["FI"] == Decimal("25.50")
