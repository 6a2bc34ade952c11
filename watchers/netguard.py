"""SSRF guard: refuse to fetch from addresses that are not on the public internet.

Feed URLs come from admins and from redirects chosen by remote servers, so a
redirect to ``http://169.254.169.254/`` (cloud metadata) or to an intranet host
must be refused before any connection is made. Two layers use the same rule:

* `vet_host` resolves a URL's host and checks every address, per redirect hop,
  so the caller gets a clear `BlockedAddressError` before connecting;
* `guarded_socket_factory` checks the exact address aiohttp is about to connect
  to, which also defeats DNS rebinding between the check and the connection.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from watchers.errors import BlockedAddressError, FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class BlockedSocketError(OSError):
    """Raised inside aiohttp's connector when a socket would reach a refused address."""


def _embedded_v4(addr: IPAddress) -> list[IPAddress]:
    """IPv4 addresses tunnelled inside an IPv6 one (mapped, 6to4, Teredo)."""
    if not isinstance(addr, ipaddress.IPv6Address):
        return []
    found: list[IPAddress] = []
    if addr.ipv4_mapped is not None:
        found.append(addr.ipv4_mapped)
    if addr.sixtofour is not None:
        found.append(addr.sixtofour)
    if addr.teredo is not None:
        found.append(addr.teredo[1])
    return found


def _is_public(addr: IPAddress) -> bool:
    if addr in _NAT64:  # DNS64 answers on IPv6-only hosts: judge the IPv4 inside
        return _is_public(ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF))
    # is_global alone is not enough: multicast (224.0.0.0/4) counts as global.
    bad = (
        addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_multicast
        or addr.is_reserved or addr.is_unspecified or not addr.is_global
    )
    return not bad and all(_is_public(inner) for inner in _embedded_v4(addr))


@lru_cache(maxsize=64)
def _networks(allowed: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(net, strict=False) for net in allowed)


def address_allowed(
    address: str, *, allow_private: bool, allowed_networks: tuple[str, ...] = ()
) -> bool:
    """True when `address` (an IP literal, scope id allowed) may be fetched from."""
    try:
        addr = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if allow_private or _is_public(addr):
        return True
    return any(addr in net for net in _networks(allowed_networks))


def _literal(host: str) -> str | None:
    bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        return str(ipaddress.ip_address(bare.split("%", 1)[0]))
    except ValueError:
        return None


async def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (the literal itself for an IP literal)."""
    literal = _literal(host)
    if literal is not None:
        return [literal]
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    return sorted({str(info[4][0]) for info in infos})


async def vet_host(
    url: str, host: str, port: int, *, allow_private: bool, allowed_networks: tuple[str, ...] = ()
) -> None:
    """Raise `BlockedAddressError` if any address of `host` is refused.

    All addresses must pass, not just one: the connector may pick any of them.
    """
    if allow_private:
        return
    try:
        addresses = await resolve(host, port)
    except FetchError as exc:
        raise FetchError(f"{url}: {exc}") from exc
    refused = [a for a in addresses if not address_allowed(
        a, allow_private=False, allowed_networks=allowed_networks)]
    if refused:
        raise BlockedAddressError(
            f"{url}: refused, host {host!r} resolves to non-public address {refused[0]}"
        )


def guarded_socket_factory(
    *, allow_private: bool, allowed_networks: Iterable[str] = ()
) -> Callable[[tuple[Any, ...]], socket.socket]:
    """A `TCPConnector(socket_factory=...)` that refuses non-public peers."""
    allowed = tuple(allowed_networks)

    def factory(addr_info: tuple[Any, ...]) -> socket.socket:
        family, type_, proto, _, sockaddr = addr_info
        if not address_allowed(str(sockaddr[0]), allow_private=allow_private,
                               allowed_networks=allowed):
            raise BlockedSocketError(f"refused to connect to non-public address {sockaddr[0]}")
        return socket.socket(family=family, type=type_, proto=proto)

    return factory
