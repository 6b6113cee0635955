"""Writing an export safely: ``selfcheck`` runs as root on the build machines.

An export is written only to a new path or over an existing regular file that is not one
of its inputs; a folder, a device (``/dev/null``), a FIFO, a socket or a symbolic link is
refused with one line. The bytes go to an unnamed temporary file beside the target (Linux
``O_TMPFILE``: a process killed while writing leaves nothing behind), every write is
checked, and the file is given a name only when complete, then renamed over the target.
An overwritten file keeps its mode and owner (a private answer key stays private).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import secrets
import signal
import stat
import threading
from pathlib import Path

from ..core.validate import display_path


class OutputError(Exception):
    """The output cannot be written (one line, for the command line)."""


_KIND = [
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_target(path: Path, inputs=()) -> os.stat_result | None:
    """Fail early, before any work, when ``path`` must not or cannot be written.
    Returns the existing regular file's status, or None for a new path."""
    if str(path) == "":
        raise OutputError("cannot write to an empty file name: give -o OUT, or leave -o out for standard output")
    path = Path(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(f"cannot write {path}: it is a folder; give a file name")
        if not stat.S_ISREG(st.st_mode):
            kind = next((name for test, name in _KIND if test(st.st_mode)), "not a regular file")
            raise OutputError(f"cannot write {path}: it is {kind}, not a regular file; give a new file name")
    for source in inputs:
        if _same_file(path, Path(source)):
            raise OutputError(f"cannot write {path}: it is one of the export's inputs ({display_path(source)})")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: no such folder {folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {path}: permission denied in {folder}")
    return st


def write_all(fd: int, data: bytes) -> None:
    """Write every byte or raise OSError (a short write is retried; a full disk raises)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


@contextlib.contextmanager
def _terminated_cleanly():
    """While writing, SIGTERM and SIGHUP end the process through ``finally`` blocks (so the
    temporary file is removed) rather than at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


_AT_FDCWD, _AT_EMPTY_PATH = -100, 0x1000


def _link_unnamed(fd: int, name: Path) -> bool:
    """Give the unnamed file open on ``fd`` the name ``name``; False when the system cannot."""
    try:
        os.link(f"/proc/self/fd/{fd}", name, follow_symlinks=True)
        return True
    except OSError:
        pass
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.linkat(fd, b"", _AT_FDCWD, os.fsencode(name), _AT_EMPTY_PATH) == 0
    except (OSError, AttributeError):
        return False


def _fill(fd: int, data: bytes, old: os.stat_result | None) -> None:
    write_all(fd, data)
    if old is not None:
        os.fchmod(fd, stat.S_IMODE(old.st_mode))
        if (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
            with contextlib.suppress(PermissionError):
                os.fchown(fd, old.st_uid, old.st_gid)
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
    os.fsync(fd)


def write_atomic(path: Path, data: bytes, inputs=()) -> None:
    path = Path(path)
    old = check_target(path, inputs)
    name = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    named = False
    with _terminated_cleanly():
        try:
            try:
                fd = os.open(path.parent, os.O_TMPFILE | os.O_WRONLY, 0o600)
            except (OSError, AttributeError):
                fd = None
            if fd is not None:
                try:
                    _fill(fd, data, old)
                    named = _link_unnamed(fd, name)
                finally:
                    os.close(fd)
            if not named:  # no unnamed files here: a named temporary file, removed on failure
                fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
                named = True
                try:
                    _fill(fd, data, old)
                finally:
                    os.close(fd)
            check_target(path, inputs)  # nothing took its place meanwhile
            os.replace(name, path)
            named = False
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        finally:
            if named:
                with contextlib.suppress(OSError):
                    os.unlink(name)
