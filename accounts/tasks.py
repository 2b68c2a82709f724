"""Celery tasks of the accounts app: thin wrappers around accounts.services.emails.

Recorded in the outbox with vwb_site.tasks.dispatch_on_commit, so they run only once the data
they read is committed. Each re-reads its rows and does nothing for a user or company that is
gone. Delivery is at least once: `effect_once` sends each e-mail once per outbox row.
"""

from accounts.services import emails
from vwb_site.celery_app import app
from vwb_site.outbox.services import effect_once
from vwb_site.tasks import RETRYING


@app.task(**RETRYING, name="accounts.send_welcome_email")
def send_welcome_email(self, user_id: int) -> bool | None:
    return effect_once(self, lambda: emails.welcome_email_send(user_id=user_id))


@app.task(**RETRYING, name="accounts.send_email_confirmation")
def send_email_confirmation(self, user_id: int, new_email: str | None = None) -> bool | None:
    return effect_once(
        self, lambda: emails.email_confirmation_send(user_id=user_id, new_email=new_email)
    )


@app.task(**RETRYING, name="accounts.send_password_reset_email")
def send_password_reset_email(self, user_id: int) -> bool | None:
    return effect_once(self, lambda: emails.password_reset_email_send(user_id=user_id))


@app.task(**RETRYING, name="accounts.send_company_decision_email")
def send_company_decision_email(self, company_id: int) -> int | None:
    return effect_once(self, lambda: emails.company_decision_email_send(company_id=company_id))


@app.task(**RETRYING, name="accounts.send_staff_company_pending_email")
def send_staff_company_pending_email(self, company_id: int) -> bool | None:
    return effect_once(self, lambda: emails.staff_company_pending_email_send(company_id=company_id))


# Privacy tasks live with their services; imported here so Celery's autodiscovery finds them.
from accounts.privacy.tasks import *  # noqa: E402, F403
