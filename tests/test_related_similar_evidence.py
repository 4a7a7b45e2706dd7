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
