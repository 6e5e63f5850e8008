"""The one date the booklet's PDF carries (its creation and modification dates).

Never the clock: the same sources must give the same bytes. SOURCE_DATE_EPOCH, the
reproducible-builds convention, wins when it is set; otherwise the newest `Modified` date of
the parts the booklet holds, at midnight UTC.
"""
from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping


def source_date(modified: Iterable[datetime.date],
                environ: Mapping[str, str] = os.environ) -> datetime.datetime:
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            seconds = int(epoch)
        except ValueError:
            raise ValueError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, got {epoch!r}") from None
        return datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc)
    newest = max(modified)
    return datetime.datetime.combine(newest, datetime.time(), tzinfo=datetime.timezone.utc)


def w3c(when: datetime.datetime) -> str:
    """The form WeasyPrint's document metadata takes (W3C's profile of ISO 8601)."""
    return when.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
