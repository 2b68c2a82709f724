"""/v1/me/addresses: CRUD, default flags handled atomically, other users' addresses are 404."""

import pytest
from django.urls import reverse

from accounts.models import Address
from accounts.tests.factories import AddressFactory, UserFactory
from accounts.tests.helpers import assert_problem, error_fields

pytestmark = pytest.mark.django_db

LIST = reverse("v1:accounts:addresses")


def detail(address_id: int) -> str:
    return reverse("v1:accounts:address", args=[address_id])


PAYLOAD = {
    "recipient_name": "Camille Martin",
    "street": "3 quai des Chartrons",
    "city": "Bordeaux",
    "zip_code": "33000",
    "country": "fr",
    "phone": "+33 5 00 00 00 00",
}


def test_first_address_becomes_the_default_for_shipping_and_billing(client_for, b2c_user):
    response = client_for(b2c_user).post(LIST, PAYLOAD, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["country"] == "FR"
    assert body["is_default_shipping"] and body["is_default_billing"]


def test_a_new_default_clears_the_previous_one(client_for, b2c_user):
    client = client_for(b2c_user)
    first = client.post(LIST, PAYLOAD, format="json").json()
    second = client.post(
        LIST,
        {**PAYLOAD, "street": "1 cours Xavier Arnozan", "is_default_shipping": True},
        format="json",
    ).json()
    assert second["is_default_shipping"] and not second["is_default_billing"]
    shipping = Address.objects.filter(user=b2c_user, is_default_shipping=True)
    billing = Address.objects.filter(user=b2c_user, is_default_billing=True)
    assert list(shipping.values_list("id", flat=True)) == [second["id"]]
    assert list(billing.values_list("id", flat=True)) == [first["id"]]

    client.patch(detail(first["id"]), {"is_default_shipping": True}, format="json")
    assert list(shipping.values_list("id", flat=True)) == [first["id"]]


def test_list_returns_only_my_addresses_in_fixed_queries(
    client_for, b2c_user, django_assert_max_num_queries
):
    AddressFactory.create_batch(3, user=b2c_user)
    AddressFactory(user=UserFactory())
    client = client_for(b2c_user)
    with django_assert_max_num_queries(2):  # the user (JWT), the addresses
        response = client.get(LIST)
    assert response.status_code == 200
    assert len(response.json()) == 3


def test_retrieve_update_delete_my_address(client_for, b2c_user):
    address = AddressFactory(user=b2c_user)
    client = client_for(b2c_user)
    assert client.get(detail(address.pk)).json()["street"] == address.street
    response = client.patch(
        detail(address.pk), {"city": "Cognac", "zip_code": "16100"}, format="json"
    )
    assert response.status_code == 200
    address.refresh_from_db()
    assert (address.city, address.zip_code) == ("Cognac", "16100")
    assert client.delete(detail(address.pk)).status_code == 204
    assert not Address.objects.filter(pk=address.pk).exists()


def test_deleting_a_default_passes_it_to_the_newest_address_left(client_for, b2c_user):
    client = client_for(b2c_user)
    first = client.post(LIST, PAYLOAD, format="json").json()  # default for both
    second = client.post(
        LIST, {**PAYLOAD, "street": "1 cours Xavier Arnozan"}, format="json"
    ).json()
    third = client.post(
        LIST,
        {**PAYLOAD, "street": "5 rue Sainte-Catherine", "is_default_billing": True},
        format="json",
    ).json()
    assert client.delete(detail(first["id"])).status_code == 204
    book = {a["id"]: a for a in client.get(LIST).json()}
    # Shipping passes to the newest address left; billing stays where it was.
    assert book[third["id"]]["is_default_shipping"] and book[third["id"]]["is_default_billing"]
    assert not book[second["id"]]["is_default_shipping"]
    assert not book[second["id"]]["is_default_billing"]

    assert client.delete(detail(third["id"])).status_code == 204
    left = Address.objects.get(user=b2c_user)
    assert (left.pk, left.is_default_shipping, left.is_default_billing) == (
        second["id"],
        True,
        True,
    )
    assert client.delete(detail(second["id"])).status_code == 204
    assert not Address.objects.filter(user=b2c_user).exists()


def test_deleting_an_address_that_is_no_default_moves_no_default(client_for, b2c_user):
    client = client_for(b2c_user)
    first = client.post(LIST, PAYLOAD, format="json").json()
    second = client.post(
        LIST, {**PAYLOAD, "street": "1 cours Xavier Arnozan"}, format="json"
    ).json()
    assert client.delete(detail(second["id"])).status_code == 204
    kept = Address.objects.get(user=b2c_user)
    assert (kept.pk, kept.is_default_shipping, kept.is_default_billing) == (first["id"], True, True)


def test_user_a_cannot_read_change_or_delete_user_b_addresses(client_for, b2c_user):
    theirs = AddressFactory(user=UserFactory(), city="Jerez")
    client = client_for(b2c_user)
    assert_problem(client.get(detail(theirs.pk)), 404, "address_not_found")
    assert_problem(client.patch(detail(theirs.pk), {"city": "Hacked"}, format="json"), 404)
    assert_problem(
        client.patch(detail(theirs.pk), {"is_default_shipping": True}, format="json"), 404
    )
    assert_problem(client.delete(detail(theirs.pk)), 404)
    theirs.refresh_from_db()
    assert theirs.city == "Jerez"
    assert theirs.is_default_shipping is False
    assert theirs.user_id != b2c_user.pk


def test_the_same_404_for_a_missing_address(client_for, b2c_user):
    assert_problem(client_for(b2c_user).get(detail(999_999)), 404, "address_not_found")


def test_cannot_create_an_address_for_someone_else(client_for, b2c_user):
    other = UserFactory()
    body = assert_problem(
        client_for(b2c_user).post(LIST, {**PAYLOAD, "user": other.pk}, format="json"), 400
    )
    assert error_fields(body) == {"user": "field_not_allowed"}
    assert not Address.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"country": "XX"}, "country", "unknown_country"),
        ({"country": "France"}, "country", "unknown_country"),
        ({"recipient_name": ""}, "recipient_name", "blank"),
        ({"phone": "not a phone"}, "phone", "invalid_phone"),
        ({"colour": "red"}, "colour", "unknown_field"),
    ],
)
def test_bad_address_input_is_a_400_and_creates_nothing(client_for, b2c_user, change, field, code):
    body = assert_problem(
        client_for(b2c_user).post(LIST, {**PAYLOAD, **change}, format="json"), 400
    )
    assert error_fields(body) == {field: code}
    assert not Address.objects.exists()


def test_missing_required_fields_are_named(client_for, b2c_user):
    body = assert_problem(client_for(b2c_user).post(LIST, {"city": "Bordeaux"}, format="json"), 400)
    assert set(error_fields(body)) == {"recipient_name", "street", "zip_code", "country"}


def test_bad_update_changes_nothing(client_for, b2c_user):
    address = AddressFactory(user=b2c_user, country="FR")
    assert_problem(
        client_for(b2c_user).patch(
            detail(address.pk), {"country": "ZZ", "city": "Nowhere"}, format="json"
        ),
        400,
    )
    address.refresh_from_db()
    assert (address.country, address.city) == ("FR", "Bordeaux")


def test_address_book_has_a_limit(client_for, b2c_user, settings):
    settings.ACCOUNTS_MAX_ADDRESSES = 2
    AddressFactory.create_batch(2, user=b2c_user)
    assert_problem(
        client_for(b2c_user).post(LIST, PAYLOAD, format="json"), 409, "address_limit_reached"
    )


def test_addresses_need_authentication(api_client):
    assert_problem(api_client.get(LIST), 401)
