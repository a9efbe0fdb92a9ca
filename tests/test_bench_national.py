"""scripts/bench_national.py still runs: its command line, the bare table it times against the
order, and the load runner (against a tiny HTTP server on the loopback, bounded by count)."""
import http.server
import importlib.util
import subprocess
import sys
import threading
from pathlib import Path

from roadmaps.documents.data import TableRow

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_national", ROOT / "scripts" / "bench_national.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_its_command_line_answers():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_national.py"), "--help"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "--rebuild" in done.stdout and "--parts" in done.stdout


def test_the_bare_table_has_every_row_escaped():
    rows = [TableRow(is_section=True, number="1.", text="Раздел <1>"),
            TableRow(is_section=False, number="1.1", text="Семинар & консультации",
                     deadline_text="Май 2026", responsible="МКУ ЦИМО", result="Справка")]
    html = _bench().bare_table_html(rows)
    assert html.count("<tr>") == 2 and "Раздел &lt;1&gt;" in html and "&amp; консультации" in html
    assert "A4 landscape" in html


def test_the_load_runner_counts_answers_and_errors_and_stops_at_its_bound():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            ok = "sessionid=good" in self.headers.get("Cookie", "")
            self.send_response(200 if ok else 403)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        got = _bench().load_run(server.server_address[1], ["good", "good", "bad"], ["/", "/x/"],
                                pause=0, seconds=10, max_requests=60)
    finally:
        server.shutdown()
        server.server_close()
    assert 60 <= got["ok"] + len(got["errors"]) <= 63  # each session checks the bound first
    # which session gets more turns is up to the threads: both kinds are counted, apart
    assert got["ok"] > 0 and got["errors"] and set(got["errors"]) == {"403"}
