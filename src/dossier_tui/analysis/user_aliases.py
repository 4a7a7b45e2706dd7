"""The dossier's own `aliases.yaml`: the user's word over the automatic clusters.

    merge:                      # each list becomes one entity, named after its first name
      - [Alexander Lukashenko, Lukashenka]
    split:                      # these spellings leave their cluster and stand alone
      - Gurevich
    rename:                     # entity (any of its aliases) -> the name to show
      Volodymyr Zelensky: Volodymyr Zelenskyy
    retype:                     # entity -> PERSON, PLACE, ORG or GROUP
      Kremlin: ORG
    ignore:                     # not entities at all
      - Read Full Article

Problems are reported as `aliases.yaml:LINE: message` and the faulty entry is skipped; a file
that is not YAML at all is ignored whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dossier_tui.analysis.alias_clusters import Cluster
from dossier_tui.analysis.mentions import RawMention
from dossier_tui.analysis.records import EntityType
from dossier_tui.analysis.transliteration import fold

FILE_NAME = "aliases.yaml"
SECTIONS = ("merge", "split", "rename", "retype", "ignore")


@dataclass
class UserAliases:
    merge: list[tuple[int, list[str]]] = field(default_factory=list)
    split: list[tuple[int, str]] = field(default_factory=list)
    rename: list[tuple[int, str, str]] = field(default_factory=list)
    retype: list[tuple[int, str, EntityType]] = field(default_factory=list)
    ignore: list[tuple[int, str]] = field(default_factory=list)


def read_aliases(root: str | Path) -> tuple[UserAliases, list[str]]:
    """The overrides in ROOT/aliases.yaml (none when absent) and the problems found in it."""
    path = Path(root) / FILE_NAME
    if not Path(root).is_dir() or not path.is_file():
        return UserAliases(), []
    import yaml

    where = str(path)
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return UserAliases(), [f"{where}: cannot read: {error}"]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "not valid YAML"
        return UserAliases(), [f"{where}{line}: {problem}; file ignored"]
    aliases, warnings = UserAliases(), []
    if node is None:
        return aliases, warnings
    if not isinstance(node, yaml.MappingNode):
        return aliases, [f"{where}:{node.start_mark.line + 1}: expected sections {', '.join(SECTIONS)}; file ignored"]

    def warn(n, message: str) -> None:
        warnings.append(f"{where}:{n.start_mark.line + 1}: {message}")

    def scalar(n) -> str | None:
        if isinstance(n, yaml.ScalarNode) and str(n.value).strip():
            return str(n.value).strip()
        warn(n, "expected a name")
        return None

    for key, value in node.value:
        section = key.value if isinstance(key, yaml.ScalarNode) else None
        if section not in SECTIONS:
            warn(key, f"unknown section {section!r} (expected {', '.join(SECTIONS)})")
            continue
        if section in ("rename", "retype"):
            if not isinstance(value, yaml.MappingNode):
                warn(value, f"{section}: expected 'name: {'new name' if section == 'rename' else 'TYPE'}' lines")
                continue
            for k, v in value.value:
                name, target = scalar(k), scalar(v)
                if name is None or target is None:
                    continue
                line = k.start_mark.line + 1
                if section == "rename":
                    aliases.rename.append((line, name, target))
                elif target.upper() in EntityType.__members__:
                    aliases.retype.append((line, name, EntityType(target.upper())))
                else:
                    warn(v, f"unknown type {target!r} (expected PERSON, PLACE, ORG or GROUP)")
            continue
        if not isinstance(value, yaml.SequenceNode):
            warn(value, f"{section}: expected a list")
            continue
        for item in value.value:
            line = item.start_mark.line + 1
            if section == "merge":
                if not isinstance(item, yaml.SequenceNode) or len(item.value) < 2:
                    warn(item, "merge: expected a list of two or more names, e.g. [Lukashenko, Lukashenka]")
                    continue
                names = [scalar(n) for n in item.value]
                if None not in names:
                    aliases.merge.append((line, names))
            else:
                name = scalar(item)
                if name is not None:
                    getattr(aliases, section).append((line, name))
    return aliases, warnings


def apply_aliases(
    aliases: UserAliases, clusters: list[Cluster], articles: list[list[RawMention]], where: str
) -> tuple[list[Cluster], list[str]]:
    """Clusters after the user's overrides, and a warning for each entry that names nothing."""
    warnings: list[str] = []

    def surfaces(cluster: Cluster) -> set[str]:
        return {fold(cluster.name)} | {fold(articles[a][i].surface) for a, i in cluster.refs}

    def find(name: str, line: int) -> Cluster | None:
        key = fold(name)
        named = [c for c in clusters if fold(c.name) == key]
        found = named or [c for c in clusters if key in surfaces(c)]
        if not found:
            warnings.append(f"{where}:{line}: no entity named {name!r}")
            return None
        return max(found, key=lambda c: len(c.refs))

    for line, name in aliases.split:
        key = fold(name)
        moved: list = []
        for cluster in clusters:
            keep = [r for r in cluster.refs if fold(articles[r[0]][r[1]].surface) != key]
            moved += [r for r in cluster.refs if r not in keep] if len(keep) < len(cluster.refs) else []
            cluster.refs = keep
        if not moved:
            warnings.append(f"{where}:{line}: no mention spelled {name!r}")
            continue
        first = articles[moved[0][0]][moved[0][1]]
        clusters.append(Cluster(first.type or EntityType.PERSON, moved, name))
    for line, names in aliases.merge:
        found = [find(name, line) for name in names]
        target = found[0]
        if target is None:
            continue
        for other in found[1:]:
            if other is not None and other is not target:
                target.refs += other.refs
                other.refs = []
        target.name = names[0]
    clusters = [c for c in clusters if c.refs]
    for line, name in aliases.ignore:
        cluster = find(name, line)
        if cluster is not None:
            cluster.refs = []
    clusters = [c for c in clusters if c.refs]
    for line, name, new_name in aliases.rename:
        cluster = find(name, line)
        if cluster is not None:
            cluster.name = new_name
    for line, name, type_ in aliases.retype:
        cluster = find(name, line)
        if cluster is not None:
            cluster.type = type_
    return clusters, warnings
