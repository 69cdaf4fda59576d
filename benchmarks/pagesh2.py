"""The built site over HTTP/2 and TLS, as GitHub Pages serves it: for the latency benchmark.

Pages answers over HTTP/2, one connection carrying every request at once, where the
HTTP/1.0 server of ``invoke serve`` (``benchmarks.siteserver``) makes a browser queue
requests beyond six to a host. Under an emulated slow network that queue, not the
site, would decide how many round trips a page waits through, so the first-results
benchmark (``benchmarks.latency``) serves the site this way.

Rules: the replies are ``siteserver.resolve``'s (the same base path, redirects, 404
page and gzip), sent by Hypercorn over TLS with ALPN offering h2 (Chromium speaks
HTTP/2 only over TLS), with Pages' ``Cache-Control: max-age=600``, so a file
fetched once (a prefetch) is not asked for again during the page's load; the certificate is issued for 127.0.0.1 by a throwaway
certificate authority (trustme), and Chromium is told to trust it by its public key
(``chromium_args``: ``--ignore-certificate-errors-spki-list``), not to ignore HTTPS
errors: a response with a certificate error is never stored in Chromium's HTTP cache,
so a worker would fetch again every file the page had prefetched for it;
the server runs in a thread of its own with its own event loop, for the duration.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import socket
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.siteserver import LOCALHOST, normalise_base, resolve

STARTUP_SECONDS = 30
PAGES_MAX_AGE = 600  # GitHub Pages' Cache-Control: max-age=600 on every file


def pages_app(root: Path, base: str) -> Any:
    """An ASGI application answering as ``siteserver.resolve`` does."""
    base = normalise_base(base)

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        headers = dict(scope["headers"])
        target = scope["raw_path"].decode("latin-1")
        if scope.get("query_string"):
            target += "?" + scope["query_string"].decode("latin-1")
        reply = resolve(
            root, base, target, accept_gzip=b"gzip" in headers.get(b"accept-encoding", b"")
        )
        await send(
            {
                "type": "http.response.start",
                "status": int(reply.status),
                "headers": [(k.lower().encode(), v.encode()) for k, v in reply.headers],
            }
        )
        body = b"" if scope["method"] == "HEAD" else reply.body
        await send({"type": "http.response.body", "body": body})

    return app


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOCALHOST, 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving_h2(root: Path, *, base: str = "/") -> Iterator[tuple[str, list[str]]]:
    """Serve ``root`` at https://127.0.0.1:<free port><base> over HTTP/2, for the duration.

    Yields the address and the Chromium arguments that trust its certificate.
    """
    import trustme
    from hypercorn.asyncio import serve
    from hypercorn.config import Config

    authority = trustme.CA()
    certificate = authority.issue_cert(LOCALHOST, "localhost")
    port = _free_port()
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    started = threading.Event()
    with tempfile.TemporaryDirectory(prefix="pagesh2-") as folder:
        key_file, cert_file = Path(folder, "key.pem"), Path(folder, "cert.pem")
        certificate.private_key_pem.write_to_path(str(key_file))
        certificate.cert_chain_pems[0].write_to_path(str(cert_file))
        config = Config()
        config.bind = [f"{LOCALHOST}:{port}"]
        config.certfile, config.keyfile = str(cert_file), str(key_file)
        config.alpn_protocols = ["h2", "http/1.1"]
        config.accesslog = config.errorlog = None

        async def run() -> None:
            loop.call_soon(started.set)
            await serve(pages_app(root, base), config, shutdown_trigger=stop.wait)

        thread = threading.Thread(target=loop.run_until_complete, args=(run(),), daemon=True)
        thread.start()
        started.wait(STARTUP_SECONDS)
        _wait_for_port(port)
        try:
            address = f"https://{LOCALHOST}:{port}{normalise_base(base)}"
            yield address, chromium_args(certificate.cert_chain_pems[0].bytes())
        finally:
            loop.call_soon_threadsafe(stop.set)
            thread.join(STARTUP_SECONDS)


def _wait_for_port(port: int) -> None:
    """Until the server accepts connections (Hypercorn binds after the loop starts)."""
    for _ in range(300):
        try:
            socket.create_connection((LOCALHOST, port), timeout=1).close()
            return
        except OSError:
            threading.Event().wait(0.02)
    raise RuntimeError(f"the HTTP/2 server did not start on port {port}")


def chromium_args(cert_pem: bytes) -> list[str]:
    """Chromium's argument trusting the certificate by the SHA-256 of its public key."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    key = x509.load_pem_x509_certificate(cert_pem).public_key()
    spki = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    digest = base64.b64encode(hashlib.sha256(spki).digest()).decode()
    return [f"--ignore-certificate-errors-spki-list={digest}"]
