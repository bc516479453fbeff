"""Shared fixtures: the five seed texts read by name (never whatever else a user put in seeds/), loaded once."""

import shutil
from pathlib import Path

import pytest

import vnmigration as vn
from vnmigration.paths import ROOT, SEEDS

SEED_NAMES = [line.split()[1] for line in (Path(__file__).parent / "seeds.sha256").read_text().splitlines()]


def seed_source(name: str) -> Path:
    """A seed file from the project's seeds/, or from ../shared/seeds where the project has none."""
    return SEEDS / name if (SEEDS / name).is_file() else ROOT.parent / "shared" / "seeds" / name


@pytest.fixture(scope="session")
def seed_dir(tmp_path_factory) -> Path:
    """A folder holding exactly the five seed texts."""
    folder = tmp_path_factory.mktemp("seeds")
    for name in SEED_NAMES:
        shutil.copyfile(seed_source(name), folder / name)
    return folder


@pytest.fixture(scope="session")
def articles(seed_dir):
    return vn.load_articles(seed_dir)


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
