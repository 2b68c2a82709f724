import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from accounts.audit.models import AppendOnlyError, AuditEntry
from accounts.audit.services import audit_record
from accounts.tests.factories import CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_audit_entries_cannot_be_changed_or_deleted_by_code_or_sql(admin):
    entry = audit_record(actor=admin, action="test.action", target=("x", 1))
    entry.action = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    for sql in ("UPDATE accounts_auditentry SET action = 'x'", "DELETE FROM accounts_auditentry"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEntry.objects.get().action == "test.action"


def test_admin_api_edit_of_a_user_is_recorded_with_who_what_and_where(client_for, admin):
    customer = UserFactory(first_name="Ottokar")
    response = client_for(admin).patch(
        f"/v1/admin/users/{customer.pk}",
        {"is_active": False, "first_name": "Otto"},
        format="json",
        REMOTE_ADDR="198.51.100.9",
        HTTP_USER_AGENT="curl/8",
        HTTP_X_REQUEST_ID="req-audit-1",
    )
    assert response.status_code == 200, response.content
    service = AuditEntry.objects.get(action="user.update")
    assert service.actor_id == admin.pk and service.target_id == str(customer.pk)
    assert service.changes["is_active"] == [True, False]
    assert service.changes["first_name"] == "[redacted]"  # no personal values
    assert service.ip == "198.51.100.9" and service.request_id == "req-audit-1"
    http = AuditEntry.objects.get(source="api")
    assert http.method == "PATCH" and http.status_code == 200
    assert http.changes["url_kwargs"] == {"user_id": str(customer.pk)}
    assert http.changes["body"] == {"is_active": False, "first_name": "[redacted]"}
    assert http.user_agent == "curl/8"


def test_admin_writes_to_other_apps_are_recorded_without_their_code(client_for, admin):
    response = client_for(admin).post(
        "/v1/admin/companies/999999/verify", {"note": "ok"}, format="json"
    )
    assert response.status_code == 404
    entry = AuditEntry.objects.get(source="api")
    assert entry.path == "/v1/admin/companies/999999/verify" and entry.status_code == 404


def test_company_verification_is_recorded(client_for, admin):
    from accounts.models import Company

    company = CompanyFactory(verification_status=Company.Verification.PENDING)
    client_for(admin).post(f"/v1/admin/companies/{company.pk}/verify", {}, format="json")
    entry = AuditEntry.objects.get(action="company.verified")
    assert entry.changes == {"verification_status": ["pending", "verified"]}


def test_customers_writes_are_not_audited(client_for):
    user = UserFactory()
    client_for(user).patch("/v1/me", {"first_name": "X"}, format="json")
    assert not AuditEntry.objects.exists()


def test_passwords_never_reach_the_log(client_for, admin):
    client_for(admin).post(
        "/v1/auth/password/change",
        {"current_password": "s3cret-value", "new_password": "n3w-s3cret"},
        format="json",
    )
    assert "s3cret" not in str(list(AuditEntry.objects.values("changes")))


def test_wagtail_admin_lists_and_filters_audit_entries_without_edit_views(client, admin):
    audit_record(actor=admin, action="company.verified", target=("accounts.company", 7))
    client.force_login(admin)
    response = client.get("/admin/accounts/audit/?source=service")
    assert response.status_code == 200 and b"company.verified" in response.content
    entry = AuditEntry.objects.get(action="company.verified")
    assert client.get(f"/admin/accounts/audit/edit/{entry.pk}/").status_code == 404
    assert client.get(f"/admin/accounts/audit/delete/{entry.pk}/").status_code == 404
    assert client.get(f"/admin/accounts/audit/inspect/{entry.pk}/").status_code == 200


def test_country_rules_are_listed_for_staff_with_their_review_date(client, admin):
    import datetime

    from commerce.models import CountryRule

    CountryRule.objects.update_or_create(
        country="CH", defaults={"last_reviewed_at": datetime.date(2026, 3, 1)}
    )
    client.force_login(admin)
    response = client.get("/admin/snippets/commerce/countryrule/")
    assert response.status_code == 200
    assert b"Mar" in response.content or b"2026" in response.content


def test_a_body_with_nul_characters_is_logged_without_breaking_the_request(client_for, admin):
    customer = UserFactory()
    raw = '{"is_active": true, "junk": "a\\u0000b\\ud9d6"}'
    response = client_for(admin).patch(
        f"/v1/admin/users/{customer.pk}", data=raw, content_type="application/json"
    )
    assert response.status_code == 400
    assert AuditEntry.objects.get(source="api").changes["body"]["junk"] == "ab?"
