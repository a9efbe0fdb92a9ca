"""An upload handler that stops a file the moment it passes the cap, before it is written
anywhere (settings.UPLOAD_FILE_MAX_BYTES). It runs first, ahead of Django's memory and
temporary-file handlers; the request-size cap (core.middleware.RequestLimitsMiddleware)
refuses most oversized requests earlier, by their Content-Length, and this one holds when
the length is absent or wrong."""
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


class FileSizeCapUploadHandler(FileUploadHandler):
    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.UPLOAD_FILE_MAX_BYTES:
            raise RequestDataTooBig(
                f"An uploaded file exceeded UPLOAD_FILE_MAX_BYTES ({settings.UPLOAD_FILE_MAX_BYTES})."
            )
        return raw_data  # passed on, untouched, to the handlers that store it

    def file_complete(self, file_size):
        return None  # the next handler makes the file
