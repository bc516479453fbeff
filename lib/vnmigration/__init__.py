"""vnmigration: Viet Nam's cooperation with IOM on the Global Compact for Migration, as tidy tables."""

from .actors import extract_mentions, extract_roles, uncoded_candidates
from .api import build_tables, kwic, mentions, themes, timeline
from .codebook import CodebookError, load_codebook
from .collect import collect
from .corpus import CorpusError, load_articles, problems_of, read_corpus
from .corrections import CorrectionsError, load_corrections
from .events import extract_dates, extract_events
from .network import actor_centrality, actor_edges, actor_graph
from .quotes import extract_quotes
from .sentences import concordance, split_sentences
from .taxonomy import distinctive_terms, load_taxonomy, nmf_topics, tag_themes, theme_profile
from .timeline import build_timeline

__all__ = [
    "build_tables", "collect", "concordance", "kwic", "mentions", "themes", "timeline", "CorrectionsError",
    "load_corrections",
    "CodebookError", "CorpusError", "actor_centrality", "actor_edges", "actor_graph", "build_timeline",
    "extract_dates", "extract_events", "extract_mentions",
    "extract_quotes", "extract_roles", "load_articles", "load_codebook", "problems_of", "read_corpus",
    "split_sentences", "uncoded_candidates", "distinctive_terms", "load_taxonomy", "nmf_topics", "tag_themes",
    "theme_profile",
]
