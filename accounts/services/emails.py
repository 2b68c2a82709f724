"""Account e-mails (plain text + HTML) and the signed links they carry.

Called by the Celery tasks in accounts/tasks.py, never inline from a request: the services that
trigger them dispatch the task on commit. Links are built here, in the worker, so no token ever
travels through the broker.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Company, Role, User
from accounts.selectors import company_verified_twin

EMAIL_TOKEN_SALT = "accounts.email-confirmation"  # noqa: S105 - a namespace, not a secret


def email_token_make(*, user: User, email: str | None = None, signer=None) -> str:
    """A signed token proving control of `email` (the current address, or a new one).

    It names the address the account had when it was made, so it is spent once the e-mail
    changes; it expires after ACCOUNTS_EMAIL_CONFIRMATION_MAX_AGE seconds.
    """
    signer = signer or signing.TimestampSigner(salt=EMAIL_TOKEN_SALT)
    payload = {"u": user.pk, "e": (email or user.email).lower(), "c": user.email.lower()}
    return signer.sign_object(payload, compress=True)


def email_token_read(token: str) -> dict:
    """The payload of a valid token; raises signing.BadSignature (or SignatureExpired)."""
    signer = signing.TimestampSigner(salt=EMAIL_TOKEN_SALT)
    return signer.unsign_object(token, max_age=settings.ACCOUNTS_EMAIL_CONFIRMATION_MAX_AGE)


def password_reset_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.ACCOUNTS_PASSWORD_RESET_URL.format(uid=uid, token=token)


def email_confirmation_link(user: User, email: str | None = None) -> str:
    token = email_token_make(user=user, email=email)
    return settings.ACCOUNTS_EMAIL_CONFIRM_URL.format(token=token)


def send_templated(*, to: list[str], template: str, context: dict) -> None:
    context = {
        "site_name": settings.SITE_NAME,
        "frontend_url": settings.FRONTEND_BASE_URL,
        **context,
    }
    subject = " ".join(render_to_string(f"accounts/email/{template}_subject.txt", context).split())
    text = render_to_string(f"accounts/email/{template}.txt", context)
    html = render_to_string(f"accounts/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    message.attach_alternative(html, "text/html")
    message.send()


def welcome_email_send(*, user_id: int) -> bool:
    user = User.objects.select_related("company").filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    send_templated(
        to=[user.email],
        template="welcome",
        context={
            "user": user,
            "confirm_url": email_confirmation_link(user),
            "is_b2b": user.role == Role.B2B,
            "company": user.company,
            "max_age_days": settings.ACCOUNTS_EMAIL_CONFIRMATION_MAX_AGE // 86400,
        },
    )
    return True


def email_confirmation_send(*, user_id: int, new_email: str | None = None) -> bool:
    """A confirmation link for the current address, or for the new one of an e-mail change."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    target = (new_email or user.email).lower()
    send_templated(
        to=[target],
        template="email_confirm",
        context={
            "user": user,
            "new_email": target,
            "is_change": target != user.email.lower(),
            "confirm_url": email_confirmation_link(user, target),
            "max_age_days": settings.ACCOUNTS_EMAIL_CONFIRMATION_MAX_AGE // 86400,
        },
    )
    return True


def password_reset_email_send(*, user_id: int) -> bool:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    send_templated(
        to=[user.email],
        template="password_reset",
        context={
            "user": user,
            "reset_url": password_reset_link(user),
            "valid_minutes": settings.PASSWORD_RESET_TIMEOUT // 60,
        },
    )
    return True


def company_decision_email_send(*, company_id: int) -> int:
    """Tell the members of a company that it was verified or rejected."""
    company = Company.objects.filter(pk=company_id).first()
    if company is None or company.verification_status == Company.Verification.PENDING:
        return 0
    members = list(company.members.filter(is_active=True).values_list("email", flat=True))
    if members:
        send_templated(
            to=members,
            template="company_decision",
            context={
                "company": company,
                "verified": company.is_verified,
            },
        )
    return len(members)


def staff_company_pending_email_send(*, company_id: int) -> bool:
    """Tell the sales team that a new B2B company waits for verification."""
    company = Company.objects.filter(pk=company_id).first()
    if company is None or not settings.STAFF_NOTIFICATION_EMAILS:
        return False
    send_templated(
        to=list(settings.STAFF_NOTIFICATION_EMAILS),
        template="staff_company_pending",
        context={
            "company": company,
            "verified_twin": company_verified_twin(company=company),
            "admin_url": settings.WAGTAILADMIN_BASE_URL,
        },
    )
    return True
