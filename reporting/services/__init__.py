"""Writes and computations of the reporting app: rendering, report jobs, scheduled mail."""
