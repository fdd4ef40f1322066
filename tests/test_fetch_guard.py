"""A server that fetches client URLs must not reach the machines behind it."""

from __future__ import annotations

import pytest

from communique.errors import FetchError
from communique.fetch import fetch_document
from communique.settings import Settings

GUARDED = Settings(fetch_private_hosts=False, fetch_timeout=2.0)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/page",
        "http://localhost:9/",
        "http://10.1.2.3/x",
        "http://[::1]:9/",
        "http://169.254.169.254/",
    ],
)
def test_private_hosts_are_refused_before_any_request(url: str) -> None:
    with pytest.raises(FetchError, match="private or local address"):
        fetch_document(url, settings=GUARDED)


def test_loopback_is_allowed_by_default_for_local_use() -> None:
    # With the default settings the request is made (and fails: nothing listens on port 9).
    with pytest.raises(FetchError) as info:
        fetch_document("http://127.0.0.1:9/page", settings=Settings(fetch_timeout=2.0))
    assert "private or local address" not in str(info.value)
