import pytest

from accounts.models_privacy import ConsentRecord
from accounts.privacy.consent import has_consent
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/v1/me/consents"


def test_grant_then_withdraw_is_recorded_with_policy_version_and_source(client_for):
    user = UserFactory()
    client = client_for(user)
    assert not has_consent(user, "analytics")
    response = client.post(
        URL, {"purpose": "analytics", "granted": True, "source": "web"}, format="json"
    )
    assert response.status_code == 201
    state = {c["purpose"]: c["granted"] for c in response.json()["consents"]}
    assert state == {"marketing_emails": False, "analytics": True}
    assert has_consent(user, "analytics")
    client.post(URL, {"purpose": "analytics", "granted": False}, format="json")
    assert not has_consent(user, "analytics")
    grant = ConsentRecord.objects.get(user=user, granted=True)
    assert grant.withdrawn_at is not None and grant.source == "web"
    assert grant.policy_version == "2026-01"
    body = client.get(URL).json()
    assert len(body["history"]) == 2


def test_unknown_purpose_is_a_400_and_nothing_is_recorded(client_for):
    user = UserFactory()
    response = client_for(user).post(URL, {"purpose": "telepathy", "granted": True}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "consent_unknown_purpose"
    assert not ConsentRecord.objects.exists()


def test_a_new_policy_version_asks_again(client_for, settings):
    user = UserFactory()
    client_for(user).post(URL, {"purpose": "marketing_emails", "granted": True}, format="json")
    assert has_consent(user, "marketing_emails")
    settings.PRIVACY_POLICY_VERSION = "2027-01"
    assert not has_consent(user, "marketing_emails")


def test_site_config_is_public_and_lists_the_consent_categories(api_client, settings):
    settings.GA4_MEASUREMENT_ID = "G-TEST123"
    body = api_client.get("/v1/site-config").json()
    assert body["ga4_measurement_id"] == "G-TEST123"
    assert {c["purpose"] for c in body["consent_categories"]} == {"marketing_emails", "analytics"}
