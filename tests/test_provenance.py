"""The one source name shown for an article: metadata, credit, masthead, url host, file name, folder;
never a raw file id (issue #10: the related panel and CLI showed `002_e4a5ddeb4f614bb8`)."""

from __future__ import annotations

import json
import shutil

import pytest

from dossier_tui.cli.main import main
from dossier_tui.model import Article
from dossier_tui.provenance import display_source


@pytest.mark.parametrize(
    ("article_id", "source", "url", "shown"),
    [
        ("x/002_e4a5ddeb4f614bb8", "NV", "https://www.dw.com/a", "NV"),  # metadata, credit, masthead (corpus)
        ("002_e4a5ddeb4f614bb8", None, "https://www.dw.com/en/a-1", "dw.com"),  # the url's host
        ("dw.com-2576", None, None, "dw.com"),  # the file name says it
        ("meduza/2023/002_e4a5ddeb4f614bb8", None, None, "meduza"),  # the folder says it
        ("NewsArticles/17", None, None, "NewsArticles"),  # a record of an export: the export's name
        ("002_e4a5ddeb4f614bb8", None, None, None),  # a hash is no name
        ("00017", None, None, None),
        ("2023/03/e4a5ddeb-4f61", None, None, None),
        ("gulevich", None, None, None),  # a bare file name is the id itself
    ],
)
def test_display_source_falls_back_but_never_to_the_id(article_id, source, url, shown):
    assert display_source(Article(article_id, article_id, "Title", source=source, url=url)) == shown


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/data/ukraine-news/00017.txt", "ukraine-news"),  # the folder holding a flat dossier
        ("/data/2023/00017.txt", None),  # a date is no name
        ("/data/e4a5ddeb4f61/00017.txt", None),
        ("00017.txt", None),
    ],
)
def test_a_flat_folder_of_numbered_files_shows_its_folders_name(path, shown):
    # The 3,824 NewsArticles as one .txt each (no metadata) showed a blank source column.
    assert display_source(Article("00017", path, "Title")) == shown
    # a hashed file name is no export's numbering: the seeds' one article without a source stays so
    assert display_source(Article("002_e4a5ddeb4f614bb8", "/data/seeds/002_e4a5ddeb4f614bb8.txt", "Title")) is None


@pytest.fixture
def named_by_file(seeds_dir, tmp_path):
    """Two seeds sharing the Gulevich letter, with no outlet but what their names say."""
    folder = tmp_path / "named"
    (folder / "meduza").mkdir(parents=True)
    shutil.copy(seeds_dir / "000_037e540408ff3126.txt", folder / "dw.com-2576.txt")
    shutil.copy(seeds_dir / "002_e4a5ddeb4f614bb8.txt", folder / "meduza" / "002_e4a5ddeb4f614bb8.txt")
    return folder


def test_cli_list_and_related_show_names_not_ids(named_by_file, capsys):
    assert main(["list", "-d", str(named_by_file)]) == 0
    out = capsys.readouterr().out
    assert "dw.com" in out.split("dw.com-2576", 1)[1].splitlines()[0]
    assert main(["related", "-d", str(named_by_file), "dw.com-2576", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    links = [link for entry in entries for link in entry["related"]]
    assert {link["source"] for link in links} == {"meduza"}
    assert {source for entry in entries for source in entry["corroboration"]["sources"]} <= {"meduza"}
    assert main(["related", "-d", str(named_by_file), "dw.com-2576"]) == 0
    assert "meduza · " in capsys.readouterr().out
