"""Reads of the accounts app: querysets scoped to a user, and the administrators' lists."""

from django.db.models import Count, Q, QuerySet

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


def company_get(*, company_id: int) -> Company:
    company = company_list().filter(pk=company_id).first()
    if company is None:
        raise NotFoundError("Company not found.", code=error_codes.COMPANY_NOT_FOUND)
    return company
