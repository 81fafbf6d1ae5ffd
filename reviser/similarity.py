"""Matching by meaning: which of the user's facts answers an interview question.

Static sentence embeddings from WordLlama, whose weights (16 MB) and tokenizer ship inside the `wordllama`
wheel: nothing is downloaded at run time, and loading takes well under a second. Shared words still count
a little on top (a question about "CRRT" should find the note about CRRT even where the embedding is unsure).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from reviser.rubric.engine import content_words

_LOCK = threading.Lock()


@cache
def _model() -> Any:
    """The WordLlama model from the files inside the installed package, with downloads switched off.

    `WordLlama.load()` looks for the tokenizer in `wordllama/tokenizer/` while the wheel ships it in
    `wordllama/tokenizers/`, and then tries the Hugging Face hub; pointing its cache at the package folder
    finds both files where the wheel put them, and `disable_download` makes a missing file an error, never a
    download."""
    import wordllama
    from wordllama import WordLlama

    logging.getLogger("wordllama").setLevel(logging.ERROR)
    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def embeddings(texts: Sequence[str]) -> Any:
    """Unit-length embeddings, one row a text."""
    with _LOCK:  # the tokenizer is shared between the answer threads
        return _model().embed(list(texts), norm=True)


def meaning(query: str, texts: Sequence[str]) -> list[float]:
    """Cosine similarity of query to each text, from -1 to 1."""
    if not texts:
        return []
    vectors = embeddings([query, *texts])
    return [float(x) for x in vectors[1:] @ vectors[0]]


def shared_words(query: str, text: str) -> float:
    """The share of the query's content words that the text also has (stemmed), from 0 to 1."""
    wanted = content_words(query)
    return len(wanted & content_words(text)) / len(wanted) if wanted else 0.0


def relevance(query: str, texts: Sequence[str], word_weight: float = 0.25) -> list[float]:
    """How well each text answers the query: meaning first, shared words as a tie-breaker."""
    return [m + word_weight * shared_words(query, t) for m, t in zip(meaning(query, texts), texts, strict=True)]
