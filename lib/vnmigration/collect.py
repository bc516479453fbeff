"""Collect web pages from a list of URLs into a corpus folder, each page with a sidecar that keeps its provenance.

`python -m vnmigration collect URLS.txt --out DIR` fetches every URL with trafilatura's fetcher (urllib3 behind it,
which retries 429 and 5xx answers with a back-off), asks each site's robots.txt first, waits `delay` seconds
between two requests to one host, and retries a URL that got no answer at all. Each page is saved as
`DIR/<host>-<slug>-<hash>.html` beside a sidecar `<same name>.json`:

    {"url": ..., "final_url": ..., "status": 200, "fetched_at": "2026-12-06T05:40:00Z", "page": "<name>.html",
     "reason": null, "bytes": 48213, "sha256": ...}

A URL that fails keeps its sidecar, with `page: null` and the reason, so the corpus reader reports it as a
`fetch-failed` problem: no URL is lost. A URL whose page is already saved is not fetched again (the cache is
the folder itself); a failed one is tried again on the next run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import pandas as pd

from .persons import fold_diacritics

SIDECAR_SUFFIX = ".json"
USER_AGENT = "vnmigration-collect/0.1 (research corpus; polite, honours robots.txt)"
COLLECT_COLUMNS = ["url", "file", "status", "reason", "cached"]


def read_urls(path: str | Path) -> list[str]:
    """The URLs of a list file, one a line, in order and once each; blank lines and `# comments` are skipped.

    "https://a.org/x\\n# seen\\n\\nhttps://a.org/x" -> ["https://a.org/x"]

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "urls.txt"
    >>> _ = f.write_text("https://iom.int/news/a\\n# later\\n\\nhttps://iom.int/news/a\\n")
    >>> read_urls(f)
    ['https://iom.int/news/a']
    """
    lines = (line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines())
    return list(dict.fromkeys(line for line in lines if line and not line.startswith("#")))


def page_name(url: str) -> str:
    """A stable, readable file stem for a URL: host, the last words of its path, and a hash that keeps it unique.

    >>> page_name("https://www.iom.int/news/viet-nam-và-iom-hop-tac?x=1")
    'iom.int-news-viet-nam-va-iom-hop-tac-72c35440'
    >>> page_name("http://127.0.0.1:8765/news/returnees.html")
    '127.0.0.1-news-returnees-b70bfc7a'
    """
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.").split(":")[0]
    path = re.sub(r"\.(?:html?|php|aspx?)$", "", parts.path, flags=re.IGNORECASE)  # the page's name, not its type
    slug = re.sub(r"[^a-z0-9]+", "-", fold_diacritics(path).lower()).strip("-")[-60:].strip("-")
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return "-".join(x for x in (host, slug, digest) if x)


@dataclass(frozen=True)
class Fetched:
    """One answer: `Fetched(200, "https://a.org/x", b"<html>...", None)`; a URL with no answer has status None."""

    status: int | None
    final_url: str | None
    data: bytes | None
    reason: str | None


def trafilatura_fetcher(timeout: int = 30, allow_private: bool = False) -> Callable[[str], Fetched]:
    """A fetch function on trafilatura's downloader; `allow_private` lets it reach a local test server.

    >>> fetch = trafilatura_fetcher(timeout=1)
    >>> fetch("http://127.0.0.1:9/").status is None  # SSRF protection: a private address is refused
    True
    """
    from trafilatura import downloads
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(timeout))
    config.set("DEFAULT", "USER_AGENTS", USER_AGENT)
    config.set("DEFAULT", "SSRF_PROTECTION", "off" if allow_private else "on")

    def fetch(url: str) -> Fetched:
        """Fetch one URL; the reason of a failure is what the downloader logged."""
        said = _LastError()
        downloads.LOGGER.addHandler(said)
        try:
            response = downloads.fetch_response(url, config=config)
        finally:
            downloads.LOGGER.removeHandler(said)
        if response is None:
            return Fetched(None, None, None, said.message or "no answer")
        return Fetched(response.status, response.url, response.data, None)

    return fetch


class _LastError(logging.Handler):
    """Keeps the last error a logger reports: the downloader logs why a request failed instead of raising."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.message: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        """Remember the message, cut to one line."""
        self.message = record.getMessage().splitlines()[0][:300]


class Politeness:
    """Robots.txt answers per host and the time of each host's last request, so that a host is asked at most once
    every `delay` seconds and never for a path its robots.txt disallows."""

    def __init__(self, fetch: Callable[[str], Fetched], delay: float):
        self.fetch, self.delay = fetch, delay
        self.robots: dict[str, RobotFileParser | None] = {}
        self.last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        """Sleep until `delay` seconds have passed since this host's last request."""
        host = urlsplit(url).netloc
        pause = self.last.get(host, -float("inf")) + self.delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        self.last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets this collector fetch `url`; no robots.txt allows everything."""
        parts = urlsplit(url)
        if parts.netloc not in self.robots:
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            self.wait(robots_url)
            answer = self.fetch(robots_url)
            rules = None
            if answer.status == 200 and answer.data is not None:
                rules = RobotFileParser(robots_url)
                rules.parse(answer.data.decode("utf-8", "replace").splitlines())
            self.robots[parts.netloc] = rules
        rules = self.robots[parts.netloc]
        return rules is None or rules.can_fetch(USER_AGENT, url)


def read_sidecar(path: str | Path) -> dict | None:
    """A collector's sidecar as a dict, or None if the file is no sidecar (not JSON, or no `url` and `status`).

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "a.json"
    >>> _ = f.write_text('{"url": "https://a.org/x", "status": 404, "page": null, "reason": "HTTP 404"}')
    >>> read_sidecar(f)["reason"]
    'HTTP 404'
    """
    try:
        found = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return found if isinstance(found, dict) and {"url", "status"} <= found.keys() else None


def _saved(out: Path, stem: str) -> dict | None:
    """The sidecar of a page an earlier run saved (it names a page file that exists), else None."""
    sidecar = read_sidecar(out / f"{stem}{SIDECAR_SUFFIX}")
    return sidecar if sidecar and sidecar.get("page") and (out / sidecar["page"]).is_file() else None


def fetch_one(url: str, polite: Politeness, retries: int) -> Fetched:
    """One URL fetched politely: refused by robots.txt, or tried up to 1 + `retries` times while no answer comes."""
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        return Fetched(None, None, None, "not an http(s) URL")
    if not polite.allowed(url):
        return Fetched(None, None, None, "robots.txt disallows it")
    for attempt in range(retries + 1):
        polite.wait(url)
        answer = polite.fetch(url)
        if answer.status is not None:
            break
        if attempt < retries:
            time.sleep(polite.delay * (attempt + 1))
    if answer.status is not None and answer.status >= 400:
        return Fetched(answer.status, answer.final_url, None, f"HTTP {answer.status}")
    if answer.status is not None and not answer.data:
        return Fetched(answer.status, answer.final_url, None, "empty answer")
    return answer


def save(out: Path, url: str, answer: Fetched) -> dict:
    """Write the page (if any) and its sidecar; returns the sidecar."""
    stem = page_name(url)
    page = f"{stem}.html" if answer.reason is None else None
    if page is not None:
        (out / page).write_bytes(answer.data)
    sidecar = {"url": url, "final_url": answer.final_url, "status": answer.status,
               "fetched_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "page": page, "reason": answer.reason,
               "bytes": len(answer.data) if page else 0,
               "sha256": hashlib.sha256(answer.data).hexdigest() if page else None}
    (out / f"{stem}{SIDECAR_SUFFIX}").write_text(json.dumps(sidecar, ensure_ascii=False, indent=1), encoding="utf-8")
    return sidecar


def collect(urls: Iterable[str], out: str | Path, delay: float = 1.0, retries: int = 2, timeout: int = 30,
            fetch: Callable[[str], Fetched] | None = None, progress: bool | None = None) -> pd.DataFrame:
    """Fetch every URL into `out` (pages and sidecars) and return one row per URL: url, file, status, reason, cached.

    ["https://a.org/x"] -> a.org-x-<hash>.html and .json in `out`; a failure is a row with its reason.
    `fetch` replaces trafilatura's fetcher (tests serve constructed pages); `progress` shows a tqdm bar
    (default: when the output is a terminal).
    """
    from tqdm.auto import tqdm

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    polite = Politeness(fetch or trafilatura_fetcher(timeout), delay)
    rows = []
    for url in tqdm(list(urls), desc="collect", unit="page", disable=None if progress is None else not progress):
        stem = page_name(url)
        cached = _saved(out, stem)
        sidecar = cached or save(out, url, fetch_one(url, polite, retries))
        rows.append((url, sidecar["page"] or f"{stem}{SIDECAR_SUFFIX}", sidecar["status"], sidecar["reason"],
                     cached is not None))
    return pd.DataFrame(rows, columns=COLLECT_COLUMNS).astype({"status": "Int64", "reason": "string"})
