"""The pre-2FA challenge of POST /v1/auth/token: a short-lived signed token that names the
account whose password was right. It is not an access token (its type is refused by
JWTAuthentication), so it opens no endpoint; it only goes to POST /v1/auth/token/2fa."""

from datetime import timedelta

from django.conf import settings
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import Token
from rest_framework_simplejwt.utils import get_md5_hash_password

from accounts import error_codes
from accounts.exceptions import AuthenticationError


class MfaChallengeToken(Token):
    token_type = "mfa_challenge"  # noqa: S105 - a token type name, not a secret

    @property  # type: ignore[override]  # read from settings, so tests can shorten it
    def lifetime(self) -> timedelta:
        return timedelta(seconds=settings.ACCOUNTS_MFA_CHALLENGE_SECONDS)


def challenge_issue(user) -> str:
    token = MfaChallengeToken.for_user(user)
    return str(token)


def challenge_read(raw: str) -> tuple[int, str]:
    """(user id, password hash claim) of a valid challenge, else 401 token_not_valid."""
    try:
        token = MfaChallengeToken(raw)  # type: ignore[arg-type]  # signature, type, expiry
    except TokenError as exc:
        raise AuthenticationError(
            f"Sign-in challenge refused: {exc}", code=error_codes.TOKEN_INVALID
        ) from None
    return token[api_settings.USER_ID_CLAIM], token.get(api_settings.REVOKE_TOKEN_CLAIM, "")


def challenge_matches_password(user, claim: str) -> bool:
    return claim == get_md5_hash_password(user.password)
