"""Which class serves which provider, and which provider takes each checkout payment method."""

from commerce.models import PaymentMethod, PaymentProvider
from commerce.payments.bank_transfer import BankTransferProvider
from commerce.payments.base import PaymentProviderBase
from commerce.payments.paypal_provider import PayPalProvider
from commerce.payments.stripe_provider import StripeProvider

PROVIDERS: dict[str, type[PaymentProviderBase]] = {
    PaymentProvider.STRIPE: StripeProvider,
    PaymentProvider.BANK_TRANSFER: BankTransferProvider,
    PaymentProvider.PAYPAL: PayPalProvider,
}
# The provider that takes each payment method chosen at checkout.
METHOD_PROVIDER: dict[str, str] = {
    PaymentMethod.CARD: PaymentProvider.STRIPE,
    PaymentMethod.BANK_TRANSFER: PaymentProvider.BANK_TRANSFER,
    PaymentMethod.PAYPAL: PaymentProvider.PAYPAL,
}


def provider_for(code: str) -> PaymentProviderBase:
    return PROVIDERS[code]()


def provider_for_order(order) -> PaymentProviderBase:
    return provider_for(METHOD_PROVIDER[order.payment_method])
