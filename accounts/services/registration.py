"""Registration of B2C and B2B accounts.

A B2B registration creates the company in `pending`: the account can log in at once, but B2B
prices and quotes wait for an administrator's verification (accounts.services.companies).
"""

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts import error_codes, tasks
from accounts.models import Company, Role, User
from accounts.validators import normalize_phone, normalize_vat_number
from vwb_site.core.countries import normalize_country
from vwb_site.exceptions import ConflictError
from vwb_site.tasks import dispatch_on_commit

SELF_SERVICE_ROLES = (Role.B2C, Role.B2B)
COMPANY_TEXT_FIELDS = {"legal_name": 200, "street": 200, "city": 100, "zip_code": 20}


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def email_taken_error(email: str) -> ConflictError:
    return ConflictError(
        "An account with this e-mail address already exists.",
        code=error_codes.EMAIL_TAKEN,
        errors=[
            {
                "field": "email",
                "code": error_codes.EMAIL_TAKEN,
                "message": "An account with this e-mail address already exists.",
            }
        ],
    )


def email_is_taken(email: str, *, exclude_user_id: int | None = None) -> bool:
    queryset = User.objects.filter(email__iexact=email)
    if exclude_user_id is not None:
        queryset = queryset.exclude(pk=exclude_user_id)
    return queryset.exists()


def password_check(password: str, *, user: User, field: str = "password") -> None:
    """Run AUTH_PASSWORD_VALIDATORS; their messages become errors of `field`."""
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({field: exc.error_list}) from None


def company_data_clean(data: dict[str, Any] | None) -> dict[str, str]:
    """Validate and normalise the company fields of a B2B registration (errors: company.*)."""
    if not data:
        raise ValidationError(
            {
                "company": ValidationError(
                    "A B2B account needs its company: legal_name, vat_number, country, "
                    "street, city, zip_code.",
                    code=error_codes.COMPANY_REQUIRED,
                )
            }
        )
    errors: dict[str, list[ValidationError]] = {}
    cleaned: dict[str, str] = {}
    for name, max_length in COMPANY_TEXT_FIELDS.items():
        value = " ".join(str(data.get(name) or "").split())
        if not value:
            errors[f"company.{name}"] = [
                ValidationError("This field is required.", code="required")
            ]
        elif len(value) > max_length:
            errors[f"company.{name}"] = [
                ValidationError(f"At most {max_length} characters.", code="max_length")
            ]
        cleaned[name] = value
    try:
        cleaned["country"] = normalize_country(str(data.get("country") or ""))
    except ValidationError as exc:
        errors["company.country"] = exc.error_list
    else:
        try:
            cleaned["vat_number"] = normalize_vat_number(
                country=cleaned["country"], value=str(data.get("vat_number") or "")
            )
        except ValidationError as exc:
            errors["company.vat_number"] = exc.error_list
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def user_register(
    *,
    email: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    phone: str = "",
    role: str = Role.B2C,
    company: dict[str, Any] | None = None,
) -> User:
    if role not in SELF_SERVICE_ROLES:
        raise ValidationError(
            {
                "role": ValidationError(
                    "Choose b2c or b2b; other roles are given by an administrator.",
                    code=error_codes.ROLE_NOT_ALLOWED,
                )
            }
        )
    email = normalize_email(email)
    user = User(email=email, first_name=first_name.strip(), last_name=last_name.strip(), role=role)
    try:
        user.phone = normalize_phone(phone)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.error_list}) from None
    password_check(password, user=user)
    company_fields = None
    if role == Role.B2B:
        company_fields = company_data_clean(company)
    elif company:
        raise ValidationError(
            {
                "company": ValidationError(
                    "Company details belong to B2B registrations (role b2b).",
                    code=error_codes.COMPANY_NOT_ALLOWED,
                )
            }
        )
    if email_is_taken(email):
        raise email_taken_error(email)

    if company_fields is not None:
        user.company = Company.objects.create(
            **company_fields, verification_status=Company.Verification.PENDING
        )
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # a concurrent registration with the same address won the race
        raise email_taken_error(email) from None

    dispatch_on_commit(tasks.send_welcome_email, user.pk)
    if user.company_id:
        dispatch_on_commit(tasks.send_staff_company_pending_email, user.company_id)
    return user
