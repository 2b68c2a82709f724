"""Demo accounts for `make run` (local mode only). Idempotent: looked up by e-mail first.

An administrator, a B2C customer and a verified B2B buyer (a German company with a valid
German VAT number), each customer with a shipping/billing address.
"""

from django.utils import timezone

from accounts.models import Address, Company, Role, User

DEMO_PASSWORD = "vintage-demo-2026"  # noqa: S105 - local demo only, printed by make run
ADMIN_EMAIL = "admin@vintagewithoutborders.example"
B2C_EMAIL = "claire.b2c@vintagewithoutborders.example"
B2B_EMAIL = "jonas.b2b@vintagewithoutborders.example"
DEMO_VAT_NUMBER = "DE136695976"  # passes the German check digit (python-stdnum)


def _customer(
    *,
    email: str,
    role: str,
    first_name: str,
    last_name: str,
    phone: str,
    company: Company | None = None,
) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            first_name=first_name,
            last_name=last_name,
            phone=phone,
            role=role,
            company=company,
            email_confirmed_at=timezone.now(),
        )
    return user


def _address(user: User, **fields) -> None:
    if not Address.objects.filter(user=user).exists():
        Address.objects.create(
            user=user, is_default_shipping=True, is_default_billing=True, **fields
        )


def load(*, stdout) -> list[str]:
    if not User.objects.filter(email__iexact=ADMIN_EMAIL).exists():
        User.objects.create_superuser(
            email=ADMIN_EMAIL,
            password=DEMO_PASSWORD,
            first_name="Ada",
            last_name="Admin",
            email_confirmed_at=timezone.now(),
        )

    claire = _customer(
        email=B2C_EMAIL,
        role=Role.B2C,
        first_name="Claire",
        last_name="Moreau",
        phone="+33 5 56 00 11 22",
    )
    _address(
        claire,
        recipient_name="Claire Moreau",
        street="12 rue des Chais",
        city="Bordeaux",
        zip_code="33000",
        country="FR",
        phone="+33 5 56 00 11 22",
    )

    company = Company.objects.filter(vat_number=DEMO_VAT_NUMBER).first()
    if company is None:
        company = Company.objects.create(
            legal_name="Weingut Keller Fassbau GmbH",
            vat_number=DEMO_VAT_NUMBER,
            country="DE",
            street="Weinstrasse 1",
            city="Mainz",
            zip_code="55116",
            verification_status=Company.Verification.VERIFIED,
            verified_at=timezone.now(),
        )
    jonas = _customer(
        email=B2B_EMAIL,
        role=Role.B2B,
        first_name="Jonas",
        last_name="Keller",
        phone="+49 6131 000000",
        company=company,
    )
    _address(
        jonas,
        recipient_name="Jonas Keller",
        company_name=company.legal_name,
        street="Weinstrasse 1",
        city="Mainz",
        zip_code="55116",
        country="DE",
        phone="+49 6131 000000",
    )

    return [
        f"Administrator: {ADMIN_EMAIL} / {DEMO_PASSWORD} (role admin, Wagtail superuser; "
        "sets up its authenticator app at the first admin sign-in)",
        f"B2C customer:  {B2C_EMAIL} / {DEMO_PASSWORD}",
        f"B2B buyer:     {B2B_EMAIL} / {DEMO_PASSWORD} "
        f"({company.legal_name}, {DEMO_VAT_NUMBER}, verified)",
    ]


__all__ = ["Role", "load"]
