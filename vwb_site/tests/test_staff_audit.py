"""Every staff write lands in the audit log with who, what, and the values before and after.

`AUDITED` lists the staff write services and runs each one; `RECORDED_ELSEWHERE` names the
services that take an `actor` but keep their own history (status history, stock ledger) or
are called by other services. A discovery test reads every public service function that takes
an `actor` and fails if one is in neither table: a new staff write must be classified.
"""

import importlib
import inspect
import pkgutil
from decimal import Decimal

import pytest
from axes.models import AccessAttempt

from accounts.audit.models import AuditEntry
from accounts.tests.factories import AdminUserFactory, CompanyFactory, UserFactory
from accounts.tests.mfa import enrolled_device
from catalog.tests.factories import BarrelFactory
from commerce.models import VatRate
from commerce.shipping.tests.factories import make_order
from commerce.tests.factories import paid_order_create

pytestmark = pytest.mark.django_db

SERVICE_PACKAGES = [
    "accounts.services",
    "accounts.privacy",
    "catalog.services",
    "commerce.orders.services",
    "commerce.payments",
    "commerce.shipping",
    "commerce.shipping.documents",
    "commerce.tax",
    "quotes.services",
]


def _refund(admin):
    from commerce.orders.services import order_refund

    order = paid_order_create()
    order_refund(order=order, amount=Decimal("10.00"), actor=admin)
    return order


def _price_change(admin):
    from catalog.services.barrels import barrel_update

    barrel = BarrelFactory(price=Decimal("300.00"))
    barrel_update(barrel=barrel, actor=admin, price=Decimal("280.00"))
    return barrel


def _price_change_in_admin_form(admin):
    from catalog.services.barrels import barrel_after_admin_save, barrel_audit_state

    barrel = BarrelFactory(price=Decimal("300.00"))
    before = barrel_audit_state(barrel)
    barrel.price = Decimal("310.00")
    barrel.save()
    barrel_after_admin_save(barrel=barrel, actor=admin, before=before)
    return barrel


def _barrel_create(admin):
    from catalog.services.barrels import EDITABLE_FIELDS, barrel_create

    template = BarrelFactory.build()
    fields = {name: getattr(template, name) for name in EDITABLE_FIELDS if hasattr(template, name)}
    return barrel_create(actor=admin, **{**fields, "sku": "AUD-1", "slug": "aud-1"})


def _barrel_archive(admin):
    from catalog.services.barrels import barrel_archive

    return barrel_archive(barrel=BarrelFactory(), actor=admin)


def _barrel_delete(admin):
    from catalog.services.barrels import barrel_delete

    barrel = BarrelFactory(status="draft", stock_quantity=0, reserved_quantity=0)
    barrel_delete(barrel=barrel, actor=admin)
    return barrel


def _stock(admin):
    from catalog.services.inventory import stock_adjust

    barrel = BarrelFactory()
    stock_adjust(barrel=barrel, delta=3, actor=admin, note="found in the cellar")
    return barrel


def _vat_save(admin):
    from commerce.tax.services import vat_rate_save

    rate = VatRate.objects.get(country="DE")
    rate.standard_rate = Decimal("21.00")
    return vat_rate_save(rate=rate, actor=admin)


def _vat_delete(admin):
    from commerce.tax.services import vat_rate_delete

    rate = VatRate.objects.get(country="DE")
    vat_rate_delete(rate=rate, actor=admin)
    return rate


def _company_verify(admin):
    from accounts.services.companies import company_verify

    return company_verify(company_id=CompanyFactory(verification_status="pending").pk, actor=admin)


def _members_attach(admin):
    from accounts.services.companies import company_members_attach
    from accounts.tests.factories import B2BUserFactory

    verified = CompanyFactory(vat_number="DE136695976")
    duplicate = CompanyFactory(vat_number="DE136695976", verification_status="pending")
    B2BUserFactory(company=duplicate)
    return company_members_attach(company_id=duplicate.pk, into_company_id=verified.pk, actor=admin)


