"""The forms of the order page's actions (each in a dialog of commerce/admin/order_page.py)."""

from decimal import Decimal

from django import forms

from commerce.models import Carrier, CarrierAdapterKind


def _carrier_choices() -> list[tuple[str, str]]:
    """Active carriers, each with its adapter (manual, or the carrier API that books labels)."""
    return [
        (code, f"{name} ({CarrierAdapterKind(adapter).label.split(' (')[0]})")
        for code, name, adapter in Carrier.objects.filter(active=True).values_list(
            "code", "name", "adapter"
        )
    ]


class ShipForm(forms.Form):
    carrier_code = forms.ChoiceField(label="Carrier", choices=())
    tracking_number = forms.CharField(
        max_length=64,
        required=False,
        help_text="Required for a manual carrier. A carrier API (EasyPost) buys the label "
        "chosen at checkout and returns its tracking number.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carrier_code"].choices = _carrier_choices()


class NoteForm(forms.Form):
    note = forms.CharField(max_length=500, required=False, label="Note")

    def __init__(self, *args, label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["note"].label = label


class AmountForm(forms.Form):
    amount = forms.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0.01"))
    note = forms.CharField(max_length=500, required=False, label="Reason / reference")

    def __init__(self, *args, note_label: str = "", max_amount: Decimal | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if note_label:
            self.fields["note"].label = note_label
        if max_amount is not None:
            self.fields["amount"].widget.attrs["max"] = str(max_amount)
