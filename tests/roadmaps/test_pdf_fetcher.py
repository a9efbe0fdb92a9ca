"""WeasyPrint fetches nothing but our own static files: HTML in a measure prints as text."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from roadmaps.documents.build import build_order_document
from roadmaps.documents.pdf import BASE_URL, StaticOnlyFetcher, html_to_pdf, render_pdf
from roadmaps.services.measures import measure_create
from tests.support.documents import pdf_text, squash

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def spy_server():
    """An HTTP server on 127.0.0.1 that records every request it gets."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PNG)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


def test_the_spy_server_does_record_a_fetch(spy_server):
    """The control: a plain request reaches the spy, so zero hits below means zero fetches."""
    import urllib.request

    url, hits = spy_server
    urllib.request.urlopen(f"{url}/control.png", timeout=3).read()
    assert hits == ["/control.png"]


def test_html_in_a_measure_prints_as_text_and_fetches_nothing(seed_orders, spy_server, tmp_path):
    url, hits = spy_server
    seed, roadmap, order = seed_orders("000")
    evil = (f'<img src="{url}/img.png"> <b>жирный</b> <link rel="stylesheet" href="{url}/x.css">'
            f'<style>@import url({url}/imp.css);</style>')
    measure_create(roadmap=roadmap, text=evil, number="20", deadline_text="Июнь 2020",
                            responsible_text=f'<iframe src="{url}/frame"></iframe>',
                            acting_user=None)
    fetcher = StaticOnlyFetcher()
    text = pdf_text(render_pdf(build_order_document(order), fetcher=fetcher), tmp_path)

    assert hits == []
    assert squash(f'<img src="{url}/img.png">') in squash(text)
    assert "<b>жирный</b>" in text
    assert fetcher.refused == []  # the markup never became elements to fetch
    assert fetcher.requested == [f"{BASE_URL}static/css/order_print.css"]


def test_the_fetcher_refuses_everything_but_our_static_files(spy_server, tmp_path):
    url, hits = spy_server
    html = (f'<html><head><link rel="stylesheet" href="/static/css/order_print.css">'
            f'<link rel="stylesheet" href="{url}/remote.css"></head><body>'
            f'<img src="{url}/remote.png"><img src="file:///etc/hostname">'
            f'<img src="/static/../../config/settings.py"><img src="/media/secret.png">'
            f'<p style="background: url({url}/bg.png)">Текст</p></body></html>')
    fetcher = StaticOnlyFetcher()
    data = html_to_pdf(html, fetcher=fetcher)

    assert hits == []
    assert data.startswith(b"%PDF-")
    assert f"{url}/remote.png" in fetcher.refused
    assert f"{url}/remote.css" in fetcher.refused
    assert "file:///etc/hostname" in fetcher.refused
    assert f"{BASE_URL}static/css/order_print.css" not in fetcher.refused
    assert len(fetcher.refused) == len(fetcher.requested) - 1
