"""Automatic grouping of similar proposals (pure functions, no database).

Texts become documents of Finnish base forms (``analysis.lemma_document``), then TF-IDF vectors
(sublinear term frequency, L2-normalised). Small sets (up to ``EXACT_LIMIT`` documents) are
clustered by average-linkage agglomeration with a cosine-distance threshold. Large sets are first
reduced with TruncatedSVD and over-clustered with MiniBatchKMeans (k from the data size); the
k centroids are then agglomerated with the same threshold, so both paths cut similarity at the
same level and the cost stays roughly linear in the number of proposals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import AgglomerativeClustering, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from kumppani.proposals.analysis import PART_PREFIX

# Cosine distance below which proposals count as the same idea (tuned on the labelled set in
# bench/proposals_grouping.py).
DISTANCE_THRESHOLD = 0.88
EXACT_LIMIT = 3000
SVD_COMPONENTS = 120
LABEL_TERMS = 3


@dataclass(frozen=True)
class Clustering:
    labels: np.ndarray  # one cluster number per document, 0..n_clusters-1
    keywords: list[list[str]]  # per cluster, its top base forms (most weight first)


def _vectorize(docs: Sequence[str]) -> tuple[sp.csr_matrix, np.ndarray]:
    n = len(docs)
    vectorizer = TfidfVectorizer(
        token_pattern=r"\S+",  # noqa: S106 (a regular expression, not a password)
        lowercase=False,
        sublinear_tf=True,
        min_df=1 if n < 5000 else 2,
        max_df=0.5 if n >= 50 else 1.0,
        dtype=np.float32,
    )
    try:
        matrix = vectorizer.fit_transform(docs)
    except ValueError:  # every document empty (or only very common words)
        return sp.csr_matrix((n, 0), dtype=np.float32), np.array([], dtype=object)
    return matrix.tocsr(), vectorizer.get_feature_names_out()


def _agglomerate(vectors: np.ndarray, threshold: float) -> np.ndarray:
    if vectors.shape[0] == 1:
        return np.zeros(1, dtype=np.int64)
    model = AgglomerativeClustering(
        n_clusters=None,
        metric="cosine",
        linkage="average",
        distance_threshold=threshold,
    )
    return model.fit_predict(vectors).astype(np.int64)


def _kmeans_k(n: int) -> int:
    """Over-cluster: about 12 proposals per centroid, growing sub-linearly for huge sets."""
    return int(max(2, min(n // 12, 12 * np.sqrt(n))))


def cluster_documents(
    docs: Sequence[str], *, threshold: float = DISTANCE_THRESHOLD, seed: int = 0
) -> Clustering:
    """Cluster base-form documents; empty documents each get a cluster of their own.

    BLAS and OpenMP run single-threaded here: on a shared 2-core machine, their default thread
    pools oversubscribe the cores and make k-means ten times slower.
    """
    with threadpool_limits(limits=1):
        return _cluster(docs, threshold=threshold, seed=seed)


def _cluster(docs: Sequence[str], *, threshold: float, seed: int) -> Clustering:
    n = len(docs)
    if n == 0:
        return Clustering(np.zeros(0, dtype=np.int64), [])
    matrix, terms = _vectorize(docs)
    nonempty = np.flatnonzero(matrix.getnnz(axis=1) > 0) if matrix.shape[1] else np.array([], int)
    labels = np.full(n, -1, dtype=np.int64)
    if len(nonempty):
        sub = matrix[nonempty]
        if len(nonempty) <= EXACT_LIMIT:
            labels[nonempty] = _agglomerate(sub.toarray(), threshold)
        else:
            if sub.shape[1] <= 2 * SVD_COMPONENTS:  # few distinct words: no need to reduce
                dense = normalize(sub.toarray()).astype(np.float32)
            else:
                reduced = TruncatedSVD(
                    SVD_COMPONENTS, algorithm="randomized", n_iter=4, random_state=seed
                )
                dense = normalize(reduced.fit_transform(sub)).astype(np.float32)
            k = min(_kmeans_k(len(nonempty)), len(nonempty))
            kmeans = MiniBatchKMeans(
                n_clusters=k,
                batch_size=4096,
                n_init=1,
                max_iter=30,
                max_no_improvement=5,
                init="random" if k > 500 else "k-means++",
                random_state=seed,
            )
            fine = kmeans.fit_predict(dense)
            # Centroids carry the cluster's direction; agglomerate them at the same threshold.
            centroid_sum = np.zeros((k, dense.shape[1]), dtype=np.float64)
            np.add.at(centroid_sum, fine, dense)
            used = np.flatnonzero(np.bincount(fine, minlength=k) > 0)
            merged = _agglomerate(normalize(centroid_sum[used]), threshold)
            remap = np.zeros(k, dtype=np.int64)
            remap[used] = merged
            labels[nonempty] = remap[fine]
    next_label = int(labels.max()) + 1 if (labels >= 0).any() else 0
    for index in np.flatnonzero(labels < 0):
        labels[index] = next_label
        next_label += 1
    # Renumber densely in order of first appearance.
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    order = np.argsort(np.argsort(first))
    labels = order[inverse].astype(np.int64)
    return Clustering(labels, _keywords(matrix, terms, labels))


def _keywords(matrix: sp.csr_matrix, terms: np.ndarray, labels: np.ndarray) -> list[list[str]]:
    """Top TF-IDF terms of each cluster's centroid."""
    n_clusters = int(labels.max()) + 1 if len(labels) else 0
    if not matrix.shape[1]:
        return [[] for _ in range(n_clusters)]
    membership = sp.csr_matrix(
        (np.ones(len(labels), dtype=np.float32), (labels, np.arange(len(labels)))),
        shape=(n_clusters, len(labels)),
    )
    sums = (membership @ matrix).tocsr()
    out: list[list[str]] = []
    for row in range(n_clusters):
        start, end = sums.indptr[row], sums.indptr[row + 1]
        cols, vals = sums.indices[start:end], sums.data[start:end]
        ranked = [str(terms[c]) for c in cols[np.argsort(-vals, kind="stable")]]
        out.append([t for t in ranked if not t.startswith(PART_PREFIX)][:LABEL_TERMS])
    return out


def label_from_keywords(keywords: Sequence[str]) -> str:
    if not keywords:
        return "–"
    text = ", ".join(keywords)
    return text[0].upper() + text[1:]


def most_central(docs: Sequence[str]) -> int:
    """Index of the document closest to the set's TF-IDF centroid (0 when nothing tells)."""
    if len(docs) < 3:
        return 0
    matrix, _terms = _vectorize(docs)
    if not matrix.shape[1]:
        return 0
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    similarity = matrix @ centroid
    return int(np.argmax(similarity))


def shorten(text: str, limit: int = 100) -> str:
    """The text's first sentence, cut at a word boundary within ``limit`` characters."""
    text = " ".join(text.split())
    for end in (". ", "! ", "? "):
        if end in text:
            text = text.split(end, 1)[0]
    text = text.rstrip(".!? ")
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:– ")
    return f"{cut}…"


def pairwise_precision_recall(
    truth: Sequence[str], predicted: Sequence[int]
) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering against ground-truth labels."""
    from collections import Counter

    def pairs(counter: Counter[object]) -> int:
        return sum(c * (c - 1) // 2 for c in counter.values())

    same_pred = pairs(Counter(predicted))
    same_truth = pairs(Counter(truth))
    both = pairs(Counter(zip(truth, predicted, strict=True)))
    precision = both / same_pred if same_pred else 1.0
    recall = both / same_truth if same_truth else 1.0
    return precision, recall
