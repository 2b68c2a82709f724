"""The fake EasyPost API is strict as the real one: tests that pass against it prove something.
Driven through the real SDK, as the adapter drives it."""

import base64

import easypost
import pytest
import requests

from commerce.tests.fakes.easypost_server import API_KEY, PDF

FROM = {"street1": "12 quai des Chartrons", "city": "Bordeaux", "zip": "33000", "country": "FR"}
TO_DE = {"zip": "55116", "country": "DE"}
PARCEL = {"weight": 1657.9, "length": 37.4, "width": 28.3, "height": 28.3}


@pytest.fixture
def fake(easypost_server):
    easypost_server.reset()
    return easypost_server


def sdk(fake, key=API_KEY):
    return easypost.EasyPostClient(key, api_base=fake.api_base, timeout=5)


def test_a_wrong_or_missing_api_key_is_a_401_in_easyposts_error_shape(fake):
    with pytest.raises(easypost.errors.UnauthorizedError) as caught:
        sdk(fake, key="EZTKwrong").shipment.create(
            from_address=FROM, to_address=TO_DE, parcel=PARCEL
        )
    assert caught.value.http_status == 401
    assert caught.value.json_body["error"]["code"] == "APIKEY.INVALID"
    bare = requests.post(f"{fake.api_base}/shipments", json={"shipment": {}}, timeout=5)
    assert bare.status_code == 401 and bare.json()["error"]["code"] == "APIKEY.REQUIRED"


def test_basic_auth_with_the_key_as_user_name_is_accepted(fake):
    token = base64.b64encode(f"{API_KEY}:".encode()).decode()
    response = requests.post(
        f"{fake.api_base}/shipments",
        json={"shipment": {"from_address": FROM, "to_address": TO_DE, "parcel": PARCEL}},
        headers={"Authorization": f"Basic {token}"},
        timeout=5,
    )
    assert response.status_code == 201, response.json()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"parcel": {"weight": 0, "length": 1, "width": 1, "height": 1}}, "parcel"),
        ({"parcel": {"weight": 10}}, "parcel"),
        ({"to_address": {"zip": "55116", "country": "Germany"}}, "to_address.country"),
        ({"from_address": {"country": "FR"}}, "from_address.street1"),
        ({"to_address": {"country": "US", "zip": "40202"}}, "customs_info"),
    ],
)
def test_missing_or_malformed_fields_are_a_422_naming_them(fake, change, field):
    params = {"from_address": FROM, "to_address": TO_DE, "parcel": PARCEL, **change}
    with pytest.raises(easypost.errors.InvalidRequestError) as caught:
        sdk(fake).shipment.create(**params)
    assert caught.value.http_status == 422
    assert field in {e["field"] for e in caught.value.errors}


def test_customs_items_need_an_hs_number_value_and_origin(fake):
    customs = {
        "customs_certify": True,
        "customs_signer": "A. Signer",
        "customs_items": [{"description": "Barrel", "quantity": 1, "value": 290, "weight": 1587}],
    }
    with pytest.raises(easypost.errors.InvalidRequestError) as caught:
        sdk(fake).shipment.create(
            from_address=FROM, to_address={"country": "US"}, parcel=PARCEL, customs_info=customs
        )
    fields = {e["field"] for e in caught.value.errors}
    assert {"customs_items[0].hs_tariff_number", "customs_items[0].origin_country"} <= fields


def test_a_parcel_over_70_kg_gets_no_rate(fake):
    heavy = {**PARCEL, "weight": 2500}
    shipment = sdk(fake).shipment.create(from_address=FROM, to_address=TO_DE, parcel=heavy)
    assert shipment.rates == [] and shipment.messages


def test_buying_is_stateful_refuses_foreign_expired_and_repeated_rates(fake):
    client = sdk(fake)
    one = client.shipment.create(
        from_address=FROM, to_address=TO_DE, parcel=PARCEL, options={"label_format": "PDF"}
    )
    other = client.shipment.create(from_address=FROM, to_address=TO_DE, parcel=PARCEL)
    with pytest.raises(easypost.errors.InvalidRequestError) as foreign:
        client.shipment.buy(one.id, rate={"id": other.rates[0].id})
    assert foreign.value.code == "SHIPMENT.RATE.INVALID"
    with pytest.raises(easypost.errors.NotFoundError):
        client.shipment.buy("shp_unknown", rate={"id": one.rates[0].id})
    bought = client.shipment.buy(one.id, rate={"id": one.rates[0].id})
    assert bought.tracking_code and bought.tracker.public_url
    label = requests.get(bought.postage_label.label_url, timeout=5)
    assert label.headers["Content-Type"] == "application/pdf" and label.content == PDF
    with pytest.raises(easypost.errors.InvalidRequestError) as again:
        client.shipment.buy(one.id, rate={"id": one.rates[1].id})
    assert again.value.code == "SHIPMENT.POSTAGE.EXISTS"
    fake.expire_rates()
    with pytest.raises(easypost.errors.InvalidRequestError) as expired:
        client.shipment.buy(other.id, rate={"id": other.rates[0].id})
    assert expired.value.code == "SHIPMENT.POSTAGE.FAILURE"


def test_webhook_signatures_are_those_the_sdk_validates(fake):
    body, signature = fake.tracker_event("1ZTEST", "in_transit")
    event = easypost.util.validate_webhook(
        event_body=body, headers={"X-Hmac-Signature": signature}, webhook_secret=fake.webhook_secret
    )
    assert event["result"]["status"] == "in_transit"
    with pytest.raises(easypost.errors.SignatureVerificationError):
        easypost.util.validate_webhook(
            event_body=body, headers={"X-Hmac-Signature": signature}, webhook_secret="other"
        )


@pytest.mark.parametrize(
    ("mode", "error"),
    [
        ("unavailable", easypost.errors.ServiceUnavailableError),
        ("refusing", easypost.errors.InvalidRequestError),
    ],
)
def test_the_fault_switch_makes_the_api_unavailable_or_refusing(fake, mode, error):
    fake.mode = mode
    with pytest.raises(error):
        sdk(fake).shipment.create(from_address=FROM, to_address=TO_DE, parcel=PARCEL)


def test_the_fault_switch_makes_the_api_slow(fake):
    fake.mode, fake.delay = "slow", 1.0
    client = easypost.EasyPostClient(API_KEY, api_base=fake.api_base, timeout=0.3)  # type: ignore[arg-type]
    with pytest.raises(easypost.errors.TimeoutError):
        client.shipment.create(from_address=FROM, to_address=TO_DE, parcel=PARCEL)
