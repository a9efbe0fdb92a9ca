"""gzip for every page, fragment and other text response; files go as they are.

Django's GZipMiddleware adds random padding (a random-length file name in the gzip header,
since Django 4.2) against BREACH, on top of the per-response masking of CSRF tokens. Files
(the order's PDF, DOCX and preview PNG, the XLSX export) are compressed already or nearly
incompressible: gzipping them would cost CPU and, for a streamed file, drop its
Content-Length (no download progress), so they pass untouched.
"""
from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)
