"""The guide's reading order: articles sorted by their `Order` field, with previous/next links.

Pelican's own neighbours follow dates, so they are set here once every article is known.
`Order` is already a whole number: the reader checks and converts it (liverguide.checks.front_matter).

Each article's `position` is its place in that order, 1 to the number of articles: the number
the home page, its category page and its own "Topic N of M" show. Orders need not run without
gaps (a draft may hold one), so showing `Order` itself could skip numbers or, with the home
page's lists starting where each category starts, show one twice.

The home page lists the articles under their category's heading in reading order, so each
category's articles must come together: one placed among another category's stops the build
at its `Order` line.
"""
from pelican import signals

from liverguide.errors import ContentError


def link_neighbours(generator):
    articles = sorted(generator.articles, key=lambda a: a.order)
    check_categories_together(articles)
    generator.articles[:] = articles
    for i, article in enumerate(articles):
        article.position = i + 1
        article.previous_article = articles[i - 1] if i > 0 else None
        article.next_article = articles[i + 1] if i + 1 < len(articles) else None
    generator.context["articles"] = articles
    generator.context["reading_order"] = articles


def check_categories_together(articles) -> None:
    finished: dict[str, object] = {}  # category -> the last article of it before another began
    for before, article in zip(articles, articles[1:]):
        if article.category == before.category:
            continue
        finished[before.category.name] = before
        earlier = finished.get(article.category.name)
        if earlier is not None:
            line = getattr(article, "field_lines", {}).get("order")
            raise ContentError(article.source_path, line,
                               f"order {article.order} puts this {article.category.name} article after "
                               f"{before.category.name} articles ({before.slug!r} is {before.order}); "
                               f"the other {article.category.name} articles end at {earlier.order}: keep "
                               "each category's articles together (make new-article does)")


def register():
    signals.article_generator_finalized.connect(link_neighbours)
