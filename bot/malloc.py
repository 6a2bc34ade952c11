"""Hand big freed buffers back to the OS at once (glibc; a no-op elsewhere).

A sweep churns through thousands of feed bodies and parse results of 50-500 KB.
glibc raises its mmap threshold as such blocks are freed, then serves them from
its heap, which they fragment and which does not shrink: the service's RSS ends
tens of MB above what it uses. A fixed threshold keeps blocks of 64 KiB and more
mmapped, so each goes back to the OS when freed.
"""

from __future__ import annotations

import ctypes
import ctypes.util

_M_MMAP_THRESHOLD = -3  # from glibc's malloc.h


def return_big_blocks_to_os(threshold: int = 64 * 1024) -> bool:
    """Fix the allocator's mmap threshold; True when the allocator took it."""
    name = ctypes.util.find_library("c")
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError, TypeError):
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, threshold))
