"""The declared map is the whole truth: every allowed change works, every other one is refused."""

import itertools

import pytest

from quotes import error_codes
from quotes.models import TRANSITIONS, QuoteStatus, QuoteStatusHistory
from quotes.services.transitions import quote_transition
from vwb_site.exceptions import ConflictError

pytestmark = pytest.mark.django_db

ALL = list(QuoteStatus.values)
ALLOWED = [(a, b) for a in ALL for b in sorted(TRANSITIONS[a])]
REFUSED = [(a, b) for a, b in itertools.product(ALL, ALL) if b not in TRANSITIONS[a]]


def _force(quote, status):
    type(quote).objects.filter(pk=quote.pk).update(status=status)
    quote.refresh_from_db()
    return quote


def test_the_map_matches_the_workflow_of_the_issue():
    assert {
        "pending": {"approved", "rejected", "cancelled"},
        "approved": {"accepted", "rejected", "pending", "expired"},
        "accepted": set(),
        "rejected": set(),
        "expired": set(),
        "cancelled": set(),
    } == TRANSITIONS


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED)
def test_every_allowed_transition_changes_the_status_and_writes_history(
    pending_quote, admin, from_status, to_status
):
    quote = _force(pending_quote, from_status)
    before = QuoteStatusHistory.objects.filter(quote=quote).count()
    result = quote_transition(quote=quote, to_status=to_status, actor=admin, note="why")
    assert result.status == to_status
    quote.refresh_from_db()
    assert quote.status == to_status
    entry = quote.history.order_by("-id").first()
    assert (entry.from_status, entry.to_status, entry.actor, entry.note) == (
        from_status,
        to_status,
        admin,
        "why",
    )
    assert quote.history.count() == before + 1


@pytest.mark.parametrize(("from_status", "to_status"), REFUSED)
def test_every_transition_outside_the_map_is_refused_and_changes_nothing(
    pending_quote, admin, from_status, to_status
):
    quote = _force(pending_quote, from_status)
    before = QuoteStatusHistory.objects.filter(quote=quote).count()
    with pytest.raises(ConflictError) as caught:
        quote_transition(quote=quote, to_status=to_status, actor=admin)
    assert caught.value.code == error_codes.TRANSITION_NOT_ALLOWED
    assert caught.value.extra["allowed_transitions"] == sorted(TRANSITIONS[from_status])
    quote.refresh_from_db()
    assert quote.status == from_status
    assert quote.history.count() == before


def test_allowed_actions_depend_on_who_asks(pending_quote, admin, b2b_user, b2c_user):
    assert pending_quote.allowed_actions(b2b_user) == ["cancel", "message"]
    assert pending_quote.allowed_actions(admin) == ["message", "reject", "send_version"]
    assert pending_quote.allowed_actions(b2c_user) == []
    _force(pending_quote, "approved")
    assert pending_quote.allowed_actions(b2b_user) == [
        "accept",
        "decline",
        "message",
        "request_changes",
    ]
    assert pending_quote.allowed_actions(admin) == ["message", "reject"]
    _force(pending_quote, "accepted")
    assert pending_quote.allowed_actions(b2b_user) == []
