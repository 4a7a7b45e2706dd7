"""Related passages across sources: the same text, the same quote, the same fact, precomputed.

Pure core (no UI imports). `RelatedIndex.build(dossier, analysis, cache_folder)` links every
body passage to passages of other articles; lookups are dictionary lookups.
"""

from typing import TYPE_CHECKING

from dossier_tui.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from dossier_tui.related.compare import AlignedRow, Alignment
    from dossier_tui.related.corroboration import Corroboration
    from dossier_tui.related.link import Link
    from dossier_tui.related.quote_clusters import QuoteCluster, QuoteMember
    from dossier_tui.related.related_index import RelatedIndex

__all__ = ["AlignedRow", "Alignment", "Corroboration", "Link", "QuoteCluster", "QuoteMember", "RelatedIndex"]
__getattr__ = lazy_exports(__name__, {
    "AlignedRow": "compare", "Alignment": "compare", "Corroboration": "corroboration", "Link": "link",
    "QuoteCluster": "quote_clusters", "QuoteMember": "quote_clusters", "RelatedIndex": "related_index",
})
