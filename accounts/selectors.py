"""Reads of the accounts app: querysets scoped to a user, and the administrators' lists."""

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Case, Count, Max, OuterRef, Q, QuerySet, Subquery, Sum, When
from django.utils import timezone

from accounts import error_codes
from accounts.models import Address, Company, User
from vwb_site.exceptions import NotFoundError


def address_list_for_user(*, user: User) -> QuerySet[Address]:
    return Address.objects.filter(user=user).order_by(
        "-is_default_shipping", "-is_default_billing", "-created_at", "-id"
    )


def address_get_for_user(*, user: User, address_id: int) -> Address:
    """The user's address, or 404 (someone else's address does not exist for them)."""
    address = Address.objects.filter(user=user, pk=address_id).first()
    if address is None:
        raise NotFoundError("Address not found.", code=error_codes.ADDRESS_NOT_FOUND)
    return address


def user_profile_get(*, user_id: int) -> User:
    return User.objects.select_related("company").get(pk=user_id)


def user_list(
    *, search: str = "", role: str = "", is_active: bool | None = None, company_status: str = ""
) -> QuerySet[User]:
    queryset = User.objects.select_related("company").order_by("-date_joined", "-id")
    if search:
        queryset = queryset.filter(
            Q(email__icontains=search)
            | Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(company__legal_name__icontains=search)
            | Q(company__vat_number__icontains=search)
        )
    if role:
        queryset = queryset.filter(role=role)
    if is_active is not None:
        queryset = queryset.filter(is_active=is_active)
    if company_status:
        queryset = queryset.filter(company__verification_status=company_status)
    return queryset


def user_get(*, user_id: int) -> User:
    user = User.objects.select_related("company").filter(pk=user_id).first()
    if user is None:
        raise NotFoundError("User not found.", code=error_codes.USER_NOT_FOUND)
    return user


def company_list(
    *, search: str = "", verification_status: str = "", country: str = ""
) -> QuerySet[Company]:
    queryset = (
        Company.objects.select_related("verified_by")
        .annotate(member_count=Count("members"))
        .order_by("-created_at", "-id")
    )
    if search:
        queryset = queryset.filter(
            Q(legal_name__icontains=search)
            | Q(vat_number__icontains=search)
            | Q(members__email__icontains=search)
        ).distinct()
    if verification_status:
        queryset = queryset.filter(verification_status=verification_status)
    if country:
        queryset = queryset.filter(country=country.upper())
    return queryset


def _verified_twins(company_ref) -> QuerySet[Company]:
    return (
        Company.objects.filter(
            vat_number=company_ref("vat_number"),
            verification_status=Company.Verification.VERIFIED,
        )
        .exclude(pk=company_ref("pk"))
        .exclude(vat_number="")
        .order_by("verified_at", "pk")
    )


def company_with_verified_twin(queryset: QuerySet[Company]) -> QuerySet[Company]:
    """Annotate each pending company with the verified company that has its VAT number, if any
    (`verified_twin_id`, `verified_twin_name`): a buyer who registered the company again (#21)."""
    twins = _verified_twins(OuterRef)
    pending = Q(verification_status=Company.Verification.PENDING)
    return queryset.annotate(
        verified_twin_id=Case(When(pending, then=Subquery(twins.values("pk")[:1]))),
        verified_twin_name=Case(When(pending, then=Subquery(twins.values("legal_name")[:1]))),
    )


def company_verified_twin(*, company: Company) -> Company | None:
    """The verified company with the same VAT number as pending `company`, if any."""
    if company.verification_status != Company.Verification.PENDING or not company.vat_number:
        return None
    return _verified_twins(lambda name: getattr(company, name)).first()


def company_get(*, company_id: int) -> Company:
    company = company_list().filter(pk=company_id).first()
    if company is None:
        raise NotFoundError("Company not found.", code=error_codes.COMPANY_NOT_FOUND)
    return company


# --- Login lockouts (django-axes attempts; see accounts.services.lockouts) --------------------

# Attempts on an e-mail of no (or an erased) account store a keyed hash under this prefix.
UNKNOWN_PREFIX = "unknown:"


def client_failures(*, ip_address: str | None, since: datetime) -> int:
    """Failed logins from one client address since `since`, over every account."""
    if not ip_address:
        return 0
    total = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return total or 0


@dataclass(frozen=True)
class Lockout:
    """A current lockout: of one account for one client (`account`), or of a client (`client`)."""

    kind: str
    ip_address: str | None
    username: str
    failures: int
    last_attempt: datetime
    locked_until: datetime

    @property
    def account(self) -> str:
        """The e-mail, or a placeholder when the attempts name no existing account."""
        if self.kind == "client":
            return "(any account)"
        return "(no such account)" if self.username.startswith(UNKNOWN_PREFIX) else self.username


def lockout_list(*, now: datetime | None = None) -> list[Lockout]:
    """Current lockouts, newest first: account-and-client pairs, then spraying clients."""
    cooloff = settings.AXES_COOLOFF_TIME
    since = (now or timezone.now()) - cooloff
    recent = AccessAttempt.objects.filter(attempt_time__gte=since)
    pairs = (
        recent.values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )
    clients = (
        recent.values("ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_CLIENT_FAILURE_LIMIT)
        .order_by("-last")
    )
    return [
        Lockout(
            kind="account",
            ip_address=row["ip_address"],
            username=row["username"] or "",
            failures=row["failures"],
            last_attempt=row["last"],
            locked_until=row["last"] + cooloff,
        )
        for row in pairs
    ] + [
        Lockout(
            kind="client",
            ip_address=row["ip_address"],
            username="",
            failures=row["failures"],
            last_attempt=row["last"],
            locked_until=row["last"] + cooloff,
        )
        for row in clients
    ]
