"""Links to other sites, fetched: only when asked (`--external`, `make check EXTERNAL=1`), since
it needs the network, takes as long as the slowest site and its answers change from day to day.
Without it, links to other sites are judged by their form alone (liverguide/checks/linkcheck/urls.py).

Each address is fetched once however many pages link it, several at a time: HEAD first, GET
when a server refuses HEAD. An address answers when it ends, after any redirects, in a 2xx page.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

USER_AGENT = "Mozilla/5.0 (compatible; liverguide-linkcheck; checking the guide's references)"
# Servers that answer HEAD with these may still serve the page to a GET.
HEAD_REFUSED = {400, 403, 404, 405, 406, 429, 500, 501, 503}


def problem(url: str, timeout: float = 15) -> str | None:
    """None when `url` answers with a page; otherwise what went wrong, in a few words."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in HEAD_REFUSED:
                continue
            return f"answers HTTP {error.code} {error.reason}".rstrip()
        except urllib.error.URLError as error:
            return f"no answer ({error.reason})"
        except (TimeoutError, OSError, ValueError) as error:
            return f"no answer ({error or type(error).__name__})"
    return None


def problems(urls, jobs: int = 8, timeout: float = 15) -> dict[str, str]:
    """{url: what went wrong} for the addresses of `urls` that do not answer."""
    unique = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        found = pool.map(lambda url: problem(url, timeout), unique)
        return {url: why for url, why in zip(unique, found) if why}
