"""Review dates: `Last_reviewed` and `Next_review` become dates, shown as "Last reviewed … ·
Next review due …" through the `readable_date` template filter."""
import datetime

from pelican import signals

FIELDS = ("last_reviewed", "next_review")


def parse_dates(content):
    for name in FIELDS:
        value = getattr(content, name, None)
        if isinstance(value, str):
            setattr(content, name, datetime.date.fromisoformat(value.strip()))


def readable_date(value):
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return f"{value.day} {value:%B %Y}"


def add_filters(generator):
    generator.env.filters["readable_date"] = readable_date


def register():
    signals.content_object_init.connect(parse_dates)
    signals.generator_init.connect(add_filters)
