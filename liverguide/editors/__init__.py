"""The editors' commands: `make new-article` (new_article.py), `make review` (review.py) and
`make readability` (readability.py); editorial.py holds what they share."""
