"""Where a webhook may send data: https only, and only to public addresses, checked when the
subscription is saved and again on every delivery (at the moment of connecting, so a host name
that resolves elsewhere later, DNS rebinding, still cannot reach inside)."""

import http.client
import ipaddress
import socket
import urllib.request
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .. import conf


class Refused(ValueError):
    """The target is not a public https address."""


def public(address: str) -> bool:
    """Whether an IP address is on the public internet: not loopback, private, link-local (cloud
    metadata, 169.254.169.254), shared, reserved, multicast or unspecified."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[tuple]:
    """getaddrinfo's answers for host, all of them public, else `Refused`."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise Refused(_("The host %(host)s cannot be resolved (%(error)s).") % {"host": host, "error": error})
    bad = sorted({info[4][0] for info in infos if not public(info[4][0])})
    if bad or not infos:
        raise Refused(
            _(
                "%(host)s resolves to an address that is not public (%(addresses)s): webhooks are sent "
                "only to public internet addresses."
            )
            % {"host": host, "addresses": ", ".join(bad)}
        )
    return infos


def check(url: str) -> tuple[str, int]:
    """(host, port) of an https URL whose host resolves only to public addresses, else `Refused`."""
    try:
        parts = urlsplit(url)
        port = parts.port or 443
    except ValueError:
        raise Refused(_("Not a valid URL."))
    if conf.get("WEBHOOK_PRIVATE_TARGETS") and parts.scheme.lower() in ("http", "https") and parts.hostname:
        return parts.hostname, port  # development only: a partner's test endpoint on this machine
    if parts.scheme.lower() != "https":
        raise Refused(_("Webhooks are sent over https only."))
    if not parts.hostname:
        raise Refused(_("The URL has no host."))
    if parts.username or parts.password:
        raise Refused(_("Put no user name or password in the URL; deliveries are signed instead."))
    resolve(parts.hostname, port)
    return parts.hostname, port


def validate(url: str) -> None:
    """The model field's validator: the subscription is refused at save."""
    try:
        check(url)
    except Refused as error:
        raise ValidationError(str(error), code="webhook_target")


def _connect_public(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None, **kwargs):
    """socket.create_connection, to the first public address the host resolves to, and only if all
    of them are public."""
    host, port = address
    error = None
    for family, kind, proto, _name, sockaddr in resolve(host, port):
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            sock.connect(sockaddr)
        except OSError as failure:
            sock.close()
            error = failure
            continue
        if not public(sock.getpeername()[0]):
            sock.close()
            raise Refused(_("Connected to an address that is not public."))
        return sock
    raise error or OSError(f"could not connect to {host}")


class _PublicHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_public


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, request):
        return self.do_open(_PublicHTTPSConnection, request, context=self._context)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is the partner's answer, not a new target: it is recorded, never followed."""

    def redirect_request(self, *args, **kwargs):
        return None


def opener() -> urllib.request.OpenerDirector:
    """An opener for deliveries: https to public addresses only, no redirects, no proxy from the
    environment (a proxy would connect on our behalf, wherever the URL says)."""
    if conf.get("WEBHOOK_PRIVATE_TARGETS"):
        return urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects())
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), _PublicHTTPSHandler(), _NoRedirects())
