"""Quote e-mails leave through Celery after commit: a real worker, a real SMTP server."""

import pytest

from quotes.services.actions import quote_request_changes
from quotes.services.notifications import quote_email_send
from quotes.tests.factories import request_quote, send_offer


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_request_offer_changes_accept_and_reject_emails_go_through_a_real_worker(
    celery_worker, mailbox, b2b_user, admin, barrel
):
    quote = request_quote(user=b2b_user, barrel=barrel)
    mailbox.wait_for(2, timeout=30)
    assert {m["X-Envelope-To"] for m in mailbox.messages} == {
        b2b_user.email,
        "sales@vintagewithoutborders.example",
    }
    send_offer(quote=quote, admin=admin, barrel=barrel)
    quote_request_changes(quote=quote, user=b2b_user, message="Cheaper please.")
    mailbox.wait_for(4, timeout=30)
    subjects = [m["Subject"] for m in mailbox.messages]
    assert f"Your quote {quote.number}: offer version 1" in subjects
    assert f"Quote {quote.number}: the buyer asks for changes" in subjects
    offer = next(m for m in mailbox.messages if "offer version 1" in m["Subject"])
    body = offer.get_body(preferencelist=("plain",)).get_content()
    assert "684.00 EUR" in body and "Our best price." in body
    [pdf] = list(offer.iter_attachments())
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_filename() == f"{quote.number}-v1.pdf"
    assert pdf.get_content().startswith(b"%PDF")
    changes = next(m for m in mailbox.messages if "asks for changes" in m["Subject"])
    assert "Cheaper please." in changes.get_content()


@pytest.mark.django_db
def test_each_email_is_sent_once_even_if_the_task_runs_twice(pending_quote, mailbox):
    assert quote_email_send(
        quote_id=str(pending_quote.pk), kind="request_received", audience="buyer", ref="new"
    )
    assert not quote_email_send(
        quote_id=str(pending_quote.pk), kind="request_received", audience="buyer", ref="new"
    )
    assert len(mailbox.wait_for(1)) == 1


@pytest.mark.django_db
def test_accepted_and_rejected_emails(
    b2b_user, admin, barrel, mailbox, django_capture_on_commit_callbacks
):
    from accounts.tests.factories import AddressFactory
    from quotes.services.acceptance import quote_accept
    from quotes.services.actions import quote_reject

    AddressFactory(user=b2b_user, country="FR", zip_code="33000", is_default_shipping=True)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = request_quote(user=b2b_user, barrel=barrel)
        send_offer(quote=accepted, admin=admin, barrel=barrel, days=3)
        order = quote_accept(quote=accepted, user=b2b_user)
        rejected = request_quote(user=b2b_user, barrel=barrel)
        quote_reject(quote=rejected, actor=admin, reason="No stock of that size.")
    subjects = {m["Subject"] for m in mailbox.wait_for(8)}
    assert f"Quote {accepted.number} accepted: order {order.number}" in subjects
    assert f"Quote {rejected.number} rejected" in subjects
    reject_mail = next(
        m for m in mailbox.to(b2b_user.email) if m["Subject"] == f"Quote {rejected.number} rejected"
    )
    assert "No stock of that size." in reject_mail.get_content()


@pytest.mark.django_db
def test_offer_emails_sent_late_each_show_their_own_version_and_prices(
    b2b_user, admin, barrel, mailbox, settings
):
    """The issue's reproduction: the worker paused (no fast path), offer v1 sent, changes
    asked, offer v2 sent, then the worker resumes (the relay). Two e-mails, v1 at v1's prices
    with v1's PDF, v2 at v2's."""
    from vwb_site.outbox.services import outbox_relay_batch

    settings.OUTBOX_FAST_PATH = False
    settings.OUTBOX_RELAY_GRACE_SECONDS = 0
    quote = request_quote(user=b2b_user, barrel=barrel)
    send_offer(quote=quote, admin=admin, barrel=barrel, unit_price="250.00")
    quote_request_changes(quote=quote, user=b2b_user, message="Cheaper please.")
    send_offer(quote=quote, admin=admin, barrel=barrel, unit_price="200.00")
    outbox_relay_batch()
    offers = {m["Subject"]: m for m in mailbox.wait_for(5) if "offer version" in m["Subject"]}
    v1 = offers[f"Your quote {quote.number}: offer version 1"]
    v2 = offers[f"Your quote {quote.number}: offer version 2"]
    v1_text = v1.get_body(preferencelist=("plain",)).get_content()
    v2_text = v2.get_body(preferencelist=("plain",)).get_content()
    assert "Offer version 1:" in v1_text and "684.00 EUR" in v1_text
    assert "Offer version 2:" in v2_text and "576.00 EUR" in v2_text and "684.00" not in v2_text
    assert [a.get_filename() for a in v1.iter_attachments()] == [f"{quote.number}-v1.pdf"]
    assert [a.get_filename() for a in v2.iter_attachments()] == [f"{quote.number}-v2.pdf"]
    changes = next(m for m in mailbox.messages if "asks for changes" in m["Subject"])
    assert "Cheaper please." in changes.get_content()
