from frontend_contract.tests.probe_api import broken_urlpatterns as urlpatterns

__all__ = ["urlpatterns"]
