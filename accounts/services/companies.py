"""Company verification: the declared workflow (accounts.models.COMPANY_TRANSITIONS), one
history row per change, and an e-mail to the company's members. Used by the REST API and the
Wagtail admin alike."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import error_codes, tasks
from accounts.audit.services import audit_record
from accounts.models import COMPANY_TRANSITIONS, Company, CompanyVerificationEvent, User
from vwb_site.exceptions import ConflictError, NotFoundError
from vwb_site.tasks import dispatch_on_commit

Verification = Company.Verification
REASON_MAX_LENGTH = 500


def _lock(company_id: int) -> Company:
    company = Company.objects.select_for_update().filter(pk=company_id).first()
    if company is None:
        raise NotFoundError("Company not found.", code=error_codes.COMPANY_NOT_FOUND)
    return company


def company_transition(
    *, company_id: int, to_status: str, actor: User | None, note: str = ""
) -> Company:
    company = _lock(company_id)
    from_status = company.verification_status
    if to_status not in COMPANY_TRANSITIONS.get(from_status, ()):
        allowed = ", ".join(company.allowed_transitions()) or "none"
        raise ConflictError(
            f"A {from_status} company cannot become {to_status} (allowed: {allowed}).",
            code=error_codes.INVALID_TRANSITION,
            extra={"allowed_transitions": company.allowed_transitions()},
        )
    company.verification_status = to_status
    if to_status == Verification.VERIFIED:
        company.verified_at = timezone.now()
        company.verified_by = actor
        company.rejection_reason = ""
    else:
        company.verified_at = None
        company.verified_by = None
        company.rejection_reason = note
    company.save()
    CompanyVerificationEvent.objects.create(
        company=company, from_status=from_status, to_status=to_status, actor=actor, note=note
    )
    audit_record(
        actor=actor,
        action=f"company.{to_status}",
        target=company,
        changes={"verification_status": [from_status, to_status]},
    )
    dispatch_on_commit(tasks.send_company_decision_email, company.pk)
    return company


@transaction.atomic
def company_verify(*, company_id: int, actor: User | None, note: str = "") -> Company:
    return company_transition(
        company_id=company_id, to_status=Verification.VERIFIED, actor=actor, note=note.strip()
    )


@transaction.atomic
def company_reject(*, company_id: int, actor: User | None, reason: str) -> Company:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(
            {
                "reason": ValidationError(
                    "Say why the company is rejected; its members receive this reason.",
                    code="required",
                )
            }
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": ValidationError(
                    f"At most {REASON_MAX_LENGTH} characters.", code="max_length"
                )
            }
        )
    return company_transition(
        company_id=company_id, to_status=Verification.REJECTED, actor=actor, note=reason
    )


@transaction.atomic
def company_members_attach(*, company_id: int, into_company_id: int, actor: User | None) -> Company:
    """Attach the members of a company registered a second time (same VAT number as a verified
    company) to the verified one, and close the duplicate as rejected. Returns the verified one.

    Both companies are locked (in id order, so two staff members cannot deadlock); the members
    move in one UPDATE; the duplicate keeps its history and says where its members went.
    """
    first, second = sorted((company_id, into_company_id))
    locked = {c.pk: c for c in (_lock(first), _lock(second))} if first != second else {}
    duplicate, target = locked.get(company_id), locked.get(into_company_id)
    if (
        duplicate is None
        or target is None
        or not target.is_verified
        or duplicate.is_verified
        or not duplicate.vat_number
        or duplicate.vat_number != target.vat_number
    ):
        raise ConflictError(
            "Only the members of an unverified company with the VAT number of a verified "
            "company can be attached to it.",
            code=error_codes.COMPANY_NOT_A_DUPLICATE,
        )
    member_ids = list(
        User.objects.select_for_update()
        .filter(company=duplicate)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    User.objects.filter(pk__in=member_ids).update(company=target)
    audit_record(
        actor=actor,
        action="company.members_attached",
        target=target,
        # The members' company, before and after; which members moved.
        changes={"members": {"ids": member_ids}, "company": [duplicate.pk, target.pk]},
    )
    if duplicate.verification_status != Verification.REJECTED:
        company_transition(
            company_id=duplicate.pk,
            to_status=Verification.REJECTED,
            actor=actor,
            note=f"Duplicate of {target.legal_name} (same VAT number): its members joined it.",
        )
    target.refresh_from_db()
    return target
