"""Builders for the privacy tests: a person with data in every registered model."""

from decimal import Decimal

from axes.models import AccessAttempt, AccessLog
from django.utils import timezone

from accounts.models_privacy import ConsentPurpose
from accounts.privacy.consent import consent_set
from accounts.tests.factories import AddressFactory, B2BUserFactory
from catalog.tests.factories import BarrelFactory
from cms_pages.models import ContactMessage
from commerce.models import Order, OrderLine, OrderStatusHistory, Payment

PHONE = "+49 6131 555 0199"
STREET = "Kellerweg 17"


def make_order(user, *, status="delivered", number=None, total=Decimal("620.00")) -> Order:
    snapshot = {
        "recipient_name": f"{user.first_name} {user.last_name}",
        "company_name": "",
        "street": STREET,
        "city": "Mainz",
        "zip_code": "55116",
        "country": "DE",
        "phone": PHONE,
    }
    order = Order.objects.create(
        number=number or f"VWB-2026-{Order.objects.count() + 1:06d}",
        user=user,
        status=status,
        customer_email=user.email,
        customer_type="b2b",
        currency="EUR",
        subtotal=Decimal("500.00"),
        shipping_amount=Decimal("20.00"),
        tax_amount=Decimal("100.00"),
        total_amount=total,
        tax_regime="domestic",
        tax_country="DE",
        tax_rate=Decimal("20.00"),
        shipping_address=snapshot,
        billing_address=snapshot,
        shipping_method_code="pallet",
        shipping_method_name="Pallet",
        payment_method="card",
        amount_captured=total if status != "pending" else 0,
    )
    barrel = BarrelFactory()
    OrderLine.objects.create(
        order=order,
        barrel=barrel,
        sku=barrel.sku,
        name=barrel.name,
        quantity=2,
        unit_price=Decimal("250.00"),
        line_total=Decimal("500.00"),
        tax_rate=Decimal("20.00"),
        tax_amount=Decimal("100.00"),
    )
    OrderStatusHistory.objects.create(order=order, from_status="", to_status=status)
    Payment.objects.create(
        order=order,
        provider="stripe",
        status="succeeded",
        amount=total,
        currency="EUR",
        amount_captured=total,
        provider_reference=f"pi_{order.number}",
    )
    return order


def make_person(**kwargs):
    """A B2B buyer with an address, bank details, an order, consents, a contact message and
    login history."""
    user = B2BUserFactory(first_name="Hildegard", last_name="Zwiebelmeyer", phone=PHONE, **kwargs)
    company = user.company
    company.street, company.bank_account_holder = STREET, "Hildegard Zwiebelmeyer"
    company.bank_iban, company.bank_bic = "DE89370400440532013000", "COBADEFFXXX"
    company.save()
    AddressFactory(
        user=user,
        recipient_name="Hildegard Zwiebelmeyer",
        street=STREET,
        phone=PHONE,
        city="Mainz",
        zip_code="55116",
        country="DE",
    )
    consent_set(user=user, purpose=ConsentPurpose.ANALYTICS, granted=True)
    ContactMessage.objects.create(
        name="Hildegard Zwiebelmeyer",
        email=user.email.upper(),
        phone=PHONE,
        topic="general",
        message=f"Call me on {PHONE}, {STREET}.",
    )
    now = timezone.now()
    AccessLog.objects.create(
        username=user.email,
        ip_address="203.0.113.7",
        user_agent="Firefox Zwiebelmeyer",
        http_accept="*/*",
        path_info="/v1/auth/token",
        attempt_time=now,
    )
    AccessAttempt.objects.create(
        username=user.email,
        ip_address="203.0.113.7",
        user_agent="Firefox",
        http_accept="*/*",
        path_info="/v1/auth",
        get_data="",
        post_data=f"email={user.email}",
        failures_since_start=1,
        attempt_time=now,
    )
    return user
