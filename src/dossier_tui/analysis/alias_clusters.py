"""Dossier-wide alias clusters: one person, one cluster, whatever the spelling.

Full names join when their surnames are one transliteration apart and their first names agree
(Viktor Gulevich != Viktor Khrenin; Alexander Lukashenko != Alexander Nosov); two forms that are
both frequent and differ by an edit stay apart (both are real). A surname alone ("Gulevich",
"Ms Thomas") joins the full name in the same article, else the only matching one in the
dossier. A rare long name one letter from a name in the same article is a typo of it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache

from dossier_tui.analysis.lexicon import first_names, titles
from dossier_tui.analysis.mentions import WEAK, RawMention
from dossier_tui.analysis.records import EntityType
from dossier_tui.analysis.transliteration import (
    exact_skeleton,
    first_names_compatible,
    fold,
    likely_typo,
    skeleton,
    surnames_match,
)

# Forms seen this often are each real people when they differ by an edit.
FREQUENT = 3
# A surname alone held by several people joins the one with this share of its full-name mentions.
MAJORITY = 0.75
# A surname alone, with no full name in its article, joins a differently spelled one only from
# this many letters ("Tikhanovskaya" for Tsikhanouskaya).
WIDE_EDIT_LENGTH = 7

Ref = tuple[int, int]  # (article position, mention index)


@dataclass(slots=True)
class Cluster:
    type: EntityType
    refs: list[Ref] = field(default_factory=list)
    name: str = ""


@lru_cache(maxsize=65536)
def _delete_keys(word: str) -> frozenset[str]:
    """A word's skeleton and every one-letter deletion of it: two skeletons one edit apart share
    one of these. Short names only match exactly, so they get no deletions."""
    key = skeleton(word)
    if len(fold(word)) <= 4:
        return frozenset({key})
    return frozenset({key} | {key[:i] + key[i + 1:] for i in range(len(key))})


def build_clusters(articles: list[list[RawMention]], speakers: set[Ref]) -> list[Cluster]:
    """Group every kept mention of the dossier into clusters; mentions not kept are left out."""
    people = _people(articles, speakers)
    others = _others(articles, people.assigned)
    return people.clusters + others


@dataclass
class _People:
    clusters: list[Cluster]
    assigned: set[Ref]


def _people(articles: list[list[RawMention]], speakers: set[Ref]) -> _People:
    forms: dict[str, list[Ref]] = defaultdict(list)
    singles: list[Ref] = []
    not_surnames = _not_surnames()
    for a, mentions in enumerate(articles):
        single_words = {m.surface for m in mentions if " " not in m.surface and m.type in (None, EntityType.PERSON)}
        for i, m in enumerate(mentions):
            if m.type not in (EntityType.PERSON, None) or not _name_like(m.surface.rsplit(" ", 1)[-1]):
                continue
            if " " not in m.surface and (m.type is None and m.surface in not_surnames or _acronym_like(m.surface)
                                         or m.surface in titles() or f"{m.surface}." in titles()):
                continue  # a place's name, capitals ("UN" is no form of Kim Jong Un) or a title ("Sen")
            if " " in m.surface:
                if m.type is None:
                    continue
                confirmed = not m.flags & WEAK or m.surface.split()[-1] in single_words or (a, i) in speakers
                if confirmed:
                    forms[m.surface].append((a, i))
            else:
                singles.append((a, i))

    # Spellings that differ only in hyphens and spaces are one form: "Kim Jong-un", "Kim Jong Un".
    by_spelling: dict[str, list[str]] = defaultdict(list)
    for form in forms:
        by_spelling["".join(c for c in fold(form) if c.isalnum())].append(form)
    for variants in by_spelling.values():
        if len(variants) > 1:
            keep = max(variants, key=lambda f: (len(f.split()), len(forms[f]), f))
            for form in variants:
                if form != keep:
                    forms[keep].extend(forms.pop(form))

    # Full names: each form joins the first leader it is the same person as, leaders taken most
    # complete and most frequent first, so every form of a cluster is close to its canonical
    # name (complete link to the leader: Currie~Correa and Correa~Korea never make Currie~Korea).
    order = sorted(forms, key=lambda f: (-len(f.split()), -len(forms[f]), forms[f][0]))
    leaders: dict[str, list[str]] = {}
    buckets: dict[str, list[str]] = defaultdict(list)
    for form in order:
        candidates = dict.fromkeys(l for key in _delete_keys(form.split()[-1]) for l in buckets.get(key, ()))
        leader = next((l for l in candidates if _same_person(l, form, len(forms[l]), len(forms[form]))), None)
        if leader is None:
            leaders[form] = [form]
            for key in _delete_keys(form.split()[-1]):
                buckets[key].append(form)
        else:
            leaders[leader].append(form)
    groups = leaders
    clusters: list[Cluster] = []
    cluster_of_form: dict[str, int] = {}
    for members in groups.values():
        cluster = Cluster(EntityType.PERSON)
        for form in members:
            cluster.refs.extend(forms[form])
            cluster_of_form[form] = len(clusters)
        clusters.append(cluster)

    # Surnames alone: in-article full name first, then a unique match in the dossier.
    by_surname: dict[str, set[int]] = defaultdict(set)
    surnames: dict[int, set[str]] = defaultdict(set)
    for leader, c in ((members[0], cluster_of_form[members[0]]) for members in groups.values()):
        # a surname alone must be close to the canonical name's, not to any member's
        surnames[c].add(leader.split()[-1])
        for key in _delete_keys(leader.split()[-1]):
            by_surname[key].add(c)
    in_article: dict[int, dict[str, int]] = defaultdict(dict)
    for form, refs in forms.items():
        for a, _ in refs:
            in_article[a][form] = cluster_of_form[form]
    # Per article, the delete keys of its full names' surnames, to find matches without comparing
    # every surname with every other.
    article_keys: dict[int, dict[str, set[tuple[str, int]]]] = defaultdict(lambda: defaultdict(set))
    article_surnames = {a: {form.split()[-1] for form in named} for a, named in in_article.items()}
    for a, named in in_article.items():
        for form, c in named.items():
            for surname in (form.split()[-1], *surnames[c]):
                for key in _delete_keys(surname):
                    article_keys[a][key].add((surname, c))
    counts = Counter(articles[a][i].surface for a, i in singles)
    full_counts = [len(cluster.refs) for cluster in clusters]
    genders = [Counter(articles[a][i].gender for a, i in cluster.refs if articles[a][i].gender).most_common(1)
               for cluster in clusters]

    def dominant(candidates: set[int], gender: str | None) -> int | None:
        """The holder of most of a surname's full-name mentions in the dossier ("Trump": Donald,
        not Ivanka or Melania), when one holds a clear majority and the title's gender agrees."""
        if gender is not None:
            candidates = {c for c in candidates if not genders[c] or genders[c][0][0] == gender}
        total = sum(full_counts[c] for c in candidates)
        best = max(candidates, key=lambda c: full_counts[c], default=None)
        return best if best is not None and full_counts[best] >= MAJORITY * total else None

    own: dict[str, int] = {}
    assigned = {ref for cluster in clusters for ref in cluster.refs}
    local_matches: dict[tuple[int, str], set[int]] = {}
    wide_matches: dict[str, set[int]] = {}
    for a, i in singles:
        m = articles[a][i]
        word = m.surface
        if (a, word) not in local_matches:
            keys = article_keys[a] if a in article_keys else {}
            local_matches[a, word] = {c for key in _delete_keys(word) for surname, c in keys.get(key, ())
                                      if surnames_match(word, surname)}
        local = local_matches[a, word]
        if (m.flags & WEAK and (a, i) not in speakers) or word in first_names():
            # a sentence opener or a first name ("Persons", "Gillian") joins only a surname spelled
            # like it, even beside a full name
            local = {c for c in local if fold(word) in {fold(s) for s in (*surnames[c], *article_surnames.get(a, ()))}}
        target = None
        if len(local) == 1:
            target = next(iter(local))
        elif local:
            target = dominant(local, m.gender)
        else:
            if word not in wide_matches:
                # The same skeleton first ("Lukashenka" for Lukashenko); one edit away only if none.
                exact = {c for c in by_surname.get(skeleton(word), ()) if any(exact_skeleton(word, s) for s in surnames[c])}
                wide_matches[word] = exact or {c for key in _delete_keys(word) for c in by_surname.get(key, ())
                                               if any(surnames_match(word, surname) for surname in surnames[c])}
            wide = wide_matches[word]
            if len(fold(word)) < WIDE_EDIT_LENGTH or word in first_names():
                # with no full name beside it, a short word one letter off a surname is another
                # word ("Space", "Spike" for Spicer's typo "Spice"), not a spelling of it
                wide = {c for c in wide if fold(word) in {fold(s) for s in surnames[c]}}
            if m.flags & WEAK and (a, i) not in speakers:
                # a sentence-initial word joins only a surname spelled exactly like it
                wide = {c for c in wide if fold(word) in {fold(s) for s in surnames[c]}}
            if len(wide) == 1:
                target = next(iter(wide))
            elif wide:
                target = dominant(wide, m.gender)
            elif counts[word] == 1:
                typos = {c for form, c in in_article[a].items() if likely_typo(word, form.split()[-1])}
                if len(typos) == 1:
                    target = typos.pop()
        if target is None:
            confirmed = m.type == EntityType.PERSON or (a, i) in speakers
            if not confirmed or (m.flags & WEAK and (a, i) not in speakers):
                continue
            key = fold(word)
            if key not in own:
                own[key] = len(clusters)
                clusters.append(Cluster(EntityType.PERSON))
            target = own[key]
        clusters[target].refs.append((a, i))
        assigned.add((a, i))
    for cluster in clusters:
        cluster.name = _person_name(cluster, articles)
    return _People(clusters, assigned)