def _company_reject(admin):
    from accounts.services.companies import company_reject

    company = CompanyFactory(verification_status="pending")
    return company_reject(company_id=company.pk, actor=admin, reason="VAT number unknown")


def _role_change(admin):
    from accounts.services.admin_users import user_update_by_admin

    return user_update_by_admin(user_id=UserFactory().pk, actor=admin, data={"role": "admin"})


def _role_change_in_wagtail_users(admin):
    from django.contrib.auth.models import Group

    from accounts.services.admin_users import user_access_change_record, user_access_state

    user = UserFactory()
    before = user_access_state(user)
    user.groups.add(Group.objects.get(name="Editors"))
    user_access_change_record(user=user, actor=admin, before=before)
    return user


def _document(admin):
    from commerce.shipping.documents.services import document_generate

    order = make_order()
    document_generate(order=order, kind="invoice")  # by the system, when the order was paid
    return document_generate(order=order, kind="invoice", actor=admin)


def _lockout_clear(admin):
    from accounts.services.lockouts import lockout_clear

    victim = UserFactory()
    AccessAttempt.objects.create(
        username=victim.email, ip_address="198.51.100.9", failures_since_start=5, user_agent="x"
    )
    lockout_clear(kind="account", ip_address="198.51.100.9", username=victim.email, actor=admin)
    return victim


def _mfa_reset(admin):
    from accounts.services.mfa import mfa_reset

    colleague = AdminUserFactory()
    enrolled_device(colleague)
    mfa_reset(user=colleague, actor=admin)
    return colleague


# service (module.function) -> (what the issue calls it, the action logged, run it)
AUDITED = {
    "commerce.orders.services.payments.order_refund": ("refund", "order.refund", _refund),
    "catalog.services.barrels.barrel_update": ("price change", "barrel.update", _price_change),
    "catalog.services.barrels.barrel_after_admin_save": (
        "price change (admin form)",
        "barrel.update",
        _price_change_in_admin_form,
    ),
    "catalog.services.barrels.barrel_create": ("new barrel", "barrel.create", _barrel_create),
    "catalog.services.barrels.barrel_archive": ("archive", "barrel.archive", _barrel_archive),
    "catalog.services.barrels.barrel_delete": ("delete draft", "barrel.delete", _barrel_delete),
    "catalog.services.inventory.stock_adjust": ("stock change", "stock.adjust", _stock),
    "commerce.tax.services.vat_rate_save": ("VAT rate change", "vat_rate.update", _vat_save),
    "commerce.tax.services.vat_rate_delete": ("VAT rate removal", "vat_rate.delete", _vat_delete),
    "accounts.services.companies.company_verify": (
        "company verification",
        "company.verified",
        _company_verify,
    ),
    "accounts.services.companies.company_reject": (
        "company rejection",
        "company.rejected",
        _company_reject,
    ),
    "accounts.services.companies.company_members_attach": (
        "buyer attached to the verified company",
        "company.members_attached",
        _members_attach,
    ),
    "accounts.services.admin_users.user_update_by_admin": (
        "user role change",
        "user.update",
        _role_change,
    ),
    "accounts.services.admin_users.user_access_change_record": (
        "user role change (Wagtail Users)",
        "user.access_change",
        _role_change_in_wagtail_users,
    ),
    "commerce.shipping.documents.services.document_generate": (
        "document regeneration",
        "document.regenerate",
        _document,
    ),
    "accounts.services.lockouts.lockout_clear": ("lockout reset", "lockout.clear", _lockout_clear),
    "accounts.services.mfa.mfa_reset": ("2FA reset", "mfa.reset", _mfa_reset),
}

