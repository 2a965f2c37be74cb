"""The witness over HTTP (C2SP tlog-witness): ``POST /add-checkpoint`` and the monitors'
``GET /<SHA-256 of the origin, hex>/checkpoint``.

A standard-library ``ThreadingHTTPServer``, not the register's FastAPI app: a witness run by
another province, a university or the press needs this package and ``cryptography`` only,
and shares nothing with the register it watches. Bodies are capped; refusals are plain text
with the spec's status (and ``text/x.tlog.size`` for a 409).
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from transparency.witness import Witness, WitnessRefusal

MOST_BODY_BYTES = 16 * 1024


def server(witness: Witness, host: str, port: int) -> ThreadingHTTPServer:
    """An HTTP server for ``witness`` bound to ``host:port`` (port 0: any free port)."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "ocop-witness"
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            """``add-checkpoint``: a cosignature, or the spec's refusal."""
            if self.path != "/add-checkpoint":
                return self.answer(404, "no such path\n")
            length = int(self.headers.get("Content-Length") or 0)
            if not 0 < length <= MOST_BODY_BYTES:
                return self.answer(400, "a body of 1 to 16384 bytes is needed\n")
            try:
                body = self.rfile.read(length).decode("utf-8")
                return self.answer(200, witness.add_checkpoint(body))
            except UnicodeDecodeError:
                return self.answer(400, "the body is not UTF-8\n")
            except WitnessRefusal as refusal:
                if refusal.status == 409:
                    return self.answer(409, refusal.body, "text/x.tlog.size")
                return self.answer(refusal.status, f"{refusal.code}: {refusal}\n")

        def do_GET(self) -> None:
            """The last cosigned checkpoint of a log, by its origin's hash."""
            parts = self.path.strip("/").split("/")
            note = witness.checkpoint(parts[0]) if len(parts) == 2 else None
            if parts[-1] != "checkpoint" or note is None:
                return self.answer(404, "no such log\n")
            return self.answer(200, note)

        def answer(self, status: int, text: str, kind: str = "text/plain; charset=utf-8") -> None:
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the command logs what it decides, not every request."""

    return ThreadingHTTPServer((host, port), Handler)


def serve_in_background(
    witness: Witness, host: str = "127.0.0.1", port: int = 0
) -> ThreadingHTTPServer:
    """Starts a witness server on a daemon thread; ``shutdown()`` stops it."""
    http = server(witness, host, port)
    threading.Thread(target=http.serve_forever, name="ocop-witness", daemon=True).start()
    return http
