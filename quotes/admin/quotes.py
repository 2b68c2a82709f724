"""Staff screens in the Wagtail admin: the queue of quotes, one quote, price-and-send, reject.

They call the same services as the API, so the rules (transition map, holds, e-mails) hold.
"""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from quotes import selectors
from quotes.admin.forms import (
    MessageForm,
    RejectForm,
    VersionForm,
    VersionLineFormSet,
    send_forms_initial,
)
from quotes.admin.page import NS, QuoteDetailView, version_pdf
from quotes.admin.queue import QuoteIndexView
from quotes.services.actions import quote_message_add, quote_reject
from quotes.services.versions import quote_version_send
from vwb_site.exceptions import ApplicationError


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


queue = _staff_only(QuoteIndexView.as_view())
queue_results = _staff_only(QuoteIndexView.as_view(results_only=True))


@_staff_only
def detail(request, pk):
    """The quote page (GET); POST: a staff reply in the thread (quote_message_add)."""
    if request.method != "POST":
        return QuoteDetailView.as_view()(request, pk=pk)
    quote = selectors.quote_get(user=request.user, quote_id=pk)
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write a message first.")
    else:
        try:
            quote_message_add(quote=quote, author=request.user, body=form.cleaned_data["body"])
        except (ApplicationError, ValidationError) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, "Message sent to the buyer.")
    return redirect(reverse(f"{NS}:detail", args=[pk]) + "#messages-section")


@_staff_only
def pdf(request, pk, number: int):
    return version_pdf(request, pk, number)


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
        form, lines = send_forms_initial(quote)
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
