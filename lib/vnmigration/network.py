"""The actor network: who is mentioned with whom, by sentence and by article (`actor_edges`, `actor_graph`,
`actor_centrality`)."""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

import pandas as pd

from .schema import MENTIONS, require

if TYPE_CHECKING:  # networkx loads only when a graph is built (0.1 s of import time otherwise)
    import networkx as nx

# --- network ----------------------------------------------------------------------------------------

def actor_edges(mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors that share a sentence or an article: source, target, sentences, articles.

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
    >>> from vnmigration.actors import extract_mentions
    >>> sentences = split_sentences(pd.DataFrame({"article_id": ["a1"], "text": [
    ...     "Deputy Minister Nguyen Van Lam met IOM Chief of Mission Park Mihyung in Hanoi. "
    ...     "“We will protect the rights of every migrant worker abroad,” Park Mihyung said."]}))
    >>> edges = actor_edges(extract_mentions(sentences))
    >>> edges[edges["source"] == "Nguyen Van Lam"]
               source        target  sentences  articles
    5  Nguyen Van Lam  Park Mihyung          1         1
    """
    require(mentions, MENTIONS, "actor_edges", ["article_id", "sentence_no", "actor"])
    by_sentence: dict[tuple, set[str]] = {}
    by_article: dict[str, set[str]] = {}
    for article, number, actor in zip(mentions["article_id"].tolist(), mentions["sentence_no"].tolist(),
                                      mentions["actor"].tolist(), strict=True):  # plain lists: no frame per group
        by_sentence.setdefault((article, number), set()).add(actor)
        by_article.setdefault(article, set()).add(actor)
    pairs: dict[tuple[str, str], list[int]] = {}
    for level, groups in ((0, by_sentence.values()), (1, by_article.values())):
        for group in groups:
            for a, b in combinations(sorted(group), 2):
                pairs.setdefault((a, b), [0, 0])[level] += 1
    rows = [(a, b, s, n) for (a, b), (s, n) in sorted(pairs.items())]
    return pd.DataFrame(rows, columns=["source", "target", "sentences", "articles"])


def actor_graph(edges: pd.DataFrame, mentions: pd.DataFrame, level: str = "sentences") -> nx.Graph:
    """A weighted graph at one level (`sentences` or `articles`): `weight` counts the shared units.

    Nodes carry kind, side and mention count; pairs that never share a unit at that level get no edge.

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
    >>> from vnmigration.actors import extract_mentions
    >>> sentences = split_sentences(pd.DataFrame({"article_id": ["a1"], "text": [
    ...     "Deputy Minister Nguyen Van Lam met IOM Chief of Mission Park Mihyung in Hanoi. "
    ...     "“We will protect the rights of every migrant worker abroad,” Park Mihyung said."]}))
    >>> mentions = extract_mentions(sentences)
    >>> graph = actor_graph(actor_edges(mentions), mentions)
    >>> sorted(graph.edges(data="weight"))[:2]
    [('Hanoi', 'International Organization for Migration', 1), ('Hanoi', 'Nguyen Van Lam', 1)]
    """
    require(mentions, MENTIONS, "actor_graph", ["actor", "kind", "side"])
    import networkx as nx

    graph = nx.Graph()
    counts = mentions.groupby("actor").agg(n=("actor", "size"), kind=("kind", "first"), side=("side", "first"))
    for actor, r in counts.iterrows():
        graph.add_node(actor, mentions=int(r["n"]), kind=r["kind"], side=r["side"])
    for r in edges[edges[level] > 0].itertuples():
        weight = getattr(r, level)
        graph.add_edge(r.source, r.target, weight=weight, sentences=r.sentences, articles=r.articles,
                       distance=1 / weight)
    return graph


def actor_centrality(graph: nx.Graph) -> pd.DataFrame:
    """Degree, weighted degree and betweenness (on 1/weight distances) per actor, most central first.

    >>> import pandas as pd
    >>> from vnmigration.sentences import split_sentences
    >>> from vnmigration.actors import extract_mentions
    >>> sentences = split_sentences(pd.DataFrame({"article_id": ["a1"], "text": [
    ...     "Deputy Minister Nguyen Van Lam met IOM Chief of Mission Park Mihyung in Hanoi. "
    ...     "“We will protect the rights of every migrant worker abroad,” Park Mihyung said."]}))
    >>> mentions = extract_mentions(sentences)
    >>> actor_centrality(actor_graph(actor_edges(mentions), mentions))[["actor", "degree", "side", "mentions"]]
                                          actor  degree     side  mentions
    0                                     Hanoi       3    place         1
    1  International Organization for Migration       3      iom         1
    2                            Nguyen Van Lam       3  unknown         1
    3                              Park Mihyung       3      iom         2
    """
    import networkx as nx

    between = nx.betweenness_centrality(graph, weight="distance", normalized=True)
    rows = [(a, graph.degree(a), graph.degree(a, weight="weight"), round(between[a], 4),
             graph.nodes[a]["side"], graph.nodes[a]["mentions"]) for a in graph.nodes]
    return (pd.DataFrame(rows, columns=["actor", "degree", "weighted_degree", "betweenness", "side", "mentions"])
            .sort_values(["betweenness", "degree", "actor"], ascending=[False, False, True], ignore_index=True))
