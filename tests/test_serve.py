"""`invoke serve` and the browser tests' server answer as GitHub Pages does for a project page.

A site of our own making (an index, a page folder, a ``.html`` file, a folder without an
index, a 404 page) served under ``/archive/``: what a reader gets for each kind of address.
"""

from __future__ import annotations

import gzip
import http.client
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from benchmarks.siteserver import normalise_base, serving
from conftest import ROOT

NOT_FOUND_BODY = "<title>Page not found</title><p>No page of the archive has this address."


def make_site(root: Path, *, with_404: bool = True) -> Path:
    (root / "about").mkdir(parents=True)
    (root / "theme" / "css").mkdir(parents=True)
    (root / "index.html").write_text("<title>Home</title><p>Latest articles", encoding="utf-8")
    (root / "about" / "index.html").write_text("<title>About</title>", encoding="utf-8")
    (root / "colophon.html").write_text("<title>Colophon</title>", encoding="utf-8")
    (root / "theme" / "css" / "site.css").write_text("body{}", encoding="utf-8")
    if with_404:
        (root / "404.html").write_text(NOT_FOUND_BODY, encoding="utf-8")
    return root


def request(url: str, path: str, method: str = "GET") -> tuple[int, dict[str, str], str]:
    """Status, headers and body of one request, redirects not followed, the path sent as is."""
    address = urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        body = response.read().decode("utf-8")
        return response.status, dict(response.getheaders()), body
    finally:
        connection.close()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    with serving(make_site(tmp_path / "site"), base="/archive/") as url:
        yield url


def test_an_existing_page_and_a_folder_page_are_served(site: str) -> None:
    assert request(site, "/archive/")[0::2] == (200, "<title>Home</title><p>Latest articles")
    assert request(site, "/archive/about/")[0::2] == (200, "<title>About</title>")
    assert request(site, "/archive/about/index.html")[0] == 200


def test_a_compressed_data_file_is_sent_as_a_gzip_file_not_as_its_content(
    tmp_path: Path,
) -> None:
    root = make_site(tmp_path / "site")
    (root / "data").mkdir()
    (root / "data" / "articles.csv.gz").write_bytes(gzip.compress(b"slug\nsummit\n", mtime=0))
    with serving(root, base="/archive/") as url:
        address = urlsplit(url)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
        connection.request(
            "GET", "/archive/data/articles.csv.gz", headers={"Accept-Encoding": "gzip"}
        )
        response = connection.getresponse()
        body = response.read()
        connection.close()
    assert response.status == 200
    assert response.getheader("Content-Type") == "application/gzip"
    assert response.getheader("Content-Encoding") is None  # a browser saves it as it is
    assert gzip.decompress(body) == b"slug\nsummit\n"


@pytest.mark.parametrize(
    "path", ["/archive/no-such-page", "/archive/2019/10/gone/", "/archive/about/x/y.html"]
)
def test_a_missing_address_under_the_sub_path_gets_the_404_page(site: str, path: str) -> None:
    status, headers, body = request(site, path)
    assert status == 404
    assert body == NOT_FOUND_BODY
    assert headers["Content-Type"].startswith("text/html")


def test_a_folder_without_its_slash_redirects_permanently(site: str) -> None:
    status, headers, _ = request(site, "/archive/about?q=kim")
    assert status == 301
    assert urlsplit(headers["Location"]).path == "/archive/about/"
    assert urlsplit(headers["Location"]).query == "q=kim"


def test_the_sub_path_without_its_slash_redirects_to_the_home_page(site: str) -> None:
    status, headers, _ = request(site, "/archive")
    assert (status, headers["Location"]) == (301, "/archive/")


def test_a_folder_without_an_index_is_missing_not_listed(site: str) -> None:
    status, _, body = request(site, "/archive/theme/css/")
    assert (status, body) == (404, NOT_FOUND_BODY)


def test_an_address_without_html_serves_the_html_file(site: str) -> None:
    assert request(site, "/archive/colophon")[0::2] == (200, "<title>Colophon</title>")


def test_outside_the_sub_path_is_a_plain_404_not_the_sites_page(site: str) -> None:
    for path in ("/", "/index.html", "/theme/css/site.css"):
        status, _, body = request(site, path)
        assert status == 404
        assert NOT_FOUND_BODY not in body


def test_a_path_climbing_out_of_the_site_finds_nothing(site: str, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("private", encoding="utf-8")
    for path in (
        "/archive/../secret.txt",
        "/archive/%2e%2e/secret.txt",
        "/archive/..%2fsecret.txt",
    ):
        status, _, body = request(site, path)
        assert status == 404 and "private" not in body


def test_head_of_a_missing_address_is_404_without_a_body(site: str) -> None:
    status, headers, body = request(site, "/archive/gone/", method="HEAD")
    assert (status, body) == (404, "")
    assert headers["Content-Length"] == str(len(NOT_FOUND_BODY))


def test_a_site_without_a_404_page_still_answers_404(tmp_path: Path) -> None:
    with serving(make_site(tmp_path, with_404=False), base="/archive/") as url:
        assert request(url, "/archive/gone/")[0] == 404


def test_served_at_the_root_by_default(tmp_path: Path) -> None:
    with serving(make_site(tmp_path)) as url:
        assert urlsplit(url).path == "/"
        assert request(url, "/about/")[0] == 200
        assert request(url, "/gone/")[0::2] == (404, NOT_FOUND_BODY)


@pytest.mark.parametrize(
    ("given", "base"),
    [
        ("", "/"),
        ("/", "/"),
        ("archive", "/archive/"),
        ("/archive", "/archive/"),
        ("/archive/", "/archive/"),
        ("//a//b/", "/a/b/"),
    ],
)
def test_a_base_path_is_written_one_way(given: str, base: str) -> None:
    assert normalise_base(given) == base


# --- invoke serve -----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, path: str) -> tuple[int, dict[str, str], str]:
    deadline = time.monotonic() + 20
    while True:
        try:
            return request(url, path)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_invoke_serve_under_a_sub_path_shows_the_404_page(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "invoke",
            "serve",
            "--port",
            str(port),
            "--output",
            str(root),
            "--base",
            "/archive/",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/archive/"
        assert url in server.stdout.readline()
        assert _wait_for(url, "/archive/2020/01/moved/")[0::2] == (404, NOT_FOUND_BODY)
        assert request(url, "/archive/")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_invoke_serve_on_a_busy_port_says_so(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "invoke",
                "serve",
                "--port",
                str(busy.getsockname()[1]),
                "--output",
                str(make_site(tmp_path)),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert "choose another with --port" in result.stderr
