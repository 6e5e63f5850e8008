"""The guide's reading order: articles sorted by their `Order` field, with previous/next links.

Pelican would sort a text field as text ("10" before "2") and its own neighbours follow dates,
so the order is made a number as soon as an article is read and the neighbours are set once
every article is known.
"""
from pelican import signals
from pelican.contents import Article


def number_the_order(content):
    if isinstance(content, Article) and isinstance(getattr(content, "order", None), str):
        content.order = int(content.order)


def link_neighbours(generator):
    articles = sorted(generator.articles, key=lambda a: a.order)
    generator.articles[:] = articles
    for i, article in enumerate(articles):
        article.previous_article = articles[i - 1] if i > 0 else None
        article.next_article = articles[i + 1] if i + 1 < len(articles) else None
    generator.context["articles"] = articles
    generator.context["reading_order"] = articles


def register():
    signals.content_object_init.connect(number_the_order)
    signals.article_generator_finalized.connect(link_neighbours)
