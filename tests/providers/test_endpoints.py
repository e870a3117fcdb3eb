"""Endpoint parsing, the allow-list and the DNS guard: hostile input is refused
with endpoint_not_allowed before any connection."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from byo_core.errors import EndpointNotAllowedError, ProviderError
from byo_core.providers import AZURE_HOST_SUFFIXES, check_azure, check_openai, ensure_public, openai_base_url, parse_azure_endpoint
from byo_core.providers.endpoints import allowed_hosts, is_ip_literal

HOSTILE = [
    "169.254.169.254", "https://169.254.169.254", "https://169.254.169.254/latest/meta-data/",
    "localhost", "http://localhost", "https://localhost", "10.0.0.1", "https://10.0.0.1",
    "[::1]", "https://[::1]/", "::1", "[::ffff:169.254.169.254]",
    "2852039166", "https://2852039166", "0xA9FEA9FE", "0xa9.0xfe.0xa9.0xfe", "0251.0376.0251.0376", "127.1", "0",
    "user@myres.openai.azure.com", "https://user:pw@myres.openai.azure.com", "myres.openai.azure.com@169.254.169.254",
    "myres.openai.azure.com/openai/deployments", "https://myres.openai.azure.com/x", "https://myres.openai.azure.com?x=1",
    "https://myres.openai.azure.com#frag",
    "http://myres.openai.azure.com", "ftp://myres.openai.azure.com", "file:///etc/passwd", "gopher://x",
    "myres.openai.azure.com:8443", "https://myres.openai.azure.com:443",
    "example.com", "https://api.openai.com", "myres.openai.azure.com.evil.com", "evil.com/.openai.azure.com",
    "a.b.openai.azure.com", "-bad.openai.azure.com", "bad-.openai.azure.com", "x.openai.azure.com",
    "myres.openai.azure.com\\@evil.com", "myres%2eopenai.azure.com", "my res.openai.azure.com",
    "myres.openai.azure.com\r\nHost: evil", "ｍyres.openai.azure.com", "", "   ", "openai.azure.com", ".openai.azure.com",
]


@pytest.mark.parametrize("raw", HOSTILE)
async def test_hostile_endpoint_refused_before_any_connection(raw, key, azure_env, resolver, network_guard):
    double = azure_env
    result = await check_azure(key, raw, resolver=resolver, timeout=2)
    assert [c.code for c in result.checks] == ["endpoint_not_allowed"]
    assert result.status == "fail"
    assert double.connections == 0 and double.requests == []
    assert resolver.asked == [] and network_guard.blocked == []


@pytest.mark.parametrize("raw", HOSTILE)
def test_hostile_endpoint_raises_the_typed_error(raw):
    with pytest.raises(EndpointNotAllowedError) as info:
        parse_azure_endpoint(raw, env={})
    assert isinstance(info.value, ProviderError)


async def test_the_doubles_own_address_is_refused_unless_listed(key, double, resolver):
    for raw in (double.host_port, double.url, f"http://127.0.0.1:{double.port}/"):
        result = await check_azure(key, raw, resolver=resolver, timeout=2)
        assert result.checks[0].code == "endpoint_not_allowed"
    assert double.connections == 0


@pytest.mark.parametrize(
    "raw, url",
    [
        ("myres", "https://myres.openai.azure.com"),
        ("myres.openai.azure.com", "https://myres.openai.azure.com"),
        ("https://myres.openai.azure.com/", "https://myres.openai.azure.com"),
        ("  HTTPS://MyRes.OpenAI.Azure.com/ ", "https://myres.openai.azure.com"),
        ("myres.openai.azure.com.", "https://myres.openai.azure.com"),
        ("my-res-01.cognitiveservices.azure.com", "https://my-res-01.cognitiveservices.azure.com"),
        ("gov-res.openai.azure.us", "https://gov-res.openai.azure.us"),
    ],
)
def test_accepted_endpoint_forms(raw, url):
    ep = parse_azure_endpoint(raw, env={})
    assert ep.base_url == url and not ep.allow_listed


def test_allow_list_entries_and_ports():
    env = {"BYO_ALLOWED_HOSTS": " 127.0.0.1:8123 , proxy.corp, [::1]:9000, bad:port:x, "}
    assert allowed_hosts(env) == {("127.0.0.1", 8123), ("proxy.corp", None), ("::1", 9000)}
    assert parse_azure_endpoint("127.0.0.1:8123", env).base_url == "http://127.0.0.1:8123"
    assert parse_azure_endpoint("https://127.0.0.1:8123", env).base_url == "https://127.0.0.1:8123"
    assert parse_azure_endpoint("[::1]:9000", env).base_url == "http://[::1]:9000"
    assert parse_azure_endpoint("proxy.corp", env).base_url == "https://proxy.corp"
    for raw in ("127.0.0.1:8124", "127.0.0.1", "http://proxy.corp", "proxy.corp:8443", "https://127.0.0.1:8123/path"):
        with pytest.raises(EndpointNotAllowedError):
            parse_azure_endpoint(raw, env)


def test_openai_base_url_rules():
    assert openai_base_url({}).base_url == "https://api.openai.com/v1"
    listed = {"BYO_ALLOWED_HOSTS": "127.0.0.1:9999,gw.corp", "BYO_OPENAI_BASE_URL": "http://127.0.0.1:9999/v1/"}
    assert openai_base_url(listed).base_url == "http://127.0.0.1:9999/v1"
    assert openai_base_url({**listed, "BYO_OPENAI_BASE_URL": "https://gw.corp/openai/v1"}).base_url == "https://gw.corp/openai/v1"
    for bad in ("http://api.openai.com/v1", "https://evil.com/v1", "http://gw.corp/v1", "https://u:p@gw.corp/v1",
                "https://api.openai.com:444/v1", "https://api.openai.com/v1?x=1", "api.openai.com", "http://127.0.0.1:9998/v1",
                "https://169.254.169.254/v1"):
        with pytest.raises(EndpointNotAllowedError):
            openai_base_url({**listed, "BYO_OPENAI_BASE_URL": bad})


async def test_unlisted_openai_base_url_is_refused_before_any_connection(key, double, monkeypatch, resolver):
    monkeypatch.setenv("BYO_OPENAI_BASE_URL", f"{double.url}/v1")  # not in BYO_ALLOWED_HOSTS
    result = await check_openai(key, resolver=resolver, timeout=2)
    assert [c.code for c in result.checks] == ["endpoint_not_allowed"]
    assert double.connections == 0 and resolver.asked == []


@pytest.mark.parametrize("host", ["2852039166", "0xA9FEA9FE", "0251.0376.0251.0376", "127.1", "1.2.3.4", "::1", "0x7f.1", "4294967296"])
def test_ip_literals_in_any_notation(host):
    assert is_ip_literal(host)


@pytest.mark.parametrize("host", ["myres.openai.azure.com", "a1.openai.azure.com", "0x-res.openai.azure.com"])
def test_names_are_not_ip_literals(host):
    assert not is_ip_literal(host)


# -- DNS: a name that resolves to a private address is refused ------------------

@pytest.mark.parametrize(
    "addresses",
    [["10.1.2.3"], ["127.0.0.1"], ["169.254.169.254"], ["192.168.0.5"], ["100.64.0.1"], ["::1"], ["fe80::1%eth0"],
     ["fd00::1"], ["::ffff:169.254.169.254"], ["0.0.0.0"], ["20.1.2.3", "10.0.0.7"], []],
)
async def test_names_resolving_to_private_addresses_are_refused(addresses, key, resolver, network_guard):
    resolver.table["myres.openai.azure.com"] = addresses
    result = await check_azure(key, "myres", resolver=resolver, timeout=2)
    assert resolver.asked == ["myres.openai.azure.com"]
    code = result.checks[0].code
    assert code == ("unreachable" if not addresses else "endpoint_not_allowed")
    assert network_guard.blocked == []  # the real resolver and network were never used


async def test_public_addresses_pass_the_dns_guard(resolver):
    resolver.table["myres.openai.azure.com"] = ["20.42.1.1", "2603:1030::1"]
    await ensure_public(parse_azure_endpoint("myres", env={}), resolver)


async def test_unresolvable_name_is_unreachable(key, resolver, network_guard):
    result = await check_azure(key, "no-such-res", resolver=resolver, timeout=2)
    assert result.checks[0].code == "unreachable" and "no-such-res.openai.azure.com" in result.checks[0].message
    assert network_guard.blocked == []


async def test_slow_dns_is_a_timeout(key):
    import asyncio

    async def hang(host):
        await asyncio.sleep(30)
        return ["20.1.1.1"]

    result = await check_azure(key, "myres", resolver=hang, timeout=0.3)
    assert result.checks[0].code == "timeout"


# -- property: whatever is typed, only https Azure hosts come out ----------------

@settings(max_examples=400)
@given(st.one_of(
    st.text(max_size=60),
    st.from_regex(r"\A(https?://)?([a-z0-9@:.\-\[\]]{0,20})(\.openai\.azure\.com|\.cognitiveservices\.azure\.com|\.evil\.com)?(:[0-9]{1,5})?(/[a-z]*)?\Z"),
))
def test_parser_only_ever_yields_https_azure_hosts(raw):
    try:
        ep = parse_azure_endpoint(raw, env={})
    except EndpointNotAllowedError:
        return
    assert ep.scheme == "https" and ep.port is None and ep.path == "" and not ep.allow_listed
    assert ep.host.endswith(AZURE_HOST_SUFFIXES) and ep.host.count(".") in (3, 4)
    assert not is_ip_literal(ep.host)


@pytest.mark.parametrize("form", ["user@{hp}", "http://user:pw@{hp}", "http://{hp}/openai", "http://{hp}?x=1", "ftp://{hp}"])
async def test_listed_hosts_still_refuse_userinfo_paths_and_other_schemes(form, key, azure_env):
    result = await check_azure(key, form.format(hp=azure_env.host_port), timeout=2)
    assert [c.code for c in result.checks] == ["endpoint_not_allowed"]
    assert azure_env.connections == 0
