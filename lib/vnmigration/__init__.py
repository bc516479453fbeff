"""vnmigration: Viet Nam's cooperation with IOM on the Global Compact for Migration, as tidy tables."""

from .corpus import CorpusError, load_articles, problems_of, read_corpus
from .sentences import split_sentences

__all__ = ["CorpusError", "load_articles", "problems_of", "read_corpus", "split_sentences"]
