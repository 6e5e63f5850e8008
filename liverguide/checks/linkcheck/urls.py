"""What kind of URL a reference is, and whether an external, mailto: or tel: URL is well-formed.
Nothing here touches the network."""
from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import idna
from email_validator import EmailNotValidError, validate_email

SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Characters a URL may never hold as written (RFC 3986 plus the WHATWG "invalid" code points);
# non-ASCII letters are fine, browsers percent-encode them.
BAD_CHARACTERS = re.compile(r"[\x00-\x20\x7f<>\"{}|\\^`]")
BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# scheme://host[/...] with no user, port or IPv6 literal: the host is everything up to the path.
SIMPLE_WEB_URL = re.compile(r"^https?://([^/?#@:\[\]]+)(?:[/?#]|$)", re.I)
LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
# RFC 3966: a global number is '+' and digits with visual separators; a local number needs a
# phone-context parameter saying where it is dialled.
TEL_PARAM = r"(?:;[A-Za-z0-9\-]+(?:=[A-Za-z0-9\-.!~*'()\[\]/:&+$%]+)?)"
TEL_GLOBAL = re.compile(rf"^\+[\d\-.()]*\d[\d\-.()]*{TEL_PARAM}*$")
TEL_LOCAL = re.compile(rf"^[\d*#\-.()]*[\d*#][\d*#\-.()]*{TEL_PARAM}*;phone-context=[^;]+{TEL_PARAM}*$", re.I)


def scheme_of(url: str) -> str | None:
    if ":" not in url:  # most links inside a site: no need for the regex
        return None
    match = SCHEME.match(url)
    return match.group(1).lower() if match else None


@lru_cache(maxsize=4096)  # a site links the same few hosts many times
def valid_host(host: str) -> bool:
    if host.startswith("["):
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            return False
        return host.endswith("]")
    try:
        ipaddress.IPv4Address(host)
        return True
    except ValueError:
        pass
    ascii_host = host.rstrip(".").lower()
    if not ascii_host.isascii():
        try:
            ascii_host = idna.encode(ascii_host, uts46=True).decode("ascii")
        except (idna.IDNAError, UnicodeError):
            return False
    labels = ascii_host.split(".")
    # A public site needs a dotted name: 'localhost' or 'intranet' never works for a reader.
    return (len(labels) >= 2 and all(LABEL.match(label) for label in labels)
            and not labels[-1].isdigit() and len(ascii_host) <= 253)


def web_url_problem(url: str) -> str | None:
    """Why an http(s) URL is malformed, or None."""
    if BAD_CHARACTERS.search(url):
        return "has spaces or characters a URL may not hold"
    if BAD_PERCENT.search(url):
        return "has a '%' that is not a %XX escape"
    simple = SIMPLE_WEB_URL.match(url)
    if simple:  # the common case, without urlsplit's overhead
        host = simple.group(1)
        return None if valid_host(host) else f"has no valid host name ({host!r})"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError as error:
        return f"cannot be parsed ({error})"
    if not parts.netloc:
        return "has no host"
    if parts.username is not None or parts.password is not None:
        return "carries a user name or password"
    host = parts.netloc.rsplit("@", 1)[-1]
    if not host.startswith("["):
        host = host.split(":", 1)[0]
    else:
        host = host[: host.find("]") + 1]
    if not valid_host(host):
        return f"has no valid host name ({host!r})"
    return None


def mailto_problem(url: str) -> str | None:
    """Why a mailto: URL is malformed, or None."""
    body = url.split(":", 1)[1]
    addresses, _, headers = body.partition("?")
    if BAD_CHARACTERS.search(addresses) or BAD_PERCENT.search(body):
        return "has spaces or characters a URL may not hold"
    names = [unquote(a).strip() for a in addresses.split(",") if a.strip()]
    if not names:
        return "has no address"
    for name in names:
        try:
            validate_email(name, check_deliverability=False)
        except EmailNotValidError as error:
            return f"{name!r} is not an e-mail address ({error})"
    for header in filter(None, headers.split("&")):
        key, equals, _ = header.partition("=")
        if not key or not equals:
            return f"has a malformed header {header!r}"
    return None


def tel_problem(url: str) -> str | None:
    """Why a tel: URL is malformed, or None."""
    number = unquote(url.split(":", 1)[1])
    if TEL_GLOBAL.match(number) or TEL_LOCAL.match(number):
        return None
    if not number:
        return "has no number"
    if " " in number:
        return "has spaces (use '-' to group digits)"
    return "is not '+' followed by the full number with country code (RFC 3966)"
