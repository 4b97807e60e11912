"""Optional semantic matching with the static sentence-embedding model that ships inside the
``wordllama`` package (``pip install "skillgraph[embeddings]"``).

The model (WordLlama ``l2_supercat``, 256 dimensions, token embeddings averaged) is read
from the files installed with the package; nothing is ever downloaded: a missing file is
an `skillgraph.errors.OptionalDependencyError`, not a network request.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from .._store import cached
from ..errors import OptionalDependencyError

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = ["INSTALL_HINT", "Embedder", "available", "embedder", "entry_vectors"]

INSTALL_HINT = 'install the optional extra: pip install "skillgraph[embeddings]"'
_WEIGHTS = ("weights", "l2_supercat_256.safetensors")
_TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")
_LOCK = threading.Lock()


class Embedder(Protocol):
    """What the matcher needs from a model: l2-normalised float32 rows for texts."""

    def __call__(self, texts: list[str]) -> np.ndarray: ...


def available() -> bool:
    """Whether the embedding model can be loaded (the extra is installed)."""
    try:
        embedder()
    except OptionalDependencyError:
        return False
    return True


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The bundled model, loaded once from the installed package's own files.

    Raises:
        OptionalDependencyError: the ``embeddings`` extra is not installed, or its model
            files are missing.
    """
    try:
        import wordllama
        from safetensors import safe_open
        from wordllama import WordLlama
        from wordllama.inference import WordLlamaInference
    except ImportError as exc:
        raise OptionalDependencyError(
            f"semantic matching needs the wordllama package ({exc.name} is missing): "
            + INSTALL_HINT
        ) from None
    root = Path(wordllama.__file__).parent
    weights, tokenizer = root.joinpath(*_WEIGHTS), root.joinpath(*_TOKENIZER)
    for f in (weights, tokenizer):
        if not f.is_file():
            raise OptionalDependencyError(
                f"the embedding model file {f} is missing from the wordllama package "
                f"(nothing is downloaded): reinstall it, {INSTALL_HINT}"
            )
    tok = WordLlama.load_tokenizer(tokenizer, hf_model_id=None)
    with safe_open(str(weights), framework="np", device="cpu") as fh:
        matrix = fh.get_tensor("embedding.weight")
    model: Any = WordLlamaInference(matrix, tok, binary=False)

    def embed(texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, matrix.shape[1]), dtype=np.float32)
        with _LOCK:
            out = np.asarray(model.embed(texts, norm=True), dtype=np.float32)
        return out

    return embed


def entry_vectors(g: SkillGraph) -> np.ndarray:
    """Embeddings of every label entry of the graph's text index (cached per version).

    Raises:
        OptionalDependencyError: the ``embeddings`` extra is not installed.
    """
    from ._index import text_index

    embed = embedder()

    def build(graph: SkillGraph) -> np.ndarray:
        return embed(list(text_index(graph).entry_text))

    return cached(g, "text_embeddings", build)
