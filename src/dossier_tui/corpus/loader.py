"""Files -> articles: find the dossier's files, read each in its format, report what went wrong.

Each file yields its articles and one warning line per problem; nothing a file holds stops the
others from loading. Only an unusable dossier path raises DossierError. What a file gave is kept
in the dossier's cache under the SHA-1 of its bytes, so an unchanged file is not parsed again.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from dossier_tui.corpus import records
from dossier_tui.corpus.article_text import Metadata, build_article
from dossier_tui.corpus.decoding import decode
from dossier_tui.corpus.folder_scan import FORMATS, scan_dossier
from dossier_tui.corpus.load_cache import LoadCache
from dossier_tui.corpus.markdown_file import markdown_to_text, split_front_matter
from dossier_tui.model import Article, Dossier, DossierError, FileStamp, LoadWarning

MB = 1024 * 1024
# A single article past 10 MB is not an article (a dump, a log, a mislabelled binary), and
# extracting it would stall the reader; files of records may hold a whole export.
ARTICLE_LIMIT = 10 * MB
RECORDS_LIMIT = 512 * MB
# Extracting a saved page costs about 3 s and 100 MB per MB of markup (a 9.7 MB page of one huge
# table: 30 s, 1 GB): past this, once inline images are set aside, a page is not read.
PAGE_MARKUP_LIMIT = 4 * MB
# Inline images (`data:` URIs of pages saved whole) weigh megabytes and carry no text.
_INLINE_DATA = re.compile(r"data:[\w/+.-]{1,100};base64,[A-Za-z0-9+/=\s]+")
_RECORD_FORMATS = ("jsonl", "json", "csv")


def load_dossier(
    path: str | Path, on_progress: Callable[[int, int], None] | None = None, *, follow_links: bool = False
) -> Dossier:
    """Every article under PATH (a folder, read recursively, or one file) and the load warnings.

    Symlinks to files or folders outside PATH are skipped with a warning unless FOLLOW_LINKS: a
    dossier received from someone else must not read (and show) the rest of the disk.
    """
    root = Path(path).expanduser()
    try:
        root = root.resolve(strict=True)
    except FileNotFoundError:
        raise DossierError(f"{path}: no such file or folder") from None
    except (OSError, RuntimeError) as error:
        raise DossierError(f"{path}: cannot open ({getattr(error, 'strerror', None) or error})") from None
    if root.is_file() and root.suffix.lower() not in FORMATS:
        raise DossierError(f"{path}: unsupported file type (read: {', '.join(sorted(FORMATS))})")
    if not root.is_file() and not root.is_dir():
        raise DossierError(f"{path}: not a file or folder")
    scan = scan_dossier(root, follow_links=follow_links)
    if root.is_dir() and not scan.files and scan.warnings and all("cannot list" in w.message for w in scan.warnings):
        raise DossierError(f"{path}: cannot open folder ({scan.warnings[0].message.split(': ', 1)[-1]})")
    articles: list[Article] = []
    warnings = list(scan.warnings)
    stamps: dict[str, FileStamp] = {}
    cache = LoadCache.open(root)
    for done, file in enumerate(scan.files, start=1):
        try:
            info = os.stat(file)  # before the read: an edit landing after it shows as a newer mtime
        except OSError:
            info = None
        data, problems = read_article_file(file)
        if info is not None:  # also a file passed over (empty, too large): a warm open compares them all
            stamps[str(file)] = FileStamp(info.st_size, info.st_mtime_ns, "")
        if data is not None:
            key = (str(file), hashlib.sha1(data).hexdigest())
            if info is not None:
                stamps[key[0]] = FileStamp(info.st_size, info.st_mtime_ns, key[1])
            found, problems = cache.get(key) or cache.put(key, parse_article_file(data, file, root))
            articles.extend(found)
        warnings.extend(problems)
        if on_progress is not None:
            on_progress(done, len(scan.files))
    cache.save()
    return Dossier(str(root), articles, warnings, stamps, scan.folders)


def dossier_files(root: Path) -> list[Path]:
    """The supported files under ROOT (recursive, sorted, symlink-loop safe), or [ROOT] for a file."""
    return scan_dossier(Path(root)).files


def load_file(path: Path, root: Path) -> tuple[list[Article], list[LoadWarning]]:
    """One file's articles, and a warning line for each problem (never an exception)."""
    path, root = Path(path), Path(root)
    data, problems = read_article_file(path)
    if data is None:
        return [], problems
    return parse_article_file(data, path, root)