def _name_like(surname: str) -> bool:
    """A surname has letters only and more than one ("Harry S", "S-400", "T" name no one)."""
    letters = fold(surname)
    return len(letters) > 1 and not any(c.isdigit() for c in surname)


def _acronym_like(word: str) -> bool:
    """"UN", "EU": capitals too short to be a surname shouted in a headline ("Kim Jong Un")."""
    return word.isupper() and len(word) <= 3


@cache
def _not_surnames() -> frozenset[str]:
    """One-word names of places, organisations and groups: such a word alone is not a surname
    ("Korea" never joins "Patricia Currie"), unless its article says it names a person."""
    from dossier_tui.analysis import gazetteer, lexicon

    return frozenset(gazetteer.places()) | lexicon.organisations() | frozenset(lexicon.demonyms())


def _same_person(a: str, b: str, count_a: int, count_b: int) -> bool:
    *first_a, last_a = a.split()
    *first_b, last_b = b.split()
    if not surnames_match(last_a, last_b) or not first_names_compatible(first_a, first_b):
        return False
    if len(fold(last_a)) <= 3 and first_a and first_b and len(first_a) != len(first_b):
        return False  # a short, common surname needs the same given names: Mohamed Apandi Ali != Muhammad Ali
    both_frequent = count_a >= FREQUENT and count_b >= FREQUENT
    return not both_frequent or exact_skeleton(last_a, last_b) and fold(first_a[0]) == fold(first_b[0])


