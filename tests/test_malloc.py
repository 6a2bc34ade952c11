"""bot.malloc: the allocator takes the fixed mmap threshold where it is glibc."""

from __future__ import annotations

import platform

import pytest

from bot.malloc import return_big_blocks_to_os


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc",
                    reason="M_MMAP_THRESHOLD is glibc's")
def test_glibc_takes_the_threshold() -> None:
    assert return_big_blocks_to_os() is True
    assert return_big_blocks_to_os(128 * 1024) is True  # idempotent, any sane size
