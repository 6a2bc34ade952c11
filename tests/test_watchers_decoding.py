"""Capped decompression and polling headers (pure: no network)."""

from __future__ import annotations

import gzip
import zlib
from datetime import UTC, datetime

import pytest

from watchers.decompress import make_decoder
from watchers.errors import BodyTooLargeError, FetchError
from watchers.headers import MAX_RETRY_AFTER_S, parse_max_age, parse_retry_after


def feed_bytewise(coding: str, data: bytes, cap: int = 1 << 20) -> bytes:
    decoder = make_decoder(coding, cap)
    return b"".join(decoder.feed(data[i:i + 1]) for i in range(len(data)))


def test_multi_member_gzip_and_trailing_padding() -> None:
    data = gzip.compress(b"hello ") + gzip.compress(b"world") + b"\x00\x00\x00"
    assert feed_bytewise("gzip", data) == b"hello world"


@pytest.mark.parametrize("wbits", [15, -15])
def test_deflate_zlib_wrapped_or_raw(wbits: int) -> None:
    comp = zlib.compressobj(wbits=wbits)
    data = comp.compress(b"abc" * 1000) + comp.flush()
    assert feed_bytewise("deflate", data) == b"abc" * 1000


def test_stacked_codings_are_undone_in_reverse() -> None:
    data = gzip.compress(zlib.compress(b"layered"))
    assert make_decoder("deflate, gzip", 100).feed(data) == b"layered"


def test_output_cap_is_exact() -> None:
    data = gzip.compress(bytes(1000))
    assert make_decoder("gzip", 1000).feed(data) == bytes(1000)
    with pytest.raises(BodyTooLargeError, match="gzip body inflates past 999 bytes"):
        make_decoder("gzip", 999).feed(data)


def test_identity_passes_through() -> None:
    assert make_decoder(None, 10).feed(b"abc") == b"abc"
    assert make_decoder("identity", 10).feed(b"abc") == b"abc"


@pytest.mark.parametrize("coding", ["br", "zstd", "compress"])
def test_unsupported_codings(coding: str) -> None:
    with pytest.raises(FetchError, match=f"unsupported Content-Encoding '{coding}'"):
        make_decoder(coding, 10)


NOW = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("value", "seconds"), [
    ("120", 120.0), (" 0 ", 0.0), ("Tue, 05 Mar 2024 12:05:00 GMT", 300.0),
    ("Tue, 05 Mar 2024 11:00:00 GMT", 0.0), ("99999999999", MAX_RETRY_AFTER_S),
    ("-5", None), ("soon", None), ("", None), (None, None),
])
def test_retry_after(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value, NOW) == seconds


@pytest.mark.parametrize(("value", "seconds"), [
    ("max-age=900", 900.0), ("public, max-age=60, must-revalidate", 60.0),
    ('max-age="30"', 30.0), ("s-maxage=10", None), ("no-cache", None), (None, None),
    ("MAX-AGE=5", 5.0), ("max-age=abc", None),
])
def test_max_age(value: str | None, seconds: float | None) -> None:
    assert parse_max_age(value) == seconds
