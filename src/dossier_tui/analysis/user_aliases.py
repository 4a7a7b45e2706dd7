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
that is not YAML at all is ignored whole. The file travels inside the dossier, so it is read as
untrusted: bounded YAML (safe_yaml), at most MAX_ENTRIES entries, names normalised like article
text (a YAML "\\e" cannot put an escape sequence on the terminal).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from dossier_tui.analysis.alias_clusters import Cluster
from dossier_tui.analysis.mentions import RawMention
from dossier_tui.analysis.records import EntityType
from dossier_tui.analysis.transliteration import fold
from dossier_tui.corpus.normalise import clean_line, normalise
from dossier_tui.safe_yaml import YamlProblem, compose

SECTIONS = ("merge", "split", "rename", "retype", "ignore")
# Hand-kept corrections number in the hundreds; past this the file is not a list of corrections
# (400,000 entries took over 120 s to apply), and the rest is skipped with a warning. YAML is read
# at about 80 KB a second (PyYAML in Python, which the nesting bound needs): 256 KB, ~3 s at most.
MAX_ENTRIES = 10_000
MAX_BYTES = 256 * 1024


@dataclass
class UserAliases:
    merge: list[tuple[int, list[str]]] = field(default_factory=list)
    split: list[tuple[int, str]] = field(default_factory=list)
    rename: list[tuple[int, str, str]] = field(default_factory=list)
    retype: list[tuple[int, str, EntityType]] = field(default_factory=list)
    ignore: list[tuple[int, str]] = field(default_factory=list)


def read_aliases(path: Path) -> tuple[UserAliases, list[str]]:
    """The overrides in one alias file (none when absent) and the problems found in it."""
    if not path.is_file():
        return UserAliases(), []
    where = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            return UserAliases(), [f"{where}: larger than {MAX_BYTES // 1024} KB, not a list of corrections; file ignored"]
        node = compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return UserAliases(), [f"{where}: cannot read: {error}"]
    except YamlProblem as error:
        line = f":{error.line}" if error.line else ""
        return UserAliases(), [f"{where}{line}: {error.message}; file ignored"]
    aliases, warnings = UserAliases(), list[str]()
    entries = 0
    if node is None:
        return aliases, warnings
    if not isinstance(node, yaml.MappingNode):
        return aliases, [f"{where}:{node.start_mark.line + 1}: expected sections {', '.join(SECTIONS)}; file ignored"]

    def warn(n, message: str) -> None:
        warnings.append(f"{where}:{n.start_mark.line + 1}: {message}")

    def scalar(n) -> str | None:
        name = clean_line(normalise(str(n.value)).replace("\n", " ")) if isinstance(n, yaml.ScalarNode) else ""
        if name:
            return name
        warn(n, "expected a name")
        return None

    def counted(items: list) -> list:
        nonlocal entries
        room = max(0, MAX_ENTRIES - entries)
        if len(items) > room:
            warn(items[room], f"more than {MAX_ENTRIES:,} entries; the rest of the file skipped")
        entries += min(len(items), room)
        return items[:room]

    seen: dict[str, int] = {}
    for key, value in node.value:
        section = key.value if isinstance(key, yaml.ScalarNode) else None
        if section not in SECTIONS:
            warn(key, f"unknown section {section!r} (expected {', '.join(SECTIONS)})")
            continue
        if section in seen:
            warn(key, f"a second '{section}:' section (the first is on line {seen[section]}); both are applied")
        seen.setdefault(section, key.start_mark.line + 1)
        if section in ("rename", "retype"):
            if not isinstance(value, yaml.MappingNode):
                warn(value, f"{section}: expected 'name: {'new name' if section == 'rename' else 'TYPE'}' lines")
                continue
            for k, v in counted(value.value):
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
        for item in counted(value.value):
            line = item.start_mark.line + 1
            if section == "merge":
                if not isinstance(item, yaml.SequenceNode) or len(item.value) < 2:
                    warn(item, "merge: expected a list of two or more names, e.g. [Lukashenko, Lukashenka]")
                    continue
                names = [scalar(n) for n in item.value]
                present = [n for n in names if n is not None]
                if len(present) == len(names):
                    aliases.merge.append((line, present))
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

    def surface(ref) -> str:
        return fold(articles[ref[0]][ref[1]].surface)

    # Every split in one pass over the mentions (one pass per entry was quadratic).
    splits: dict[str, tuple[int, str]] = {}
    for line, name in aliases.split:
        if fold(name) in splits:
            warnings.append(f"{where}:{line}: {name!r} is split off twice (line {splits[fold(name)][0]})")
        splits.setdefault(fold(name), (line, name))
    moved: dict[str, list] = defaultdict(list)
    if splits:
        for cluster in clusters:
            keep: list = []
            for ref in cluster.refs:
                (moved[surface(ref)] if surface(ref) in splits else keep).append(ref)
            cluster.refs = keep
    for key, (line, name) in splits.items():
        if not moved.get(key):
            warnings.append(f"{where}:{line}: no mention spelled {name!r}")
            continue
        first = articles[moved[key][0][0]][moved[key][0][1]]
        clusters.append(Cluster(first.type or EntityType.PERSON, moved[key], name))

    # Clusters by the folded forms that can name them, kept up to date as merges move mentions;
    # an entry is then a dictionary lookup, not a walk over every cluster.
    order = {id(c): n for n, c in enumerate(clusters)}
    by_key: dict[str, list[Cluster]] = defaultdict(list)

    def index(cluster: Cluster, refs) -> None:
        for key in {fold(cluster.name), *(surface(ref) for ref in refs)}:
            if cluster not in by_key[key]:
                by_key[key].append(cluster)

    for cluster in clusters:
        index(cluster, cluster.refs)

    def find(name: str, line: int) -> Cluster | None:
        key = fold(name)
        candidates = sorted(by_key.get(key, []), key=lambda c: order[id(c)])
        named = [c for c in candidates if fold(c.name) == key]
        found = named or [c for c in candidates if any(surface(ref) == key for ref in c.refs)]
        if not found:
            warnings.append(f"{where}:{line}: no entity named {name!r}")
            return None
        return max(found, key=lambda c: len(c.refs))

    for line, names in aliases.merge:
        found = [find(name, line) for name in names]
        target = found[0]
        if target is None:
            continue
        for other in found[1:]:
            if other is not None and other is not target:
                index(target, other.refs)
                target.refs += other.refs
                other.refs = []
        target.name = names[0]
        index(target, [])
    clusters = [c for c in clusters if c.refs]
    for line, name in aliases.ignore:
        ignored = find(name, line)
        if ignored is not None:
            ignored.refs = []
    clusters = [c for c in clusters if c.refs]
    for line, name, new_name in aliases.rename:
        renamed = find(name, line)
        if renamed is not None:
            renamed.name = new_name
            index(renamed, [])
    for line, name, type_ in aliases.retype:
        retyped = find(name, line)
        if retyped is not None:
            retyped.type = type_
    if aliases.rename or aliases.retype or aliases.merge:
        clusters = _one_per_name(clusters)
    return clusters, warnings


def _one_per_name(clusters: list[Cluster]) -> list[Cluster]:
    """A rename or retype onto the name of another entity of that type makes them one entity:
    two entities no view can tell apart would answer each other's filters and searches."""
    kept: dict[tuple[str, EntityType], Cluster] = {}
    for cluster in clusters:
        first = kept.setdefault((fold(cluster.name), cluster.type), cluster)
        if first is not cluster:
            first.refs += cluster.refs
            cluster.refs = []
    return [c for c in clusters if c.refs]
