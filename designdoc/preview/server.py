"""The preview's HTTP server: the page, its document part and its event stream; nothing else.

It listens on 127.0.0.1 only and serves from memory: there is no route to any file, so no
request can read outside the build. Requests whose Host is not this machine are refused, so
a web page elsewhere cannot reach the preview through DNS rebinding.
"""

from __future__ import annotations

import errno
import json
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from designdoc.errors import DesignDocError
from designdoc.preview.hub import Hub

HOST = "127.0.0.1"
KEEPALIVE_S = 10.0


class PortInUseError(DesignDocError, OSError):
    def __init__(self, port: int) -> None:
        super().__init__(
            f"port {port} is in use; choose another with --port (e.g. --port {port + 1})"
        )


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # event streams never hold up the shutdown
    allow_reuse_address = True

    def __init__(
        self, port: int, hub: Hub, page: Callable[[], str], document: Callable[[], str]
    ) -> None:
        self.hub, self.page, self.document = hub, page, document
        try:
            super().__init__((HOST, port), PreviewHandler)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUseError(port) from None
            raise

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="preview-server", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self.hub.close()
        self.shutdown()
        self.server_close()


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # the terminal shows rebuilds only
        pass

    def _local(self) -> bool:
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
        return host in ("127.0.0.1", "localhost", "")

    def do_GET(self) -> None:
        if not self._local():
            self._send(HTTPStatus.FORBIDDEN, "text/plain", b"forbidden\n")
            return
        route = urlsplit(self.path).path
        if route == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self.server.page().encode())
        elif route == "/document":
            body = self.server.document().encode()
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", body)
        elif route == "/state":
            _, message = self.server.hub.latest()
            self._send(HTTPStatus.OK, "application/json", json.dumps(message).encode())
        elif route == "/events":
            self._events()
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain", b"not found\n")

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """Server-Sent Events: the latest state at once, then each newer one as it comes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        hub = self.server.hub
        seen, message = hub.latest()
        try:
            self._event(message)
            while not hub.closed:
                newer = hub.wait_newer(seen, KEEPALIVE_S)
                if newer is None:
                    self.wfile.write(b": keepalive\n\n")
                else:
                    seen, message = newer
                    self._event(message)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return  # the page went away

    def _event(self, message: dict[str, Any]) -> None:
        data = json.dumps(message, ensure_ascii=True)
        self.wfile.write(f"event: state\ndata: {data}\n\n".encode())
        self.wfile.flush()
