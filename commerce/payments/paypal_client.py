"""PayPal's official server SDK (`paypal-server-sdk`), configured from settings.

- The environment (sandbox or live) picks PayPal's host; `PAYPAL_BASE_URL` overrides it for every
  endpoint (a test server), through a Configuration whose base URI is that URL.
- OAuth2 client credentials: the SDK fetches and renews the token itself; the client (and so
  the token) is kept per configuration and shared with webhook verification.
- Webhook signatures: the SDK has no controller for `POST /v1/notifications/verify-webhook-
  signature`, so it is called here over HTTP with the same token and base URL.
"""

import threading

import requests
from apimatic_core.exceptions.auth_validation_exception import AuthValidationException
from django.conf import settings
from paypalserversdk.configuration import Configuration, Environment, Server
from paypalserversdk.exceptions.api_exception import ApiException
from paypalserversdk.http.auth.o_auth_2 import ClientCredentialsAuthCredentials
from paypalserversdk.paypal_serversdk_client import PaypalServersdkClient

HOSTS = {"sandbox": "https://api-m.sandbox.paypal.com", "live": "https://api-m.paypal.com"}
# What an SDK call raises when PayPal refuses (ApiException), the token cannot be had
# (AuthValidationException) or PayPal cannot be reached (requests' errors).
SDK_ERRORS = (ApiException, AuthValidationException, requests.RequestException)
# The headers PayPal signs a webhook delivery with, and the fields verification expects.
SIGNATURE_HEADERS = {
    "auth_algo": "PAYPAL-AUTH-ALGO",
    "cert_url": "PAYPAL-CERT-URL",
    "transmission_id": "PAYPAL-TRANSMISSION-ID",
    "transmission_sig": "PAYPAL-TRANSMISSION-SIG",
    "transmission_time": "PAYPAL-TRANSMISSION-TIME",
}


class PayPalUnavailable(Exception):
    """PayPal could not be reached or gave no usable answer."""


def paypal_configured() -> bool:
    """PayPal is offered only with both REST credentials."""
    return bool(settings.PAYPAL_CLIENT_ID and settings.PAYPAL_CLIENT_SECRET)


def paypal_base_url() -> str:
    base = settings.PAYPAL_BASE_URL or HOSTS.get(settings.PAYPAL_ENVIRONMENT, HOSTS["sandbox"])
    return base.rstrip("/")


class _Configuration(Configuration):
    """The SDK's configuration with one base URL for all of its servers."""

    def __init__(self, *, base_url: str, **kwargs):
        self._base_url = base_url
        super().__init__(**kwargs)

    def get_base_uri(self, server=Server.DEFAULT):
        return self._base_url


class _Session:
    """One SDK client and the OAuth token it last obtained."""

    def __init__(self, *, client_id: str, secret: str, base_url: str):
        self.token = None
        credentials = ClientCredentialsAuthCredentials(
            o_auth_client_id=client_id,
            o_auth_client_secret=secret,
            o_auth_on_token_update=self._remember,
        )
        self.client = PaypalServersdkClient(
            config=_Configuration(
                base_url=base_url,
                environment=(
                    Environment.PRODUCTION
                    if settings.PAYPAL_ENVIRONMENT == "live"
                    else Environment.SANDBOX
                ),
                client_credentials_auth_credentials=credentials,
                timeout=settings.PAYPAL_TIMEOUT_SECONDS,
                max_retries=settings.PAYPAL_MAX_NETWORK_RETRIES,
            )
        )

    def _remember(self, token) -> None:
        self.token = token

    def access_token(self) -> str:
        """A valid bearer token (fetched or renewed by the SDK's OAuth manager)."""
        manager = self.client.oauth_2
        try:
            valid = manager.is_valid()
        except SDK_ERRORS as exc:
            raise PayPalUnavailable(str(exc)) from exc
        if not valid or self.token is None:
            raise PayPalUnavailable("PayPal refused the client credentials.")
        return self.token.access_token


_sessions: dict[tuple[str, str, str], _Session] = {}
_lock = threading.Lock()


def _session() -> _Session:
    key = (settings.PAYPAL_CLIENT_ID, settings.PAYPAL_CLIENT_SECRET, paypal_base_url())
    with _lock:
        session = _sessions.get(key)
        if session is None:
            session = _sessions[key] = _Session(client_id=key[0], secret=key[1], base_url=key[2])
        return session


def paypal_client() -> PaypalServersdkClient:
    return _session().client


def paypal_forget_token() -> None:
    """Drop the cached client and its token (PayPal answered 401: the token was revoked)."""
    with _lock:
        _sessions.clear()


def paypal_reachable() -> bool:
    """True when PayPal answers a token request with our credentials (a cheap probe)."""
    try:
        _session().access_token()
    except PayPalUnavailable:
        return False
    return True


def paypal_verify_webhook(*, headers, event: dict) -> bool:
    """Ask PayPal whether `event` arrived with a valid signature for our webhook id. A missing
    header is a forgery; an unreachable PayPal raises PayPalUnavailable (PayPal retries)."""
    fields = {name: headers.get(header, "") for name, header in SIGNATURE_HEADERS.items()}
    if not all(fields.values()):
        return False
    session = _session()
    body = {**fields, "webhook_id": settings.PAYPAL_WEBHOOK_ID, "webhook_event": event}
    try:
        response = requests.post(
            f"{paypal_base_url()}/v1/notifications/verify-webhook-signature",
            json=body,
            headers={"Authorization": f"Bearer {session.access_token()}"},
            timeout=settings.PAYPAL_TIMEOUT_SECONDS,
        )
    except requests.RequestException as exc:
        raise PayPalUnavailable(str(exc)) from exc
    if response.status_code >= 500:
        raise PayPalUnavailable(f"verify-webhook-signature answered {response.status_code}")
    if response.status_code != 200:
        return False
    return response.json().get("verification_status") == "SUCCESS"
