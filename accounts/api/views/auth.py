"""/v1/auth/*: registration, JWT login/refresh/logout, passwords, e-mail confirmation."""

from dataclasses import asdict

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from accounts.api.serializers.auth import (
    AuthEmailConfirmInput,
    AuthEmailConfirmOutput,
    AuthLogoutInput,
    AuthPasswordChangeInput,
    AuthPasswordResetConfirmInput,
    AuthPasswordResetInput,
    AuthRefreshInput,
    AuthRegisterInput,
    AuthRegisterOutput,
    AuthTokenInput,
    AuthTokenMfaInput,
)
from accounts.api.serializers.common import (
    AccountsDetailOutput,
    AccountsUserOutput,
    AuthTokenObtainOutput,
    AuthTokenPairOutput,
)
from accounts.api.views.base import AccountsAPIView, validated
from accounts.mfa.policy import AMR_CLAIM, token_has_mfa
from accounts.selectors import user_profile_get
from accounts.services import mfa, passwords, profiles, registration, tokens

TAGS = ["auth"]


class RegisterView(AccountsAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_scope = "register"

    @extend_schema(
        operation_id="auth_register",
        tags=TAGS,
        request=AuthRegisterInput,
        responses={201: AuthRegisterOutput},
        description="Create a B2C account, or a B2B account with its company (verification "
        "pending). Sends a welcome e-mail with an address-confirmation link. Returns the "
        "profile and a token pair: the account can log in at once.",
    )
    def post(self, request):
        data = validated(AuthRegisterInput, request.data)
        user = registration.user_register(**data)
        pair = tokens.tokens_for(user)
        body = {"user": AccountsUserOutput(user_profile_get(user_id=user.pk)).data, **asdict(pair)}
        return Response(body, status=status.HTTP_201_CREATED)


class TokenObtainView(AccountsAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_scope = "auth"

    @extend_schema(
        operation_id="auth_token_obtain",
        tags=TAGS,
        request=AuthTokenInput,
        responses={200: AuthTokenObtainOutput},
        description="E-mail and password for an access and a refresh token. Failed attempts "
        "count per account and client address pair (that account is locked for that client "
        "only) and per client address over all accounts (spraying locks the client); once "
        "locked, every attempt (even with the right password) answers 429 `account_locked` "
        "with Retry-After. Staff accounts (administrators, anyone who can open the admin) "
        "get no tokens here: the answer is `mfa_required` with a `challenge` (valid "
        "ACCOUNTS_MFA_CHALLENGE_SECONDS, 300) for POST /v1/auth/token/2fa; a staff account "
        "with no second factor yet is 403 `mfa_enrolment_required`.",
    )
    def post(self, request):
        data = validated(AuthTokenInput, request.data)
        _, result = tokens.token_obtain(request=request._request, **data)
        if isinstance(result, tokens.MfaChallenge):
            return Response({**asdict(result), "methods": list(result.methods)})
        return Response(asdict(result))


class TokenMfaView(AccountsAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_scope = "auth"

    @extend_schema(
        operation_id="auth_token_2fa",
        tags=TAGS,
        request=AuthTokenMfaInput,
        responses={200: AuthTokenPairOutput},
        description="Second step of a staff sign-in: the `challenge` of POST /v1/auth/token "
        "and either `code` (6 digits from the authenticator app) or `recovery_code` (one of "
        "the codes shown at enrolment; each works once). The pair carries the claims `amr` and "
        "`mfa`, which every staff endpoint requires. A wrong code counts as a failed login "
        "(same lockout as a wrong password: 429 `account_locked`); a code already used, even "
        "within its 30 seconds, is refused (401 `mfa_code_invalid`); an expired or forged "
        "challenge is 401 `token_not_valid`.",
    )
    def post(self, request):
        data = validated(AuthTokenMfaInput, request.data)
        _, pair = mfa.token_obtain_mfa(request=request._request, **data)
        return Response(asdict(pair))


class TokenRefreshView(AccountsAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="auth_token_refresh",
        tags=TAGS,
        request=AuthRefreshInput,
        responses={200: AuthTokenPairOutput},
        description="Exchange a refresh token for a new pair. The refresh token rotates: the "
        "one sent is blacklisted, and using it again answers 401. Used again more than "
        "ACCOUNTS_REFRESH_REUSE_GRACE_SECONDS (30) after it was rotated, it also revokes every "
        "refresh token of the account (a copy was taken).",
    )
    def post(self, request):
        data = validated(AuthRefreshInput, request.data)
        return Response(asdict(tokens.token_refresh(refresh=data["refresh"])))


class LogoutView(AccountsAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="auth_logout",
        tags=TAGS,
        request=AuthLogoutInput,
        responses={204: OpenApiResponse(description="The refresh token is blacklisted.")},
        description="Blacklist the refresh token. The access token expires on its own "
        "(minutes); clients drop it.",
    )
    def post(self, request):
        data = validated(AuthLogoutInput, request.data)
        tokens.token_revoke(refresh=data["refresh"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordChangeView(AccountsAPIView):
    permission_classes = [IsAuthenticated]
    throttle_scope = "auth"

    @extend_schema(
        operation_id="auth_password_change",
        tags=TAGS,
        request=AuthPasswordChangeInput,
        responses={200: AuthTokenPairOutput},
        description="Change the password (the current one is required). Every other session "
        "ends; the response carries a new token pair for this one.",
    )
    def post(self, request):
        data = validated(AuthPasswordChangeInput, request.data)
        amr = request.auth.get(AMR_CLAIM) if token_has_mfa(request.auth) else None
        pair = passwords.password_change(user=request.user, amr=amr, **data)
        return Response(asdict(pair))


class PasswordResetView(AccountsAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_scope = "password_reset"

    @extend_schema(
        operation_id="auth_password_reset",
        tags=TAGS,
        request=AuthPasswordResetInput,
        responses={202: AccountsDetailOutput},
        description="Mail a single-use, expiring reset link if an account has this address. "
        "The answer is the same whether or not it does.",
    )
    def post(self, request):
        data = validated(AuthPasswordResetInput, request.data)
        passwords.password_reset_request(email=data["email"])
        return Response(
            {"detail": "If an account uses this address, a reset link is on its way."},
            status=status.HTTP_202_ACCEPTED,
        )


class PasswordResetConfirmView(AccountsAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_scope = "password_reset"

    @extend_schema(
        operation_id="auth_password_reset_confirm",
        tags=TAGS,
        request=AuthPasswordResetConfirmInput,
        responses={204: OpenApiResponse(description="Password set; log in with it.")},
        description="Set a new password with the uid and token of a reset link. The link "
        "works once and expires after PASSWORD_RESET_TIMEOUT.",
    )
    def post(self, request):
        data = validated(AuthPasswordResetConfirmInput, request.data)
        passwords.password_reset_confirm(**data)
        return Response(status=status.HTTP_204_NO_CONTENT)


class EmailConfirmResendView(AccountsAPIView):
    permission_classes = [IsAuthenticated]
    throttle_scope = "email_resend"

    @extend_schema(
        operation_id="auth_email_confirm_resend",
        tags=TAGS,
        request=None,
        responses={202: AccountsDetailOutput},
        description="Mail a fresh confirmation link to the account's address (the first one "
        "expired or was lost). 409 email_already_confirmed once the address is confirmed.",
    )
    def post(self, request):
        profiles.email_confirmation_resend(user=request.user)
        return Response(
            {"detail": f"A new confirmation link is on its way to {request.user.email}."},
            status=status.HTTP_202_ACCEPTED,
        )


class EmailConfirmView(AccountsAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="auth_email_confirm",
        tags=TAGS,
        request=AuthEmailConfirmInput,
        responses={200: AuthEmailConfirmOutput},
        description="Follow an e-mail confirmation link: confirms the address, or completes a "
        "change of address requested through POST /v1/me/email.",
    )
    def post(self, request):
        data = validated(AuthEmailConfirmInput, request.data)
        user = profiles.email_confirm(token=data["token"])
        return Response({"email": user.email, "email_confirmed": user.email_confirmed})
