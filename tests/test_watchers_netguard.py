"""The address rule behind the SSRF guard (pure: no network)."""

from __future__ import annotations

import pytest

from watchers.netguard import address_allowed


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
    "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255", "100.64.0.1",
    "192.0.0.170", "::1", "::", "fe80::1", "fe80::1%eth0", "fc00::1", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:169.254.169.254", "2002:7f00:1::", "64:ff9b::a9fe:a9fe",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo wrapping 192.0.2.45
    "not-an-ip",
])
def test_non_public_addresses_are_refused(address: str) -> None:
    assert not address_allowed(address, allow_private=False)


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2606:4700::1111",
                                     "64:ff9b::808:808"])
def test_public_addresses_pass(address: str) -> None:
    assert address_allowed(address, allow_private=False)


def test_allowed_networks_open_only_what_they_name() -> None:
    nets = ("127.0.0.1/32", "10.20.0.0/16")
    assert address_allowed("127.0.0.1", allow_private=False, allowed_networks=nets)
    assert address_allowed("10.20.3.4", allow_private=False, allowed_networks=nets)
    assert not address_allowed("127.0.0.2", allow_private=False, allowed_networks=nets)
    assert not address_allowed("169.254.169.254", allow_private=False, allowed_networks=nets)


def test_allow_private_opens_everything() -> None:
    assert address_allowed("169.254.169.254", allow_private=True)
