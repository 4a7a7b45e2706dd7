"""Walk a dossier folder (or one file) and turn each supported file into articles."""

from __future__ import annotations

import hashlib
from pathlib import Path

from dossier_tui.model import Article, Dossier, DossierError, Kind, LoadWarning, Paragraph


def load_dossier(path: str | Path) -> Dossier:
    root = Path(path)
    if not root.exists():
        raise DossierError(f"{path}: no such file or folder")
    root = root.resolve()
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*.txt") if p.is_file())
    base = root.parent if root.is_file() else root
    articles: list[Article] = []
    warnings: list[LoadWarning] = []
    for file in files:
        text = file.read_text(encoding="utf-8")
        blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
        if not blocks:
            warnings.append(LoadWarning(str(file), "empty file, skipped"))
            continue
        title, *rest = blocks
        article_id = str(file.relative_to(base).with_suffix(""))
        articles.append(
            Article(
                id=article_id,
                path=str(file),
                title=title,
                paragraphs=[Paragraph(i, Kind.BODY, b) for i, b in enumerate(rest)],
                digest=hashlib.sha1(text.encode()).hexdigest(),
            )
        )
    return Dossier(str(root), articles, warnings)
