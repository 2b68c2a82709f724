"""The registry of carrier adapters: `Carrier.adapter` (CarrierAdapterKind) -> its class."""

from commerce.models import Carrier, CarrierAdapterKind
from commerce.shipping import error_codes
from commerce.shipping.carriers import CarrierAdapter, ManualCarrier
from commerce.shipping.easypost_carrier import EasyPostCarrier
from vwb_site.exceptions import ApplicationError

ADAPTERS: dict[str, type[CarrierAdapter]] = {
    CarrierAdapterKind.MANUAL: ManualCarrier,
    CarrierAdapterKind.EASYPOST: EasyPostCarrier,
}


def adapter_for(carrier: Carrier) -> CarrierAdapter:
    try:
        return ADAPTERS[carrier.adapter](carrier)
    except KeyError as exc:
        raise ApplicationError(
            f"Carrier {carrier.code} uses an unknown adapter {carrier.adapter!r}.",
            code=error_codes.UNKNOWN_CARRIER,
        ) from exc
