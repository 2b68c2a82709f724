"""Privacy (GDPR): export, erasure, consent, retention and analytics with consent.

`registry.PERSONAL_DATA` says, per model, how rows belong to a person and what each text
field holds; export and erasure are driven by it, and a test walks every model with a
foreign key to the user so a new personal field cannot be forgotten.
"""
