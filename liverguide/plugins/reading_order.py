"""The guide's reading order: articles sorted by their `Order` field, with previous/next links.

Pelican's own neighbours follow dates, so they are set here once every article is known.
`Order` is already a whole number: the reader checks and converts it (liverguide.checks.front_matter).

Each article's `position` is its place in that order, 1 to the number of articles: the number
the home page, its category page and its own "Topic N of M" show. Orders need not run without
gaps (a draft may hold one), and a category's articles need not come together, so showing
`Order` itself could skip numbers or, with the home page's lists starting where each category
starts, show one twice; positions never repeat.
"""
from pelican import signals


def link_neighbours(generator):
    articles = sorted(generator.articles, key=lambda a: a.order)
    generator.articles[:] = articles
    for i, article in enumerate(articles):
        article.position = i + 1
        article.previous_article = articles[i - 1] if i > 0 else None
        article.next_article = articles[i + 1] if i + 1 < len(articles) else None
    generator.context["articles"] = articles
    generator.context["reading_order"] = articles


def register():
    signals.article_generator_finalized.connect(link_neighbours)
