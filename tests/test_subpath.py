"""``build/html`` works unchanged when served from a sub-path.

A journal is often served under a path of its publisher's site
(``https://host/journal/``) rather than at a host's root. The HTML edition is
served here under ``/journal/`` on 127.0.0.1, and every link, image,
stylesheet and script of every page it reaches is followed: each must answer,
and none may leave the sub-path (a link written from the host's root would
work at the root and break here).
"""

from __future__ import annotations

import http.server
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
from lxml import html as lxml_html

from georeport.editions.build import build_html

from .conftest import ROOTS, Project

PREFIX = "/journal/"

#: Where an HTML element names another file.
_LINKS = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def _handler(root: Path) -> type[http.server.SimpleHTTPRequestHandler]:
    class UnderPrefix(http.server.SimpleHTTPRequestHandler):
        """The folder, served under ``/journal/`` only."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def translate_path(self, path: str) -> str:
            if not path.startswith(PREFIX):
                return str(root / "__outside_the_sub_path__")
            return super().translate_path("/" + path[len(PREFIX) :])

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet tests

    return UnderPrefix


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """``root`` served under the sub-path on 127.0.0.1; yield its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(root))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


def _fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            kind = response.headers.get_content_type()
            return response.status, kind, response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def _named(page_url: str, kind: str, body: bytes) -> list[tuple[str, str]]:
    """``(url, fragment)`` of every file a page or stylesheet names."""
    found = []
    if kind == "text/html":
        tree = lxml_html.fromstring(body)
        for tag, attribute in _LINKS.items():
            for element in tree.iter(tag):
                value = element.get(attribute)
                if value and not (tag == "link" and element.get("rel") == "canonical"):
                    found.append(value)
    elif kind == "text/css":
        found = _CSS_URL.findall(body.decode("utf-8", "replace"))
    pairs = []
    for value in found:
        url, fragment = urldefrag(urljoin(page_url, value))
        pairs.append((url, fragment))
    return pairs


def crawl(start: str) -> tuple[set[str], list[str]]:
    """Every URL of the site reached from ``start``, and each problem."""
    host = urlsplit(start).netloc
    seen: set[str] = set()
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []
    problems: list[str] = []
    queue = [(start, "(start)")]
    while queue:
        url, origin = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = _fetch(url)
        if status != 200:
            problems.append(f"{origin} -> {url}: HTTP {status}")
            continue
        if kind == "text/html":
            tree = lxml_html.fromstring(body)
            ids[url] = {e.get("id") for e in tree.iter() if e.get("id")}
        for target, fragment in _named(url, kind, body):
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or parts.netloc != host:
                continue  # another site: the canonical address, a DOI, a source
            if not parts.path.startswith(PREFIX):
                problems.append(f"{url}: {target} leaves the sub-path {PREFIX}")
                continue
            if fragment:
                fragments.append((url, target, unquote(fragment)))
            queue.append((target, url))
    for page, target, fragment in fragments:
        if target in ids and fragment not in ids[target]:
            problems.append(f"{page}: #{fragment} is no id of {target}")
    return seen, problems


@pytest.fixture(scope="module")
def journal_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal of three volumes, its HTML (and EPUB) edition."""
    build = tmp_path_factory.mktemp("subpath")
    build_html(ROOTS / "test-journal", build)
    return build / "html"


def test_every_link_of_a_journal_works_under_a_sub_path(journal_html: Path) -> None:
    with serve(journal_html) as base:
        reached, problems = crawl(base)
    assert problems == []
    pages = {
        p.relative_to(journal_html).as_posix() for p in journal_html.rglob("*.html")
    }
    reached_paths = {unquote(urlsplit(u).path)[len(PREFIX) :] for u in reached}
    reached_pages = {p or "index.html" for p in reached_paths}
    # every report, issue, volume and archive page is reached from the front page
    assert pages - {"genindex.html", "search.html"} <= reached_pages
    assert any(p.endswith(".epub") for p in reached_paths)
    assert any(p.endswith(".css") for p in reached_paths)


@pytest.mark.pdf
def test_the_repositorys_journal_with_its_pdfs_works_under_a_sub_path(
    journal_project: Project,
) -> None:
    with serve(journal_project.build / "html") as base:
        reached, problems = crawl(base)
    assert problems == []
    assert any(urlsplit(u).path.endswith(".pdf") for u in reached)
    assert any(urlsplit(u).path.endswith(".ris") for u in reached)


def test_the_crawl_finds_a_link_that_leaves_the_sub_path(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<a href="/index.html">root</a> <a href="missing.html">gone</a>'
        ' <a href="#nowhere">here</a>'
    )
    with serve(tmp_path) as base:
        _reached, problems = crawl(base)
    assert len(problems) == 3, problems
    assert any("leaves the sub-path" in p for p in problems)
    assert any("HTTP 404" in p for p in problems)
    assert any("#nowhere is no id" in p for p in problems)
