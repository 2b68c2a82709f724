"""Every bad list parameter is a 400 problem (never silently ignored); pages beyond the end 404."""

import pytest

from catalog.tests.factories import BarrelFactory

pytestmark = pytest.mark.django_db
URL = "/v1/barrels"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"ordering": "colour"}, "ordering"),
        ({"ordering": "-relevance"}, "ordering"),
        ({"wood_type": "plastic"}, "wood_type"),
        ({"wood_type": "french_oak,plastic"}, "wood_type"),
        ({"previous_content": "lemonade"}, "previous_content"),
        ({"condition": "broken"}, "condition"),
        ({"origin_country": "XX"}, "origin_country"),
        ({"origin_country": "France"}, "origin_country"),
        ({"volume_min": "abc"}, "volume_min"),
        ({"volume_max": "1.5"}, "volume_max"),
        ({"volume_min": "-1"}, "volume_min"),
        ({"volume_max": "99999999"}, "volume_max"),
        ({"price_min": "cheap"}, "price_min"),
        ({"price_max": "-5"}, "price_max"),
        ({"price_max": "NaN"}, "price_max"),
        ({"price_max": "Infinity"}, "price_max"),
        ({"price_min": "1.234"}, "price_min"),
        ({"price_max": "1e12"}, "price_max"),
        ({"volume_min": "300", "volume_max": "200"}, "volume_min"),
        ({"price_min": "500", "price_max": "100"}, "price_min"),
        ({"in_stock": "maybe"}, "in_stock"),
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "ten"}, "page_size"),
        ({"search": "x" * 201}, "search"),
        ({"colour": "red"}, "colour"),
        ({"status": "draft"}, "status"),
    ],
)
def test_bad_list_parameters_are_400_problems_naming_the_field(api_client, params, field):
    BarrelFactory()
    response = api_client.get(URL, params)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "validation_error"
    assert field in {e["field"] for e in body["errors"]}


def test_a_scalar_parameter_given_twice_is_refused(api_client):
    response = api_client.get(f"{URL}?ordering=price&ordering=-price")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "ordering"


def test_page_beyond_the_end_is_a_404_problem(api_client):
    BarrelFactory.create_batch(3)
    assert api_client.get(URL, {"page": 1, "page_size": 2}).status_code == 200
    assert api_client.get(URL, {"page": 2, "page_size": 2}).status_code == 200
    response = api_client.get(URL, {"page": 3, "page_size": 2})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_multi_value_filters_accept_repeated_and_comma_separated_values(api_client):
    a = BarrelFactory(wood_type="american_oak")
    b = BarrelFactory(wood_type="chestnut")
    BarrelFactory(wood_type="french_oak")
    for query in ("wood_type=american_oak&wood_type=chestnut", "wood_type=american_oak,chestnut"):
        response = api_client.get(f"{URL}?{query}")
        assert response.status_code == 200
        assert {r["slug"] for r in response.json()["results"]} == {a.slug, b.slug}


def test_status_filter_is_for_administrators(catalog_admin_client):
    draft = BarrelFactory(status="draft")
    BarrelFactory()
    response = catalog_admin_client.get(URL, {"status": "draft"})
    assert response.status_code == 200
    assert [r["slug"] for r in response.json()["results"]] == [draft.slug]
