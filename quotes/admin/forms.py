"""The forms of the quote page: send an offer (a version and its lines), reject, reply."""

from django import forms
from django.utils import timezone

from catalog.models import Barrel, BarrelStatus
from commerce.models import PaymentTerms


class VersionForm(forms.Form):
    valid_until = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    payment_terms = forms.ChoiceField(choices=PaymentTerms.choices)
    freight_method_code = forms.CharField(
        required=False, help_text="Shipping method code; empty: the cheapest rate."
    )
    freight_amount = forms.DecimalField(
        required=False,
        decimal_places=2,
        max_digits=12,
        help_text="Overrides the rate (EUR excl. VAT).",
    )
    holds_stock = forms.BooleanField(required=False, help_text="Hold the barrels until validity.")
    message = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class VersionLineForm(forms.Form):
    barrel = forms.ModelChoiceField(
        queryset=Barrel.objects.filter(status=BarrelStatus.ACTIVE).order_by("name"),
        to_field_name="slug",
    )
    quantity = forms.IntegerField(min_value=1)
    unit_price = forms.DecimalField(
        required=False, decimal_places=2, max_digits=12, help_text="Empty: the B2B list price."
    )
    discount_percent = forms.DecimalField(required=False, decimal_places=2, max_digits=6)


VersionLineFormSet = forms.formset_factory(VersionLineForm, extra=2, can_delete=True)


class RejectForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))


class MessageForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Message to buyer")


def _last_version(quote):
    """The current version, from the prefetched versions when they are there (its lines and
    barrels come with them), else the row itself."""
    for version in quote.versions.all():
        if version.pk == quote.current_version_id:
            return version
    return quote.current_version


def _initial_lines(quote) -> list[dict]:
    source = _last_version(quote) if quote.current_version_id else None
    if source is not None:
        return [
            {
                "barrel": line.barrel.slug,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "discount_percent": line.discount_percent,
            }
            for line in source.lines.all()
        ]
    return [
        {"barrel": line["barrel"], "quantity": line["quantity"]}
        for line in quote.requested_items.get("lines", [])
    ]


def send_forms_initial(quote):
    """The send-offer form and its lines, started from the last version (else the request)."""
    previous = quote.current_version
    form = VersionForm(
        initial={
            "valid_until": timezone.localdate() + timezone.timedelta(days=14),
            "payment_terms": previous.payment_terms if previous else PaymentTerms.BANK_TRANSFER,
            "freight_method_code": previous.freight_method_code if previous else "",
            "freight_amount": previous.freight_amount
            if previous and previous.freight_overridden
            else None,
            "holds_stock": previous.holds_stock if previous else False,
        }
    )
    lines = VersionLineFormSet(initial=_initial_lines(quote), prefix="lines")
    # Every line's barrel menu lists the same barrels: read them once, not once per line.
    choices = list(lines.empty_form.fields["barrel"].choices)
    for line_form in lines.forms:
        line_form.fields["barrel"].choices = choices
    return form, lines
