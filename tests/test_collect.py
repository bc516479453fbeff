"""Collecting pages by URL: a local http.server serves constructed pages; no test touches the internet."""

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

import vnmigration as vn
from vnmigration.__main__ import main
from vnmigration.collect import collect, page_name, read_sidecar, trafilatura_fetcher

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Province and IOM open a migrant support desk | Constructed Daily</title>
<meta property="og:site_name" content="Constructed Daily">
<meta name="author" content="Tran Minh Chau">
<link rel="canonical" href="https://constructed.example/news/support-desk">
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-06-09T08:00:00+07:00"}</script>
</head><body><div class="clock">Monday, 09/06/2025</div><main><article>
<h1>Province and IOM open a migrant support desk</h1>
<p>Hue, June 6, 2025 - The provincial labour department and the International Organization for Migration
opened a support desk for workers who plan to go abroad, officials said at the opening.</p>
<p>The desk will give workers accurate information on recruitment fees and safe, regular migration.</p>
</article></main></body></html>"""


class _Quiet(SimpleHTTPRequestHandler):
    """A file server that does not log every request to stderr."""

    def log_message(self, *args):
        pass


@pytest.fixture
def server(tmp_path):
    """A local server on a free port serving tmp_path/site: two pages, a robots.txt that disallows /private/."""
    site = tmp_path / "site"
    (site / "news").mkdir(parents=True)
    (site / "private").mkdir()
    (site / "news" / "support-desk.html").write_text(PAGE, encoding="utf-8")
    (site / "private" / "draft.html").write_text(PAGE, encoding="utf-8")
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_pages_are_saved_with_their_provenance_and_failures_keep_their_reason(server, tmp_path):
    urls = [f"{server}/news/support-desk.html", f"{server}/news/missing.html", f"{server}/private/draft.html",
            "ftp://constructed.example/x"]
    out = tmp_path / "corpus"
    done = collect(urls, out, delay=0, retries=0, fetch=trafilatura_fetcher(5, allow_private=True), progress=False)
    assert done["reason"].fillna("saved").tolist() == ["saved", "HTTP 404", "robots.txt disallows it",
                                                       "not an http(s) URL"]
    sidecar = read_sidecar(out / f"{page_name(urls[0])}.json")
    assert (sidecar["url"], sidecar["status"], sidecar["page"]) == (urls[0], 200, f"{page_name(urls[0])}.html")
    assert sidecar["fetched_at"].endswith("Z") and len(sidecar["sha256"]) == 64
    assert (out / sidecar["page"]).read_text(encoding="utf-8") == PAGE


def test_a_second_run_takes_saved_pages_from_the_folder(server, tmp_path):
    fetch = trafilatura_fetcher(5, allow_private=True)
    url = f"{server}/news/support-desk.html"
    collect([url], tmp_path / "corpus", delay=0, fetch=fetch, progress=False)
    again = collect([url], tmp_path / "corpus", delay=0, fetch=fetch, progress=False)
    assert again["cached"].tolist() == [True]


def test_a_private_address_is_refused_unless_allowed(server, tmp_path):
    done = collect([f"{server}/news/support-desk.html"], tmp_path / "c", delay=0, retries=0,
                   fetch=trafilatura_fetcher(5), progress=False)
    assert "SSRF" in done["reason"].iloc[0] or "non-public" in done["reason"].iloc[0]


def test_a_collected_folder_reads_with_url_author_site_name_and_the_pages_own_date(server, tmp_path):
    out = tmp_path / "corpus"
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# constructed pages\n{server}/news/support-desk.html\n{server}/news/gone.html\n")
    assert main(["collect", str(urls), "--out", str(out), "--delay", "0", "--allow-private"]) == 1  # one failed
    articles, problems = vn.read_corpus(out)
    row = articles.iloc[0]
    assert row["url"] == f"{server}/news/support-desk.html"  # the sidecar's URL, not the canonical one
    assert (row["outlet"], row["outlet_evidence"]) == ("Constructed Daily", "site name: Constructed Daily")
    assert row["authors"] == "Tran Minh Chau"
    # the dateline "Hue, June 6, 2025" outranks the markup's date, which a site's header clock can fill
    assert (row["published"].date().isoformat(), row["published_source"]) == ("2025-06-06", "dateline")
    assert problems[["reason"]].to_dict("records") == [{"reason": "fetch-failed"}]
    assert problems["detail"].iloc[0].endswith("/news/gone.html: HTTP 404")


def test_a_saved_page_without_sidecar_keeps_its_canonical_url(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    assert vn.load_articles(tmp_path)["url"].tolist() == ["https://constructed.example/news/support-desk"]


def test_a_json_file_that_is_no_sidecar_is_an_unsupported_format(tmp_path):
    (tmp_path / "a.txt").write_text("Hanoi, March 5, 2019 - IOM Viet Nam met the ministry in Hanoi.")
    (tmp_path / "notes.json").write_text(json.dumps({"what": "my notes"}))
    problems = vn.read_corpus(tmp_path)[1]
    assert problems[["file", "reason"]].to_dict("records") == [{"file": "notes.json",
                                                                "reason": "unsupported-format"}]