def read_article_file(path: Path) -> tuple[bytes | None, list[LoadWarning]]:
    """The bytes of an article file, or None and the reason it cannot be one."""
    where = str(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        return None, [LoadWarning(where, f"unsupported file type '{path.suffix}', skipped")]
    try:
        info = path.stat()
    except OSError as error:
        reason = "broken symlink" if path.is_symlink() else "cannot read"
        return None, [LoadWarning(where, f"{reason}: {(error.strerror or str(error)).lower()}, skipped")]
    if not stat.S_ISREG(info.st_mode):
        return None, [LoadWarning(where, "not a regular file, skipped")]
    if info.st_size == 0:
        return None, [LoadWarning(where, "empty file, skipped")]
    records = fmt in _RECORD_FORMATS
    limit = RECORDS_LIMIT if records else ARTICLE_LIMIT
    if info.st_size > limit:
        what = "too large" if records else "too large for one article"
        return None, [LoadWarning(where, f"{what} ({info.st_size / MB:.1f} MB, limit {limit // MB} MB), skipped")]
    try:
        return path.read_bytes(), []
    except OSError as error:
        return None, [LoadWarning(where, f"cannot read: {(error.strerror or str(error)).lower()}, skipped")]


def parse_article_file(data: bytes, path: Path, root: Path) -> tuple[list[Article], list[LoadWarning]]:
    """The articles in DATA, the bytes of PATH in the dossier at ROOT."""
    where = str(path)
    decoded = decode(data)
    if decoded.text is None:
        return [], [LoadWarning(where, f"{decoded.problem}, skipped")]
    warnings = [LoadWarning(where, decoded.problem)] if decoded.problem else []
    if not decoded.text.strip():
        return [], [LoadWarning(where, "empty file (only white space), skipped")]
    try:
        articles, problems = _READERS[FORMATS[path.suffix.lower()]](decoded.text, path, article_base_id(path, root))
    except RecursionError:  # structure nested thousands deep, in whichever parser: this file only
        return [], [*warnings, LoadWarning(where, "nested too deep to read, skipped")]
    warnings.extend(problems)
    if not articles and not problems:
        warnings.append(LoadWarning(where, "no article text found, skipped"))
    return articles, warnings


def article_base_id(path: Path, root: Path) -> str:
    """The file's id: its path relative to the dossier root, without the extension."""
    try:
        relative = path.relative_to(root) if path != root else Path(path.name)
    except ValueError:
        relative = Path(path.name)
    if relative == Path("."):
        relative = Path(path.name)
    return relative.with_suffix("").as_posix()


def _read_text(text: str, path: Path, base_id: str) -> tuple[list[Article], list[LoadWarning]]:
    article = build_article(base_id, str(path), text, Metadata(), path.stem)
    return ([article] if article else []), []


def _read_markdown(text: str, path: Path, base_id: str) -> tuple[list[Article], list[LoadWarning]]:
    meta, body, warnings = split_front_matter(text.replace("\r\n", "\n").lstrip("\ufeff"), str(path))
    article = build_article(base_id, str(path), markdown_to_text(body), meta, path.stem, lines_are="soft")
    return ([article] if article else []), warnings


def _read_html(text: str, path: Path, base_id: str) -> tuple[list[Article], list[LoadWarning]]:
    from dossier_tui.corpus.html_page import extract_page

    if len(text) > PAGE_MARKUP_LIMIT:
        text = _INLINE_DATA.sub("data:,", text)
        if len(text) > PAGE_MARKUP_LIMIT:
            size = f"{len(text) / MB:.1f} MB of markup, limit {PAGE_MARKUP_LIMIT // MB} MB"
            return [], [LoadWarning(str(path), f"saved page too large to read as one article ({size}), skipped")]
    try:
        page = extract_page(text)
    except Exception as error:  # a third-party parser on arbitrary input: report, never crash
        return [], [LoadWarning(str(path), f"cannot parse the page ({type(error).__name__}: {error}), skipped")]
    if page is None:
        return [], [LoadWarning(str(path), "no article text found in the page, skipped")]
    article = build_article(base_id, str(path), page.text, page.meta, path.stem, block_tags=page.tags)
    return ([article] if article else []), []


_READERS = {
    "text": _read_text,
    "markdown": _read_markdown,
    "html": _read_html,
    "jsonl": records.read_jsonl,
    "json": records.read_json,
    "csv": records.read_csv,
}

__all__ = ["load_dossier", "dossier_files", "load_file"]
