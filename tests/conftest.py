"""Shared fixtures: the seed corpus, loaded once per test session."""

import pytest

import vnmigration as vn


@pytest.fixture(scope="session")
def articles():
    return vn.load_articles()


@pytest.fixture(scope="session")
def sentences(articles):
    return vn.split_sentences(articles)


@pytest.fixture
def corpus_dir(tmp_path):
    """A folder to write made-up articles into."""
    return tmp_path


def write(folder, name, data):
    """Write bytes or text to folder/name and return the path."""
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path
