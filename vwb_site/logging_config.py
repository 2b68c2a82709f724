"""Structured logging: one JSON line per event, stdlib and structlog alike.

Every line carries the request id bound by `RequestIdMiddleware` (and by the Celery signal
handlers in `vwb_site.celery_app` inside tasks) through structlog's context variables.
"""

import logging

import structlog

SHARED_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    structlog.processors.StackInfoRenderer(),
]


def logging_dict(*, level: str, json_output: bool) -> dict:
    """The `LOGGING` setting; also configures structlog to hand its events to stdlib."""
    structlog.configure(
        processors=[
            # First: an event below the level is dropped before anything is computed for it
            # (context merge, ISO timestamp), which a request's debug and info lines otherwise
            # paid for even when LOG_LEVEL hides them.
            structlog.stdlib.filter_by_level,
            *SHARED_PROCESSORS,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    renderer = (
        structlog.processors.JSONRenderer()
        if json_output
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structured": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.format_exc_info,
                    renderer,
                ],
                "foreign_pre_chain": SHARED_PROCESSORS,
            }
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "structured"},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.server": {"level": "WARNING"},
            # Request errors are logged once, by our exception handler, with the request id.
            "django.request": {"level": "ERROR"},
            "django.db.backends": {"level": "INFO"},
            "celery": {"level": level},
        },
    }


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    return structlog.get_logger(name)


__all__ = ["get_logger", "logging", "logging_dict"]
