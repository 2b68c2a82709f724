"""Writes of the quotes app: requests, versions (offers), holds, acceptance, expiry."""
