"""Staff screens in the Wagtail admin: the queue of quotes, one quote, price-and-send, reject.

They call the same services as the API, so the rules (transition map, holds, e-mails) hold.
"""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from catalog.models import Barrel, BarrelStatus
from commerce.models import PaymentTerms
from quotes import selectors
from quotes.models import QuoteStatus
from quotes.services.actions import quote_message_add, quote_reject
from quotes.services.versions import quote_version_send
from vwb_site.exceptions import ApplicationError

NS = "quotes_admin"


def may_open(user) -> bool:
    """Who works the quote queue: administrators (the menu entry hides from everyone else)."""
    return bool(getattr(user, "is_admin", False))


def _staff_only(view):
    def wrapped(request, *args, **kwargs):
        if not may_open(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ApplicationError):
        details = "; ".join(e["message"] for e in exc.errors if e.get("message"))
        return (
            f"{exc.message} {details}".strip()
            if details and details not in exc.message
            else exc.message
        )
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return str(exc)


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


@_staff_only
def queue(request):
    status = request.GET.get("status", QuoteStatus.PENDING)
    if status == "all":
        quotes = selectors.quote_list(user=request.user)
    elif status == QuoteStatus.PENDING:
        quotes = selectors.quote_pending_queue()
    else:
        quotes = selectors.quote_list(user=request.user, status=status)
    return render(
        request,
        "quotes/admin/queue.html",
        {
            "quotes": quotes[:200],
            "status": status,
            "statuses": QuoteStatus.choices,
            "header_title": "Quotes",
            "page_title": "Quotes",
        },
    )


@_staff_only
def detail(request, pk):
    quote = selectors.quote_get(user=request.user, quote_id=pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            quote_message_add(quote=quote, author=request.user, body=form.cleaned_data["body"])
        except (ApplicationError, ValidationError) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, "Message added.")
        return redirect(reverse(f"{NS}:detail", args=[pk]))
    return render(
        request,
        "quotes/admin/detail.html",
        {
            "quote": quote,
            "message_form": form,
            "actions": quote.allowed_actions(request.user),
            "header_title": f"Quote {quote.number}",
            "page_title": f"Quote {quote.number}",
        },
    )


def _initial_lines(quote) -> list[dict]:
    source = quote.current_version
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


@_staff_only
def send_version(request, pk):
    quote = selectors.quote_get(user=request.user, quote_id=pk)
    if request.method == "POST":
        form = VersionForm(request.POST)
        lines = VersionLineFormSet(request.POST, prefix="lines")
        if form.is_valid() and lines.is_valid():
            data = form.cleaned_data
            try:
                version = quote_version_send(
                    quote=quote,
                    actor=request.user,
                    lines=[
                        {
                            "barrel": f["barrel"].slug,
                            "quantity": f["quantity"],
                            "unit_price": f.get("unit_price"),
                            "discount_percent": f.get("discount_percent"),
                        }
                        for f in lines.cleaned_data
                        if f and not f.get("DELETE")
                    ],
                    valid_until=data["valid_until"],
                    payment_terms=data["payment_terms"],
                    freight_method_code=data["freight_method_code"],
                    freight_amount=data["freight_amount"],
                    message=data["message"],
                    holds_stock=data["holds_stock"],
                )
            except (ApplicationError, ValidationError) as exc:
                messages.error(request, _error_text(exc))
            else:
                messages.success(
                    request, f"Version {version.number} sent: {version.total} {version.currency}."
                )
                return redirect(reverse(f"{NS}:detail", args=[pk]))
    else:
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
    return render(
        request,
        "quotes/admin/send_version.html",
        {
            "quote": quote,
            "form": form,
            "lines": lines,
            "zero": Decimal("0"),
            "header_title": f"Price and send {quote.number}",
            "page_title": f"Price and send {quote.number}",
        },
    )


@_staff_only
def reject(request, pk):
    quote = selectors.quote_get(user=request.user, quote_id=pk)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            quote_reject(quote=quote, actor=request.user, reason=form.cleaned_data["reason"])
        except (ApplicationError, ValidationError) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, f"Quote {quote.number} rejected.")
            return redirect(reverse(f"{NS}:detail", args=[pk]))
    return render(
        request,
        "quotes/admin/reject.html",
        {
            "quote": quote,
            "form": form,
            "header_title": f"Reject {quote.number}",
            "page_title": f"Reject {quote.number}",
        },
    )
