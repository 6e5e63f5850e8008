"""Reading content/glossary.yaml into terms, and the one compiled pattern that finds them.

The file is a YAML list of entries:

    - term: hepatic arterial infusion
      aliases: [HAI]
      definition: A way to give chemotherapy ...
      related: [hepatic artery]

It is read through PyYAML's node tree rather than yaml.safe_load so that every mistake can name
the line it is on, and so that a term spelt like a number or a boolean ("yes", "5-FU") stays text.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from liverguide.checks import content_safety
from liverguide.errors import ContentError, did_you_mean, line_of, read_utf8

FIELDS = ("term", "aliases", "definition", "related")


@dataclass
class Entry:
    term: str
    definition: str
    line: int
    aliases: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    slug: str = ""
    alias_lines: list[int] = field(default_factory=list)
    related_lines: list[int] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"term-{self.slug}"

    @property
    def names(self) -> list[str]:
        return [self.term, *self.aliases]

    @property
    def heading(self) -> str:
        """The term as the glossary page lists it: "Resection", "KRAS", "Stage IV"."""
        return self.term[:1].upper() + self.term[1:]

    @property
    def other_names(self) -> list[str]:
        """Aliases worth showing a reader: a plain plural or singular of the term is left out."""
        term = self.term.casefold()
        return [a for a in self.aliases if a.casefold() not in (term + "s", term + "es", term[:-1])]

    @property
    def letter(self) -> str:
        first = self.term[:1].upper()
        return first if "A" <= first <= "Z" else "0–9"


class Glossary:
    """Every entry, plus a single regular expression that finds any of their names in text."""

    def __init__(self, entries: list[Entry], source: str = ""):
        self.entries = sorted(entries, key=lambda e: e.term.casefold())
        self.source = source
        self.by_term = {e.term: e for e in self.entries}
        self._by_name: dict[str, Entry] = {}
        alternatives = []
        # The word each name starts with, in both cases its pattern allows, to the entries
        # named by it: text holding none of these words (of entries not linked yet) cannot
        # hold a term, and most text does not (see scan()).
        self.by_first_word: dict[str, set[str]] = {}
        self.filtered = True  # off if some name starts with a character outside those runs
        for entry in self.entries:
            for name in entry.names:
                self._by_name[_squash(name)] = entry
                alternatives.append(name)
                self.filtered = self.filtered and LEADING_WORD.match(name) is not None
                for word in _first_words(name):
                    self.by_first_word.setdefault(word, set()).add(entry.term)
        # Longest first, because the regex engine takes the first alternative that matches:
        # "hepatic arterial infusion" must win over a shorter name inside it.
        alternatives.sort(key=len, reverse=True)
        words = "|".join(_name_pattern(name) for name in alternatives) or r"(?!)"
        self.pattern = re.compile(
            # Raw citations ("[@key]") and Python-Markdown's placeholders for stored HTML are
            # matched first and then ignored, so that no term is found inside them.
            rf"(?P<skip>{SKIP.pattern})"
            rf"|(?<![\w-])(?P<name>{words})(?![\w-])"
        )
        # The same alternatives, filed under the word they start with, for scan().
        self._names_at: dict[str, list[re.Pattern]] = {}
        for name in alternatives:
            compiled = re.compile(_name_pattern(name) + r"(?![\w-])")
            for word in _first_words(name):
                self._names_at.setdefault(word, []).append(compiled)

    def scan(self, text: str, linked: set[str] = frozenset()):
        """(start, end, skipped text or None, name or None) for each match of `pattern` in
        `text`, as pattern.finditer finds them; nothing at all if the text holds no stored-HTML
        placeholder and no name that could start a term outside `linked` (the only matches a
        caller acts on). The pattern tries its 150 alternatives at every character. A name only
        starts where a run of word characters does, so this tries, in the pattern's order, the
        names of the runs that start some name, found by plain search: most text has none."""
        if not self.filtered:
            for match in self.pattern.finditer(text):
                yield match.start(), match.end(), match.group("skip"), match.group("name")
            return
        present = self._names_at.keys() & set(WORD.findall(text))
        if "\x02" not in text and all(self.by_first_word[word] <= linked for word in present):
            return
        starts = sorted((at, word) for word in present for at in _whole_runs(text, word))
        skips = SKIP.finditer(text) if "[" in text or "\x02" in text else iter(())
        skip = next(skips, None)
        done = 0  # the pattern resumes where its last match ended
        for start, word in starts:
            while skip is not None and skip.start() < start:  # at an earlier position: first
                if skip.start() >= done:
                    yield skip.start(), skip.end(), skip.group(0), None
                    done = skip.end()
                skip = next(skips, None)
            if start < done:
                continue
            for name in self._names_at[word]:
                match = name.match(text, start)
                if match:
                    yield start, match.end(), None, match.group(0)
                    done = match.end()
                    break
        while skip is not None:
            if skip.start() >= done:
                yield skip.start(), skip.end(), skip.group(0), None
                done = skip.end()
            skip = next(skips, None)

    def entry_for(self, text: str) -> Entry:
        """The entry a matched piece of text names (as written, or with a capital first letter)."""
        key = _squash(text)
        return self._by_name.get(key) or self._by_name[key[:1].lower() + key[1:]]

    def letters(self) -> list[tuple[str, str, list[Entry]]]:
        """(letter, its anchor, its entries) for each letter that has terms, A to Z."""
        groups: dict[str, list[Entry]] = {}
        for entry in self.entries:
            groups.setdefault(entry.letter, []).append(entry)
        return [(letter, "letter-" + ("0-9" if letter == "0–9" else letter.lower()), entries)
                for letter, entries in sorted(groups.items(), key=lambda i: (i[0] == "0–9", i[0]))]


# A name matches only where no word character or hyphen comes before it, so its leading run of
# them is a whole run of the text's.
WORD = re.compile(r"[\w-]+")
LEADING_WORD = re.compile(r"^[\w-]+")
SKIP = re.compile(r"\[-?@[^\]]*\]|\x02[^\x03]*\x03")


def _first_words(name: str) -> set[str]:
    """The run of word characters a name starts with, as its pattern allows it in text (a
    lower-case first letter may also be a capital); none if it starts with something else."""
    first = LEADING_WORD.match(name)
    return {first.group(0), first.group(0)[:1].upper() + first.group(0)[1:]} if first else set()


def _whole_runs(text: str, word: str):
    """Where `word` stands in `text` as a whole run of word characters and hyphens."""
    at = text.find(word)
    while at != -1:
        end = at + len(word)
        if (at == 0 or not _in_run(text[at - 1])) and (end == len(text) or not _in_run(text[end])):
            yield at
        at = text.find(word, end)


def _in_run(char: str) -> bool:
    return char.isalnum() or char in "_-"  # what re's [\w-] matches in text


def _squash(text: str) -> str:
    return " ".join(text.split())


def _name_pattern(name: str) -> str:
    """Case-aware: "KRAS" only as written; "resection" also as "Resection" at a sentence start."""
    words = [re.escape(word) for word in name.split()]
    first = name[0]
    if first.islower():
        words[0] = f"[{first}{first.upper()}]" + re.escape(name.split()[0][1:])
    # A name may be broken over two lines in the Markdown source.
    return r"\s+".join(words)


# libyaml's loader when PyYAML has it: the same nodes and marks, a tenth of the time.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_cached(path: Path) -> Glossary | None:
    """The glossary in `path`, or None when there is no such file. A build reads it once: each
    of Pelican's readers asks, and the parsed glossary is kept for the text it came from."""
    if not path.is_file():
        return None
    return _load_text(str(path), read_utf8(path))


