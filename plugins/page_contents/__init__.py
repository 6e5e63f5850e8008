"""An "On this page" list for each article, taken from the ids the Markdown toc extension gave
its second-level headings. Read from the finished HTML so that headings added by any extension
are included, and so no second Markdown pass is needed."""
import re
from html import unescape

from pelican import signals
from pelican.contents import Article

H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
TAG = re.compile(r"<[^>]+>")


def collect_headings(content):
    if not isinstance(content, Article):
        return
    content.page_contents = [
        (anchor, unescape(TAG.sub("", title)).strip())
        for anchor, title in H2.findall(content._content or "")
    ]


def register():
    signals.content_object_init.connect(collect_headings)
