"""The UTF-8 text of a small input (a people or demand table, a learning file, a skill list
or text for the CLI), read within a byte limit: a device or FIFO may never end, so no more
than the limit is ever read."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from ..errors import FormatError, ResourceLimitError
from ._limits import current, read_bounded, too_big


def read_utf8(
    src: str | Path | BinaryIO,
    *,
    source: str | None = None,
    limit: int | None = None,
    what: str | None = None,
) -> str:
    """The text of the file ``src`` (or of the open binary stream ``src``), UTF-8 with a byte
    order mark dropped.

    Args:
        src: a file path or an open binary stream (e.g. ``sys.stdin.buffer``).
        source: the name errors give (default: the path; ``"<stdin>"`` for a stream).
        limit: the most bytes read; None: the input size limit
            (``SKILLGRAPH_MAX_INPUT_BYTES``, whose error says how to raise it).
        what: what the input is, for the messages (``"people file"``: "cannot read the
            people file: …"); None: "cannot read: …".

    Raises:
        FormatError: the file cannot be read or is not UTF-8.
        ResourceLimitError: it holds more than ``limit`` bytes.
    """
    name = source or (str(src) if isinstance(src, (str, Path)) else "<stdin>")
    bound = current().max_bytes if limit is None else limit
    the = f" the {what}" if what else ""
    try:
        if isinstance(src, (str, Path)):
            with Path(src).open("rb") as fh:
                info = os.fstat(fh.fileno())
                if stat.S_ISREG(info.st_mode) and info.st_size > bound:  # refused unread
                    raise too_big(info.st_size, bound, name)
                data = read_bounded(fh, bound, name)
        else:
            data = read_bounded(src, bound, name)
    except OSError as exc:
        raise FormatError(f"cannot read{the}: {exc.strerror or exc}", source=name) from None
    except ResourceLimitError:
        if limit is None:
            raise
        subject = f"the {what} is more" if what else "more"
        raise ResourceLimitError(f"{subject} than {limit} bytes", source=name) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        subject = f"the {what} is not" if what else "not"
        raise FormatError(f"{subject} UTF-8 text (byte {exc.start})", source=name) from None