@functools.lru_cache(maxsize=2)
def _load_text(where: str, text: str) -> Glossary:
    return load(Path(where), text)


def load(path: Path, text: str | None = None) -> Glossary:
    text = read_utf8(path) if text is None else text
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ContentError(path, mark.line + 1 if mark else None,
                           f"not valid YAML: {error.problem or error.context}") from None
    if root is None:
        raise ContentError(path, None, "the glossary is empty")
    if not isinstance(root, yaml.SequenceNode):
        raise ContentError(path, _line(root), "the glossary must be a list of entries ('- term: ...')")

    entries = [_entry(path, node) for node in root.value]
    _check_names_are_unique(path, entries)
    _check_related_terms_exist(path, entries)
    return Glossary(entries, source=text)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _entry(path: Path, node: yaml.Node) -> Entry:
    if not isinstance(node, yaml.MappingNode):
        raise ContentError(path, _line(node), "each glossary entry must be a 'term:' with a 'definition:'")
    values: dict[str, tuple[object, yaml.Node]] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if key not in FIELDS:
            suggestion = did_you_mean(key, FIELDS, f" (expected one of {', '.join(FIELDS)})", cutoff=0.6)
            raise ContentError(path, _line(key_node), f"unknown field '{key}'{suggestion}")
        if key in values:
            raise ContentError(path, _line(key_node), f"'{key}' is given twice in one entry")
        if key in ("aliases", "related"):
            values[key] = (_text_list(path, key, value_node), value_node)
        else:
            values[key] = (_text(path, key, value_node), value_node)

    term = values.get("term", (None, None))[0]
    if not term:
        raise ContentError(path, _line(node), "glossary entry has no 'term'")
    definition = values.get("definition", (None, None))[0]
    if not definition:
        where = values["definition"][1] if "definition" in values else node
        raise ContentError(path, _line(where), f"glossary term '{term}' has no definition")
    entry = Entry(term=term, definition=_squash(definition), line=_line(node),
                  aliases=values.get("aliases", ([], None))[0],
                  related=values.get("related", ([], None))[0],
                  slug=slugify(term, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]),
                  alias_lines=_item_lines(values.get("aliases")),
                  related_lines=_item_lines(values.get("related")))
    return entry


