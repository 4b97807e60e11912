"""Telling native JSON apart, without the native reader (and so without the model)."""

from __future__ import annotations

from ._source import Source

__all__ = ["sniff_native"]


def sniff_native(source: Source, head: bytes) -> bool:
    """True for a JSON object whose first key is ``"skillgraph"``."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"{") and text[1:].lstrip().startswith(b'"skillgraph"')
