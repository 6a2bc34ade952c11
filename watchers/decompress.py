"""Incremental, size-capped decoding of gzip/deflate response bodies.

aiohttp's own decompression has no output cap, so a 1 MB gzip bomb would
inflate to gigabytes before any size check. We read the raw bytes ourselves
and inflate them here chunk by chunk, asking zlib for at most the remaining
budget each time: a bomb is cut off at the cap, never inflated.

Brotli is not supported: the `brotli` package is not installed here and its
older releases cannot bound the output of one call, so we never advertise it.
"""

from __future__ import annotations

import zlib
from typing import Protocol

from watchers.errors import BodyTooLargeError, FetchError

#: What we send in Accept-Encoding; only codings we can inflate under a cap.
ACCEPT_ENCODING = "gzip, deflate"

_GZIP_MAGIC = b"\x1f\x8b"


class Decoder(Protocol):
    def feed(self, data: bytes) -> bytes: ...


class _Identity:
    def feed(self, data: bytes) -> bytes:
        return data


class _Inflater:
    """gzip (multi-member) or deflate (zlib-wrapped or raw) with an output cap."""

    def __init__(self, coding: str, cap: int) -> None:
        self._coding = coding
        self._cap = cap
        self._produced = 0
        self._obj: zlib._Decompress | None = None
        self._pending = b""  # bytes held back until we can sniff a header
        self._started = False
        self._done = False  # after trailing garbage, ignore the rest

    def feed(self, data: bytes) -> bytes:
        data = self._pending + data
        self._pending = b""
        out = bytearray()
        try:
            while data and not self._done:
                if self._obj is None:
                    if len(data) < 2:
                        self._pending = data
                        break
                    self._obj = self._start(data)
                    if self._obj is None:
                        break
                piece = self._obj.decompress(data, self._cap - self._produced + 1)
                self._produced += len(piece)
                if self._produced > self._cap:
                    raise BodyTooLargeError(
                        f"{self._coding} body inflates past {self._cap} bytes")
                out += piece
                if self._obj.eof:
                    data, self._obj = self._obj.unused_data, None
                else:
                    data = self._obj.unconsumed_tail
        except zlib.error as exc:
            raise FetchError(f"corrupt {self._coding} body: {exc}") from exc
        return bytes(out)

    def _start(self, data: bytes) -> zlib._Decompress | None:
        """A decompressor for the stream (or gzip member) starting at `data`."""
        ended = self._started and self._coding == "deflate"
        if ended or (self._coding == "gzip" and not data.startswith(_GZIP_MAGIC)):
            # Bytes after the end of the stream (padding, junk): ignore them.
            self._done = True
            return None
        self._started = True
        if self._coding == "gzip":
            return zlib.decompressobj(wbits=31)
        # RFC 9110 says deflate is zlib-wrapped; some servers send raw deflate.
        zlib_header = (data[0] & 0x0F) == 8 and ((data[0] << 8) | data[1]) % 31 == 0
        return zlib.decompressobj(wbits=15 if zlib_header else -15)


def make_decoder(content_encoding: str | None, cap: int) -> Decoder:
    """A decoder undoing `content_encoding` (possibly a list) with output capped at `cap`."""
    codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    stages: list[Decoder] = []
    for coding in reversed(codings):  # the last coding applied is undone first
        if coding in ("gzip", "x-gzip"):
            stages.append(_Inflater("gzip", cap))
        elif coding == "deflate":
            stages.append(_Inflater("deflate", cap))
        elif coding != "identity":
            raise FetchError(f"unsupported Content-Encoding {coding!r}")
    if not stages:
        return _Identity()
    if len(stages) == 1:
        return stages[0]
    return _Chain(stages)


class _Chain:
    def __init__(self, stages: list[Decoder]) -> None:
        self._stages = stages

    def feed(self, data: bytes) -> bytes:
        for stage in self._stages:
            data = stage.feed(data)
        return data
