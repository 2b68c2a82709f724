"""Renderers for the API's file downloads.

A download view answers with its own `HttpResponse`/`FileResponse`, so these renderers only take
part in content negotiation: they let a client that sends `Accept: application/pdf` (or zip)
reach the view instead of getting 406. Errors never pass through them: the exception handler
answers with a problem+json `JsonResponse` whatever the client accepts.
"""

from rest_framework import renderers


class BinaryRenderer(renderers.BaseRenderer):
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes | bytearray):
            return data
        # A JSON answer of a download view (202 with a job) to a client that accepts only the
        # file type: JSON, labelled as such, rather than a crash or a 406.
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return renderers.JSONRenderer().render(data, "application/json", renderer_context)


class PDFRenderer(BinaryRenderer):
    media_type = "application/pdf"
    format = "pdf"


class ZipRenderer(BinaryRenderer):
    media_type = "application/zip"
    format = "zip"


# JSON first: a client that accepts anything gets JSON for the non-file answers (202 jobs).
PDF_DOWNLOAD = [renderers.JSONRenderer, PDFRenderer]
ZIP_DOWNLOAD = [renderers.JSONRenderer, ZipRenderer]
