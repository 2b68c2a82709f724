"""Commerce models: tax."""

__all__: list[str] = []
