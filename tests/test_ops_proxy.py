"""Behind a proxy: the client's address comes from X-Forwarded-For only when proxy hops are trusted."""

import pytest

from consult import create_app


def _app_with_hops(app, hops):
    settings = {k: v for k, v in app.config.items() if k.isupper()}
    settings.update(PROXY_FIX_HOPS=hops, WTF_CSRF_ENABLED=False, RATELIMIT_AUTH="10 per minute")
    return create_app(type("ProxiedConfig", (), settings))


def _statuses_of_twelve_clients(app):
    """Twelve citizens, each behind the proxy with its own address, ask for a reset of their own account."""
    client = app.test_client()
    return [
        client.post(
            "/mot-de-passe/oubli",
            data={"email": f"personne{n}@exemple.fr"},
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        ).status_code
        for n in range(1, 13)
    ]


def test_clients_behind_one_trusted_proxy_have_their_own_rate_limit(app):
    statuses = _statuses_of_twelve_clients(_app_with_hops(app, 1))
    assert 429 not in statuses, statuses


def test_forwarded_header_is_ignored_when_no_proxy_is_trusted(app):
    statuses = _statuses_of_twelve_clients(_app_with_hops(app, 0))
    assert statuses.count(429) == 2, statuses


@pytest.mark.parametrize(("hops", "expected"), [(0, "127.0.0.1"), (1, "198.51.100.7"), (2, "203.0.113.5")])
def test_the_trusted_hop_decides_which_forwarded_address_is_the_client(app, hops, expected):
    proxied = _app_with_hops(app, hops)

    @proxied.route("/address-for-test")
    def address():
        from flask import request

        return f"{request.remote_addr} {request.scheme}"

    headers = {"X-Forwarded-For": "203.0.113.5, 198.51.100.7", "X-Forwarded-Proto": "https, https"}
    answer = proxied.test_client().get("/address-for-test", headers=headers).get_data(as_text=True)
    assert answer.split()[0] == expected
    assert answer.split()[1] == ("https" if hops else "http")
