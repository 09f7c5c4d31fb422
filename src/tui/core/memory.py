"""Giving freed memory back to the operating system.

Search tables and end-of-indexing data are built in worker threads, hundreds of MB at
100k articles. Once a set is dropped, glibc's allocator keeps the freed pages in the
thread's arena, so the process's resident size only ever grows as the tables are built
again while indexing; ``malloc_trim`` returns those pages. Elsewhere this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
from collections.abc import Callable


@functools.cache
def _trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim  # type: ignore[no-any-return]


def give_back() -> bool:
    """Return the allocator's free pages to the operating system; True if it could."""
    trim = _trim()
    return bool(trim(0)) if trim is not None else False
