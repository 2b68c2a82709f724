"""Messages sent through the storefront's contact form."""

from django.db import models

from vwb_site.core.crypto import EncryptedTextField


class ContactTopic(models.TextChoices):
    GENERAL = "general", "General question"
    BARREL = "barrel", "A barrel in the catalogue"
    SHIPPING = "shipping", "Shipping and delivery"
    B2B = "b2b", "Business (B2B) purchase"
    ORDER = "order", "An existing order"


class ContactMessage(models.Model):
    name = models.CharField(max_length=120)
    email = models.EmailField()
    company = models.CharField(max_length=160, blank=True)
    # Personal free text and phone numbers are encrypted at rest (vwb_site.core.crypto).
    phone = EncryptedTextField(max_length=40, blank=True)
    topic = models.CharField(max_length=20, choices=ContactTopic.choices)
    message = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Set once staff have been e-mailed (the task is idempotent on it).
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>: {self.get_topic_display()}"
