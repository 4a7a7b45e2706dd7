"""A similar link needs evidence: shared rare content beyond the names of the entities two
passages share (issue #13: a TASS paragraph on EU sanctions linked to an opinion piece sharing
"Instead" and "union's"; Isabel dos Santos's Angola linked to Ronaldo's friend Santos)."""

from __future__ import annotations

from dossier_tui.related.normalise import words
from dossier_tui.related.similar import TermIndex, passage_terms

ANGOLA = ("Isabel dos Santos - reported to be the richest woman in Africa - has been very critical of the bill. "
          "Angola faces a vote on the anti-abortion law.")
RONALDO = ("But Santos said both he, and Ronaldo, were happy with it. He only asked for some wrinkles that gave him a "
           "certain expression in his face when he's about to laugh to be changed.")
G20_DW = ("He has criticized export giants China and Germany over their trade surpluses, prompting a stern warning "
          "from Beijing.")
G20_RTE = ("Since taking office, Mr Trump has attacked export giants China and Germany over their massive trade "
           "surpluses, and led China to issue a stern warning against sparking a trade war.")


def _index(passages: list[tuple[str, list[str]]]) -> TermIndex:
    index = TermIndex()
    # ordinary news passages, so that common words ("face", "China", "said") are common
    filler = [f"Officials said on day {n} that the country faces a difficult choice and China said it would "
              f"face questions, a spokesman said in a statement, officials in Germany and China added."
              for n in range(60)]
    for pid, (text, entities) in enumerate(passages + [(text, []) for text in filler]):
        index.add(pid, passage_terms([w for w, _, _ in words(text)], entities))
    index.weigh()
    return index


def test_one_name_in_common_is_no_link_and_shared_rare_content_is():
    index = _index([(ANGOLA, ["Santos"]), (RONALDO, ["Santos"]), (G20_DW, ["China", "Germany"]),
                    (G20_RTE, ["Donald Trump", "China", "Germany"])])
    assert index.cosine(0, 1) is None
    assert index.cosine(2, 3) is not None


# Two stabbings in two countries (BBC and RTE, March 2017): the same crime words, rare in a
# dossier of politics, but no word that only this story has.
STAB_NORTON = ("Latest updates and reaction to family stabbings. Police said they understood the suspect was known "
               "to the victims and may have been living at the address. The boy was pronounced dead at the scene.")
STAB_ARTANE = ("A man has appeared in court charged with murder after the stabbing to death of another man on "
               "Thursday evening. The victim was stabbed and pronounced dead in hospital.")


def test_a_weak_link_needs_a_word_that_pins_the_story():
    index = TermIndex()
    politics = [f"Officials told reporters on February {n % 28 + 1} that the president of the country would visit "
                f"in April, police said, and that the man was charged in court, the ministry said on day {n}."
                for n in range(300)]
    crime = [f"Police said a man was stabbed on day {n} and pronounced dead; the victim's family was told."
             for n in range(10)]
    for pid, text in enumerate([STAB_NORTON, STAB_ARTANE, *politics, *crime]):
        index.add(pid, passage_terms([w for w, _, _ in words(text)], []))
    index.weigh()
    assert index.cosine(0, 1) is None