RECORDED_ELSEWHERE = {
    # Audited as `user.erase` (accounts/tests/privacy), without values: erased personal data
    # is not copied into a log that cannot be edited.
    "accounts.privacy.erasure.user_erase": "audit row without values",
    # Inner steps of an audited service.
    "accounts.services.companies.company_transition": "company_verify / company_reject",
    "commerce.payments.services.refund_create": "order_refund (the ledger step)",
    # Order status changes: one OrderStatusHistory row each (who, when, from, to, note).
    "commerce.orders.services.transitions.order_transition": "OrderStatusHistory",
    "commerce.orders.services.transitions.order_mark_paid": "OrderStatusHistory",
    "commerce.orders.services.transitions.order_deliver": "OrderStatusHistory",
    "commerce.orders.services.transitions.order_shipment_delivered": "OrderStatusHistory",
    "commerce.orders.services.actions.order_cancel": "OrderStatusHistory (+ order_refund)",
    "commerce.orders.services.actions.order_ship": "OrderStatusHistory, Shipment",
    "commerce.orders.services.payments.order_bank_transfer_record": "Payment row, history",
    "commerce.payments.services.bank_transfer_record": "Payment row with actor",
    "commerce.shipping.tracking.shipment_create": "Shipment row, OrderStatusHistory",
    "commerce.shipping.tracking.tracking_event_record": "TrackingEvent row with source",
    # Stock held and released by orders and quotes: one StockMovement row each (actor, note).
    "catalog.services.inventory.stock_reserve": "StockMovement",
    "catalog.services.inventory.stock_release": "StockMovement",
    "catalog.services.inventory.stock_sell": "StockMovement",
    "catalog.services.inventory.stock_transfer": "StockMovement",
    # Quotes: QuoteStatusHistory / QuoteVersion rows name the staff member.
    "quotes.services.transitions.quote_transition": "QuoteStatusHistory",
    "quotes.services.actions.quote_reject": "QuoteStatusHistory",
    "quotes.services.versions.quote_version_send": "QuoteVersion (sent_by), history",
    "quotes.services.versions.ensure_staff": "a check, not a write",
    "quotes.services.holds.quote_hold_release": "StockMovement",
    "quotes.services.holds.quote_hold_replace": "StockMovement",
    "quotes.services.holds.quote_hold_transfer": "StockMovement",
}


def services_taking_an_actor() -> set[str]:
    found = set()
    for package_name in SERVICE_PACKAGES:
        package = importlib.import_module(package_name)
        modules = [package]
        for info in pkgutil.iter_modules(getattr(package, "__path__", [])):
            if info.name != "tests":
                modules.append(importlib.import_module(f"{package_name}.{info.name}"))
        for module in modules:
            for name, function in inspect.getmembers(module, inspect.isfunction):
                if function.__module__ != module.__name__ or name.startswith("_"):
                    continue
                if "actor" in inspect.signature(function).parameters:
                    found.add(f"{module.__name__}.{name}")
    return found


def test_every_service_that_takes_an_actor_is_classified():
    found = services_taking_an_actor()
    assert found - set(AUDITED) - set(RECORDED_ELSEWHERE) == set()
    assert set(AUDITED) - found == set(), "a listed service no longer exists"


def test_the_staff_writes_the_issue_names_are_all_audited():
    named = {what for what, _, _ in AUDITED.values()}
    for kind in (
        "refund",
        "price change",
        "stock change",
        "VAT rate change",
        "company verification",
        "user role change",
        "document regeneration",
        "lockout reset",
        "2FA reset",
    ):
        assert kind in named


@pytest.mark.parametrize("service", sorted(AUDITED))
def test_each_staff_write_service_writes_an_audit_row(service):
    _, action, run = AUDITED[service]
    admin = AdminUserFactory()
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    run(admin)
    new = AuditEntry.objects.exclude(pk__in=before).filter(action=action, actor_id=admin.pk)
    assert new.exists(), (service, list(AuditEntry.objects.values_list("action", flat=True)))
    entry = new.latest("id")
    assert entry.created_at is not None
    assert entry.target_type and entry.target_id
    pairs = {
        field: values
        for field, values in entry.changes.items()
        if isinstance(values, list) and len(values) == 2
    }
    # At least one value before and after; other keys are context (the kind of lockout...),
    # and personal or secret values read "[redacted]" (accounts.audit.services).
    assert any(before != after for before, after in pairs.values()), entry.changes
