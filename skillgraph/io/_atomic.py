"""Atomic file output: write to a temporary file beside the target, then rename.

What ``path`` names decides how it is written:

- a regular file, or nothing yet: a temporary file in the same folder is written, synced
  and renamed over it (the old file stays intact until the rename);
- a symbolic link: its final target is written that way (the link itself is kept);
- a character device, FIFO or socket (``/dev/null``, a named pipe), or a link through
  ``/proc/*/fd`` or ``/dev/fd`` (``/dev/stdout``): the output is streamed into it, since
  there is no file to replace.

SIGTERM and SIGHUP (when their handlers are the default) are turned into a clean abort
while writing: the temporary file is removed, then the process dies of the signal as it
would have. A process killed outright (``kill -9``, a power cut) leaves its temporary
file, ``.NAME.TAG-PID-RANDOM.tmp``. A later write of the same output removes such a file
only when all of these hold:

- its TAG is this process's: a short hash of the full host name and of the pid namespace
  (the inode of ``/proc/self/ns/pid`` where it exists), so that containers or pods sharing
  the folder, even under one host name, never judge each other's pids;
- its PID is a number no process of this namespace has (pids too large for the system
  are never judged: such a file is left alone);
- it was last modified more than `STALE_AFTER` seconds ago (a writer whose pid was
  misjudged keeps its file while it writes);
- it is a regular file of exactly that pattern, owned by the user.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import signal
import socket
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import BinaryIO

from ..errors import FormatError, OutputError, SkillGraphError

#: Longest part of the target's name used in the temporary name (file names are at most
#: 255 bytes; the temporary name adds a dot, the host and pid, a random part and ".tmp").
_NAME_PART = 200
#: the random part `tempfile.mkstemp` gives a name
_RANDOM = r"[a-z0-9_]{8}"


#: a temporary file modified less than this many seconds ago is never removed (10 minutes)
STALE_AFTER = 600.0
#: the most digits of a pid judged (larger pids are not this system's: left alone)
_PID_DIGITS = 10


def _pid_namespace() -> str:
    """This process's pid namespace (device and inode of ``/proc/self/ns/pid``), or "" where
    the system has none."""
    try:
        st = os.stat("/proc/self/ns/pid")
    except OSError:
        return ""
    return f"{st.st_dev}:{st.st_ino}"


def _host() -> str:
    """The tag of this host and pid namespace in temporary names: 12 hexadecimal digits of
    a hash of the full host name and the namespace."""
    ident = f"{socket.gethostname()}\0{_pid_namespace()}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(ident, digest_size=6).hexdigest()


def _prefix(path: Path) -> str:
    """The start of the temporary names of ``path`` written by this host, before the pid."""
    return f".{path.name[:_NAME_PART]}.{_host()}-"


def _alive(pid: int) -> bool:
    """Whether a process ``pid`` may exist (one of another user counts; so does a pid the
    system cannot even name, which is then never judged gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError, ValueError):
        return True
    return True


def remove_stale(path: Path) -> None:
    """Remove the temporary files of earlier writes of ``path`` by this host and pid
    namespace whose process is gone (killed while writing) and which were last modified
    more than `STALE_AFTER` seconds ago: regular files named exactly as `atomic_output`
    names them, owned by this user; nothing else is touched (see the module docstring)."""
    prefix = _prefix(path)
    pattern = re.compile(re.escape(prefix) + rf"([0-9]{{1,{_PID_DIGITS}}})-" + _RANDOM + r"\.tmp")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        names = [n for n in os.listdir(folder) if n.startswith(prefix)]
    except OSError:
        return
    uid = os.getuid() if hasattr(os, "getuid") else None
    before = time.time() - STALE_AFTER
    for name in names:
        found = pattern.fullmatch(name)
        if found is None or int(found[1]) == os.getpid() or _alive(int(found[1])):
            continue
        stale = folder / name
        with contextlib.suppress(OSError):
            st = os.lstat(stale)
            mine = stat.S_ISREG(st.st_mode) and (uid is None or st.st_uid == uid)
            if mine and st.st_mtime < before:
                stale.unlink()


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived while an output was being written."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _through_fd_links(path: Path) -> bool:
    """Whether ``path`` is (a link chain through) ``/proc/*/fd/*`` or ``/dev/fd/*``."""
    current = os.path.abspath(path)
    for _ in range(40):
        if current.startswith(("/proc/", "/dev/fd/")):
            return True
        if not os.path.islink(current):
            return False
        current = os.path.join(os.path.dirname(current), os.readlink(current))
        current = os.path.abspath(current)
    return False


def _streams(path: Path) -> bool:
    """Whether ``path`` is written by streaming rather than by an atomic rename."""
    if _through_fd_links(path):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


@contextlib.contextmanager
def _signals_abort() -> Iterator[None]:
    """SIGTERM and SIGHUP raise `_Terminated` inside the block (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, object] = {}

    def handler(signum: int, frame: FrameType | None) -> None:
        raise _Terminated(signum)

    sigs: tuple[int, ...] = (signal.SIGTERM, signal.SIGHUP)
    for sig in sigs:
        if signal.getsignal(sig) is signal.SIG_DFL:
            previous[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig in previous:
            signal.signal(sig, signal.SIG_DFL)


def _stream(path: Path) -> Iterator[BinaryIO]:
    try:
        fh = open(path, "wb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None
    try:
        with fh:
            yield fh
            fh.flush()
    except OSError as exc:
        if isinstance(exc, SkillGraphError):
            raise
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise OutputError(f"cannot write: {reason}", path=str(path)) from exc


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces ``path`` only when the block ends cleanly.

    On any exception (KeyboardInterrupt, SIGTERM and SIGHUP included) the temporary file
    is removed and ``path`` is left as it was. See the module docstring for devices,
    FIFOs and symbolic links.

    Raises:
        FormatError: the folder of ``path`` does not exist or is not writable, or ``path``
            is itself a folder.
        OutputError: writing, syncing or renaming failed (disk full, permission denied).
    """
    if _streams(path):
        yield from _stream(path)
        return
    if os.path.islink(path):
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise FormatError(f"cannot write: folder {str(folder)!r} does not exist", source=str(path))
    if path.is_dir():
        raise FormatError("cannot write: this is a folder, not a file", source=str(path))
    remove_stale(path)
    terminated: _Terminated | None = None
    with _signals_abort():
        try:
            fd, tmp = tempfile.mkstemp(
                prefix=f"{_prefix(path)}{os.getpid()}-", suffix=".tmp", dir=folder
            )
        except OSError as exc:
            raise FormatError(f"cannot write: {exc.strerror}", source=str(path)) from None
        try:
            with os.fdopen(fd, "wb") as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException as exc:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            if isinstance(exc, _Terminated):
                terminated = exc
            elif isinstance(exc, OSError) and not isinstance(exc, SkillGraphError):
                reason = exc.strerror or str(exc) or type(exc).__name__
                raise OutputError(f"cannot write: {reason}", path=str(path)) from exc
            else:
                raise
    if terminated is not None:  # die of the signal, as without the handler
        os.kill(os.getpid(), terminated.signum)
        raise SystemExit(128 + terminated.signum)