def _person_name(cluster: Cluster, articles: list[list[RawMention]]) -> str:
    """The most complete form, then the most frequent, then the first seen."""
    counts = Counter(articles[a][i].surface for a, i in cluster.refs)
    first_seen: dict[str, tuple[int, int]] = {}
    for a, i in cluster.refs:
        first_seen.setdefault(articles[a][i].surface, (a, i))
    # a middle initial adds nothing: "Donald Trump" over "Donald J. Trump" when it is more frequent
    return max(counts, key=lambda s: (sum(len(w.strip(".")) > 1 for w in s.split()), counts[s],
                                      tuple(-x for x in first_seen[s])))


def _other_key(name: str) -> str:
    """Folded, digits kept: "A400M" is not "A.M.", "S-400" not "S"."""
    return fold(name) + "".join(c for c in name if c.isdigit())


def _others(articles: list[list[RawMention]], taken: set[Ref]) -> list[Cluster]:
    """Places, organisations and groups by their gazetteer name, then one-word mentions that
    match one of them ("Kremlin" typed in another article)."""
    keyed: dict[tuple[EntityType, str], Cluster] = {}
    pending: list[Ref] = []
    for a, mentions in enumerate(articles):
        for i, m in enumerate(mentions):
            if (a, i) in taken or m.type == EntityType.PERSON:
                continue
            if m.type is None:
                pending.append((a, i))
                continue
            key = (m.type, _other_key(m.key or m.surface))
            keyed.setdefault(key, Cluster(m.type)).refs.append((a, i))
    by_word = {word: cluster for (_, word), cluster in keyed.items()}
    for a, i in pending:
        m = articles[a][i]
        cluster = by_word.get(_other_key(m.surface))
        if cluster is not None and (not m.flags & WEAK or m.surface[0].isupper()):
            cluster.refs.append((a, i))
    clusters = list(keyed.values())
    for cluster in clusters:
        counts = Counter(articles[a][i].surface for a, i in cluster.refs)
        keys = {ref_key for a, i in cluster.refs if (ref_key := articles[a][i].key)}
        named = [k for k in keys if k in counts]
        cluster.name = named[0] if len(named) == 1 else max(counts, key=lambda s: (s[0].isupper(), counts[s]))
    return _join_acronyms(clusters, articles)


def _join_acronyms(clusters: list[Cluster], articles: list[list[RawMention]]) -> list[Cluster]:
    """An organisation's acronym joins its full name when the dossier spells it out ("European
    Union (EU)", "the EU (European Union)") with one name of those initials: "AFP" stays the news
    agency even beside a mention of the Australian Federal Police."""
    cluster_of = {ref: cluster for cluster in clusters for ref in cluster.refs}
    defined: set[tuple[int, int]] = set()
    for a, mentions in enumerate(articles):
        for i in range(len(mentions) - 1):
            first, second = mentions[i], mentions[i + 1]
            if first.paragraph == second.paragraph and second.start - first.end in (2, 3):
                one, other = cluster_of.get((a, i)), cluster_of.get((a, i + 1))
                if one is not None and other is not None and one is not other:
                    defined.add((id(one), id(other)))
                    defined.add((id(other), id(one)))
    by_initials: dict[str, list[Cluster]] = defaultdict(list)
    for cluster in clusters:
        words = cluster.name.split()
        if cluster.type in (EntityType.ORG, EntityType.PLACE) and len(words) > 1:
            by_initials["".join(w[0] for w in words if w[0].isupper())].append(cluster)
    kept = []
    for cluster in clusters:
        name = cluster.name.replace(".", "")
        acronym = cluster.type == EntityType.ORG and name.isupper() and " " not in name
        full = [c for c in by_initials.get(name, ()) if (id(cluster), id(c)) in defined] if acronym else []
        if len(full) == 1:
            full[0].refs.extend(cluster.refs)
        else:
            kept.append(cluster)
    return kept
