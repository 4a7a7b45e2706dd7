"""Find a dossier's article files: recursive, sorted, safe against symlink loops.

What is obviously not an article is passed over in silence (hidden files, the dossier's
aliases.yaml and other YAML settings, its annotations.jsonl, the images, styles and scripts of saved pages); any other
file of an unknown type is reported, as are broken symlinks, loops and unreadable folders.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

from dossier_tui.model import LoadWarning

# suffix -> format name, the one list of what the loader reads
FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
}
_SILENT_SUFFIXES = frozenset(
    ".yaml .yml .toml .ini .css .js .mjs .map .png .jpg .jpeg .gif .svg .webp .avif .ico .bmp .tif .tiff"
    " .woff .woff2 .ttf .otf .eot .pyc .swp .bak .tmp .part .crdownload .lock .db .sqlite".split()
)
# annotations.jsonl is the user's notes on the dossier (dossier_tui.annotations.store), not articles.
_SILENT_NAMES = frozenset({"__pycache__", "__MACOSX", "Thumbs.db", "desktop.ini", "annotations.jsonl"})


@dataclass(slots=True)
class Scan:
    files: list[Path] = field(default_factory=list)
    warnings: list[LoadWarning] = field(default_factory=list)
    # Every folder read -> its mtime when listed: an added, deleted or renamed entry changes it.
    folders: dict[str, int] = field(default_factory=dict)


def is_ignored(name: str) -> bool:
    """Names no one means as an article: hidden, editor backups, settings, page assets."""
    if name.startswith((".", "~", "#")) or name.endswith("~") or name in _SILENT_NAMES:
        return True
    return Path(name).suffix.lower() in _SILENT_SUFFIXES


def scan_dossier(root: Path, *, follow_links: bool = False) -> Scan:
    """The supported files under ROOT (or [ROOT] for one file) and what was passed over, and why.

    A symlink whose target lies outside ROOT is skipped with a warning unless FOLLOW_LINKS.
    """
    scan = Scan()
    if not root.is_dir():
        scan.files.append(root)
        return scan
    inside = None if follow_links else os.path.realpath(root)
    _visit(root, scan, ancestors=set(), seen=set(), inside=inside)
    scan.files.sort(key=lambda path: path.relative_to(root).as_posix())
    return _without_second_paths(scan)


def _without_second_paths(scan: Scan) -> Scan:
    """One path per file: a symlink or hard link to a file already listed would load it twice.

    The real path is kept over a symlink to it; among equals, the first in order.
    """
    identities: dict[Path, tuple[int, int]] = {}
    for path in scan.files:
        try:
            info = path.stat()
        except OSError:
            continue  # gone since the walk: load_file reports it
        identities[path] = (info.st_dev, info.st_ino)
    keep: dict[tuple[int, int], Path] = {}
    for path in sorted(identities, key=lambda p: p.is_symlink()):  # a stable sort keeps the order
        keep.setdefault(identities[path], path)
    files = []
    for path in scan.files:
        identity = identities.get(path)
        if identity is not None and keep[identity] != path:
            scan.warnings.append(LoadWarning(str(path), f"same file as {keep[identity]}, skipped"))
        else:
            files.append(path)
    scan.files = files
    return scan


def _visit(
    folder: Path, scan: Scan, ancestors: set[tuple[int, int]], seen: set[tuple[int, int]], inside: str | None
) -> None:
    try:
        info = folder.stat()
    except OSError as error:
        scan.warnings.append(LoadWarning(str(folder), f"cannot open folder: {_reason(error)}"))
        return
    identity = (info.st_dev, info.st_ino)
    if identity in ancestors:
        scan.warnings.append(LoadWarning(str(folder), "symlink loop (links back to a folder above it), not followed"))
        return
    if identity in seen:
        scan.warnings.append(LoadWarning(str(folder), "folder already read through another path (symlink), skipped"))
        return
    seen.add(identity)
    scan.folders[str(folder)] = info.st_mtime_ns
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        scan.warnings.append(LoadWarning(str(folder), f"cannot list folder: {_reason(error)}"))
        return
    ancestors = ancestors | {identity}
    for entry in entries:
        if is_ignored(entry.name):
            continue
        if not _utf8(entry.name):
            # Its id and path could not be printed or stored as text: say so rather than fail later.
            shown = os.fsencode(entry.path).decode("utf-8", "replace")
            scan.warnings.append(LoadWarning(shown, "file name is not valid UTF-8 (rename it to read it), skipped"))
            continue
        path = Path(entry.path)
        try:
            path.stat()
        except OSError as error:
            reason = _link_problem(error) if entry.is_symlink() else f"cannot read: {_reason(error)}"
            scan.warnings.append(LoadWarning(str(path), reason))
            continue
        if inside is not None and entry.is_symlink() and not _within(os.path.realpath(path), inside):
            scan.warnings.append(LoadWarning(str(path), "symlink to outside the dossier, skipped (--follow-links reads it)"))
            continue
        if entry.is_dir():
            _visit(path, scan, ancestors, seen, inside)
        elif path.suffix.lower() in FORMATS:
            scan.files.append(path)
        else:
            kind = f"'{path.suffix}' files" if path.suffix else "files without an extension"
            scan.warnings.append(LoadWarning(str(path), f"unsupported file type ({kind} are not read), skipped"))


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _link_problem(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symlink loop, skipped"
    return "broken symlink (its target does not exist), skipped"


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
