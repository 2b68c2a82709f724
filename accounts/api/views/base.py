"""Base view of the accounts API: service errors that need an HTTP touch."""

from rest_framework import exceptions
from rest_framework.views import APIView

from accounts.api.views.lockout import lockout_response
from accounts.exceptions import AccountLockedError, AuthenticationError


class AccountsAPIView(APIView):
    # 401s carry WWW-Authenticate, lockouts Retry-After, both in the one problem format.
    # (A comment, not a docstring: drf-spectacular would show it on every operation.)

    def get_authenticate_header(self, request):
        return 'Bearer realm="api"'

    def handle_exception(self, exc):
        if isinstance(exc, AccountLockedError):
            return lockout_response(self.request._request)
        if isinstance(exc, AuthenticationError):
            exc = exceptions.AuthenticationFailed(exc.message, code=exc.code)
        return super().handle_exception(exc)


def validated(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
