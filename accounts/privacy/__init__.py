"""Privacy (GDPR): export, erasure, consent, retention and analytics with consent.

Each app declares its own personal data in `<app>/privacy.py` (accounts' own in
`declarations.py`), registering into `registry`: per model, how rows belong to a person and
what each text field holds, what blocks an erasure, extra erasure steps and retention rules.
Export and erasure are driven by it, and a test walks every model with a foreign key to the
user so a new personal field cannot be forgotten.
"""
