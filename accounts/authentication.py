"""API authentication: simplejwt's bearer tokens, the user loaded with their company.

B2B rules (verified company, VAT number for reverse charge, bank transfer) read the company on
most authenticated requests; loading it with the user saves a query each time. The checks are
simplejwt's own (user exists, is active, token not revoked by a password change), plus one:
a staff account's token must carry the claim of the second factor (accounts.mfa).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework_simplejwt import authentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed, InvalidToken
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.utils import get_md5_hash_password

from accounts import error_codes
from accounts.mfa.policy import is_api_staff, token_has_mfa, user_requires_mfa


class JWTAuthentication(authentication.JWTAuthentication):
    def get_user(self, validated_token):
        try:
            user_id = validated_token[api_settings.USER_ID_CLAIM]
        except KeyError as exc:
            raise InvalidToken(_("Token contained no recognizable user identification")) from exc
        users = self.user_model.objects.select_related("company")
        try:
            user = users.get(**{api_settings.USER_ID_FIELD: user_id})
        except self.user_model.DoesNotExist as exc:
            raise AuthenticationFailed(_("User not found"), code="user_not_found") from exc
        if api_settings.CHECK_USER_IS_ACTIVE and not user.is_active:
            raise AuthenticationFailed(_("User is inactive"), code="user_inactive")
        if api_settings.CHECK_REVOKE_TOKEN and validated_token.get(
            api_settings.REVOKE_TOKEN_CLAIM
        ) != get_md5_hash_password(user.password):
            raise AuthenticationFailed(
                _("The user's password has been changed."), code="password_changed"
            )
        if is_api_staff(user) and user_requires_mfa(user) and not token_has_mfa(validated_token):
            # A staff token issued without the second factor (or before this rule): refused on
            # every endpoint, so no admin read and no staff write can use it.
            raise AuthenticationFailed(
                _("Staff accounts need a token issued after the second factor."),
                code=error_codes.MFA_REQUIRED,
            )
        return user


class JWTAuthenticationScheme(SimpleJWTScheme):
    """The same OpenAPI security scheme as simplejwt's class (bearer JWT)."""

    target_class = "accounts.authentication.JWTAuthentication"