def _text(path: Path, key: str, node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise ContentError(path, _line(node), f"'{key}' must be text")
    markup = content_safety.markup_in(node.value)
    if markup:
        # A folded definition runs over several lines: name the one the tag is on.
        raw = Path(path).read_text(encoding="utf-8", errors="replace")
        at = raw.find(markup[0][:-1] if markup[0].endswith(">") else markup[0], node.start_mark.index, node.end_mark.index)
        line = line_of(raw, at) if at >= 0 else _line(node)
        raise ContentError(path, line, content_safety.markup_message(markup[0], f"a glossary '{key}'"))
    return node.value.strip()


def _text_list(path: Path, key: str, node: yaml.Node) -> list[str]:
    if isinstance(node, yaml.ScalarNode):
        return [node.value.strip()] if node.value.strip() else []
    if not isinstance(node, yaml.SequenceNode):
        raise ContentError(path, _line(node), f"'{key}' must be a list, like [one, two]")
    items = [_text(path, key, item) for item in node.value]
    for item, item_node in zip(items, node.value):
        if not item:
            raise ContentError(path, _line(item_node), f"an empty item in '{key}'")
    return items


def _item_lines(value: tuple[object, yaml.Node] | None) -> list[int]:
    if value is None:
        return []
    node = value[1]
    if isinstance(node, yaml.SequenceNode):
        return [_line(item) for item in node.value]
    return [_line(node)]


def _check_names_are_unique(path: Path, entries: list[Entry]) -> None:
    # Compared without case: "CT" and "ct" in two entries would make a link ambiguous.
    seen: dict[str, tuple[Entry, int]] = {}
    slugs: dict[str, Entry] = {}
    for entry in entries:
        for name, line in zip(entry.names, [entry.line, *entry.alias_lines]):
            key = _squash(name).casefold()
            if key in seen:
                other, other_line = seen[key]
                owner = "itself" if other is entry else f"'{other.term}'"
                raise ContentError(path, line, f"duplicate glossary term or alias '{name}' "
                                               f"(already used by {owner} on line {other_line})")
            seen[key] = (entry, line)
        if entry.slug in slugs:
            raise ContentError(path, entry.line, f"glossary term '{entry.term}' has the same anchor "
                                                 f"'#{entry.anchor}' as '{slugs[entry.slug].term}'")
        slugs[entry.slug] = entry


def _check_related_terms_exist(path: Path, entries: list[Entry]) -> None:
    terms = [entry.term for entry in entries]
    for entry in entries:
        for related, line in zip(entry.related, entry.related_lines):
            if related == entry.term:
                raise ContentError(path, line, f"glossary term '{entry.term}' lists itself as related")
            if related not in terms:
                suggestion = did_you_mean(related, terms)
                raise ContentError(path, line, f"related term '{related}' is not in the glossary{suggestion}")
