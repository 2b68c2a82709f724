"""The list's count comes from its facet counts (no COUNT query): it must equal a real count
for every combination of facet filters, with and without a selection, search and ranges."""

from decimal import Decimal
from itertools import product

import pytest

from catalog.models import BarrelStatus
from catalog.selectors import (
    BarrelFilters,
    barrel_count_from_facets,
    barrel_facets,
    barrel_list,
)
from catalog.tests.factories import BarrelFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    values = product(
        ("french_oak", "american_oak"), ("bordeaux", "bourbon", "sherry"), ("FR", "US")
    )
    for n, (wood, content, country) in enumerate(values):
        for copy in range(n % 3 + 1):
            BarrelFactory(
                wood_type=wood,
                previous_content=content,
                origin_country=country,
                price=Decimal(100 + 50 * n + copy),
                status=BarrelStatus.ACTIVE if copy < 2 else BarrelStatus.DRAFT,
            )


@pytest.mark.parametrize(
    "filters",
    [
        BarrelFilters(),
        BarrelFilters(wood_type=("french_oak",)),
        BarrelFilters(wood_type=("french_oak", "american_oak"), previous_content=("bourbon",)),
        BarrelFilters(previous_content=("sherry", "bordeaux"), origin_country=("US",)),
        BarrelFilters(origin_country=("FR",), price_min=Decimal("300")),
        BarrelFilters(
            wood_type=("american_oak",), previous_content=("bordeaux",), origin_country=("DE",)
        ),
        BarrelFilters(search="bourbon"),
        BarrelFilters(search="bourbon", wood_type=("french_oak",)),
        BarrelFilters(status=(BarrelStatus.ACTIVE, BarrelStatus.DRAFT), wood_type=("french_oak",)),
    ],
)
def test_count_from_facets_equals_a_count_query(catalog, filters):
    facets = barrel_facets(filters=filters)
    expected = barrel_list(filters=filters).count()
    assert barrel_count_from_facets(facets, filters=filters) == expected
