"""The guide's reading order: articles sorted by their `Order` field, with previous/next links.

Pelican's own neighbours follow dates, so they are set here once every article is known.
`Order` is already a whole number: the reader checks and converts it (liverguide.checks.front_matter).
"""
from pelican import signals


def link_neighbours(generator):
    articles = sorted(generator.articles, key=lambda a: a.order)
    generator.articles[:] = articles
    for i, article in enumerate(articles):
        article.previous_article = articles[i - 1] if i > 0 else None
        article.next_article = articles[i + 1] if i + 1 < len(articles) else None
    generator.context["articles"] = articles
    generator.context["reading_order"] = articles


def register():
    signals.article_generator_finalized.connect(link_neighbours)
