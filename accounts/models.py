from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower

from vwb_site.core.countries import CountryField
from vwb_site.core.crypto import EncryptedTextField


class Role(models.TextChoices):
    ADMIN = "admin", "Administrator"
    B2B = "b2b", "B2B client"
    B2C = "b2c", "B2C client"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.ADMIN)
        return self._create_user(email, password, **extra_fields)


class Company(models.Model):
    """A B2B buyer's company. B2B prices and quotes open only once an administrator verifies it."""

    class Verification(models.TextChoices):
        PENDING = "pending", "Pending verification"
        VERIFIED = "verified", "Verified"
        REJECTED = "rejected", "Rejected"

    legal_name = models.CharField(max_length=200)
    vat_number = models.CharField(
        max_length=20, blank=True, help_text="Normalised: country prefix and digits, no spaces."
    )
    country = CountryField()
    street = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    zip_code = models.CharField(max_length=20)
    verification_status = models.CharField(
        max_length=10, choices=Verification.choices, default=Verification.PENDING
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejection_reason = models.CharField(max_length=500, blank=True)
    # Where B2B refunds are paid (bank transfer). Encrypted at rest (vwb_site.core.crypto).
    bank_account_holder = EncryptedTextField(max_length=200, blank=True)
    bank_iban = EncryptedTextField("IBAN", max_length=34, blank=True)
    bank_bic = EncryptedTextField("BIC", max_length=11, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "companies"
        ordering = ["legal_name"]
        indexes = [models.Index(fields=["verification_status"])]

    def __str__(self) -> str:
        return self.legal_name

    @property
    def is_verified(self) -> bool:
        return self.verification_status == self.Verification.VERIFIED

    def allowed_transitions(self) -> list[str]:
        return sorted(COMPANY_TRANSITIONS.get(self.verification_status, ()))


# Declared verification workflow: only `company_verify` / `company_reject` move along it.
COMPANY_TRANSITIONS: dict[str, frozenset[str]] = {
    Company.Verification.PENDING: frozenset(
        {Company.Verification.VERIFIED, Company.Verification.REJECTED}
    ),
    # A rejected company may be verified after it sends the missing documents.
    Company.Verification.REJECTED: frozenset({Company.Verification.VERIFIED}),
    # Verification can be withdrawn (fraud, VAT number no longer valid).
    Company.Verification.VERIFIED: frozenset({Company.Verification.REJECTED}),
}


class CompanyVerificationEvent(models.Model):
    """One row per change of a company's verification status: who, when, from, to, why."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="verification_events"
    )
    from_status = models.CharField(max_length=10, choices=Company.Verification.choices)
    to_status = models.CharField(max_length=10, choices=Company.Verification.choices)
    actor = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.company}: {self.from_status} -> {self.to_status}"


class User(AbstractUser):
    """A person who logs in with an e-mail address. The role decides what the API allows."""

    username = None
    email = models.EmailField("e-mail address", unique=True)
    phone = EncryptedTextField(max_length=32, blank=True)  # encrypted at rest
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.B2C)
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    email_confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the user followed the confirmation link."
    )
    erased_at = models.DateTimeField(
        null=True, blank=True, help_text="When the person's data was erased (GDPR art. 17)."
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_admin(self) -> bool:
        return self.is_active and (self.role == Role.ADMIN or self.is_superuser)

    @property
    def is_b2b(self) -> bool:
        return self.role == Role.B2B

    @property
    def is_verified_b2b(self) -> bool:
        """B2B prices, bank transfer and quotes are open to verified companies only."""
        return (
            self.is_active
            and self.role == Role.B2B
            and self.company_id is not None
            and self.company.is_verified
        )

    @property
    def customer_type(self) -> str:
        return "b2b" if self.role == Role.B2B else "b2c"

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None


class Address(models.Model):
    """A postal address in a user's address book. Orders copy it, so edits never alter them."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="addresses")
    recipient_name = models.CharField(max_length=200)
    company_name = models.CharField(max_length=200, blank=True)
    street = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    zip_code = models.CharField(max_length=20)
    country = CountryField()
    phone = EncryptedTextField(max_length=32, blank=True)  # encrypted at rest
    is_default_shipping = models.BooleanField(default=False)
    is_default_billing = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_default_shipping", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(is_default_shipping=True),
                name="accounts_address_one_default_shipping",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(is_default_billing=True),
                name="accounts_address_one_default_billing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_name}, {self.street}, {self.zip_code} {self.city}, {self.country}"

    def as_snapshot(self) -> dict[str, str]:
        """The fields an order or quote copies, so a later edit does not change them."""
        return {
            "recipient_name": self.recipient_name,
            "company_name": self.company_name,
            "street": self.street,
            "city": self.city,
            "zip_code": self.zip_code,
            "country": self.country,
            "phone": self.phone,
        }


# Models of the privacy and audit subpackages live in their own modules; importing them here
# registers them with the accounts app.
from accounts.audit.models import AuditEntry  # noqa: E402, F401
from accounts.models_mfa import RecoveryCode  # noqa: E402, F401
from accounts.models_privacy import ConsentRecord, DataExport, RetentionRun  # noqa: E402, F401
