"""Errors of the accounts app that have no generic equivalent in vwb_site.exceptions."""

from vwb_site.exceptions import ApplicationError


class AuthenticationError(ApplicationError):
    """Credentials or token refused (401). The API layer adds the WWW-Authenticate header."""

    status_code = 401
    default_code = "not_authenticated"


class AccountLockedError(ApplicationError):
    """Too many failed logins for this account or this client address (django-axes)."""

    status_code = 429
    default_code = "account_locked"
