"""Review dates: "Last reviewed … · Next review due …" on each page, through the
`readable_date` template filter. The fields themselves are checked and made dates by
liverguide.checks.front_matter."""
import datetime

from pelican import signals


def readable_date(value):
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return f"{value.day} {value:%B %Y}"


def add_filters(generator):
    generator.env.filters["readable_date"] = readable_date


def register():
    signals.generator_init.connect(add_filters)
