"""Commerce models: payments."""

__all__: list[str] = []
