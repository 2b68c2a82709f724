"""Commerce models: shipping."""

__all__: list[str] = []
