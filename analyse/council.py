"""Which council a bundle is about: named in its documents, or set by the user.

Names vary ("Kent County Council", "Kent CC", "KCC", "kent_cabinet_2025.pdf"): every current LA's
name variants and unique abbreviations come from the benchmark table (built from the DfE list
and mySociety's names), so identification works offline. The council named in the most
documents wins, then the one named most often.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from analyse.benchmarks.table import BenchmarkTable, load_benchmark_table
from analyse.records import Council
from extract.records import Extraction, Passage, Provenance
from extract.sentences import sentence_start

# LA names that are also everyday words: only the longer forms ("Reading Borough Council") count.
COMMON_WORDS = {"reading", "bury"}
MAX_EVIDENCE = 10
SNIPPET = 80


@dataclass(frozen=True)
class Mention:
    la_code: str
    provenance: Provenance
    plainness: int = 2  # how plainly it names the council itself (`_plainness`): 0 most plainly
    source: int = 0  # what text it is in (`Source`): 0 the documents' own words, a passage
    aside: bool = True  # the name is said in passing, not as the council's own naming (`_own`)

    @property
    def rank(self) -> tuple[bool, int, bool, int]:
        """Which mention of a document is its evidence, first first: one naming the council itself
        (not another body, not a file's name), in the documents' own words before a table's head
        and a table's head before a row read into a record (an internal audit line, a risk's
        text: a row that happens to name the council says nothing of what the papers are); then
        the council's own naming (`_own`: a heading, or the council as its sentence's subject or
        owner) before a name in passing; then the plainest naming."""
        return (self.plainness >= OTHER_BODY, self.source, self.aside, self.plainness)


class Source:
    """Where a text that may name the council was read, the documents' own words first."""

    PASSAGE = 0  # a passage or a figure's sentence: the documents' own words
    TABLE_HEAD = 1  # a table's title or first rows
    ROW = 2  # a row read into a record (a saving, a pressure, a budget line)


OTHER_BODY = 3  # `_plainness` of a place name beginning another body's name (and of a file's name)
HEADING_WORDS = 12  # a text this short that holds the council's name is a heading naming it
# The name as its sentence's subject or owner: at the sentence's start (extract.sentences, after a
# paragraph's number) or followed by "'s" ("KCC's core spending power", "Kent County Council's budget").
OPENING = re.compile(r"(?:\d+(?:\.\d+)*\s+)?(?:the\s+)?", re.IGNORECASE)
POSSESSIVE = re.compile(r"^['\u2019]s\b")


def _own(text: str, match: re.Match[str]) -> bool:
    """Whether the text is the council's own naming: a heading that holds its name, or a sentence
    whose subject or owner it is (`OPENING`, `POSSESSIVE`)."""
    if len(text.split()) <= HEADING_WORDS:
        return True
    opening = text[sentence_start(text, match.start()) : match.start()]
    return bool(OPENING.fullmatch(opening) or POSSESSIVE.match(text[match.end() :]))


# A bare place name followed by a capitalised word starts another body's name ("Kent Fire and
# Rescue Service", "Kent Scheme"): a mention of the place, not the council naming itself.
ANOTHER_BODY = re.compile(r"\s+[A-Z]")
COUNCIL_WORD = re.compile(r"\bcouncil\b", re.IGNORECASE)


def _plainness(matched: str, after: str, abbreviation: bool, where: Provenance) -> int:
    """0 the council's own name ("Kent County Council"); 1 its abbreviation ("KCC"); 2 the bare
    place name; 3 a place name that begins another body's name; 4 a file's name. The evidence
    shown for the identification is each document's plainest mention, so that it quotes the
    document naming the council, not another body's line that begins with the place's name."""
    if where.locator == "file name":
        return 4
    if COUNCIL_WORD.search(matched):
        return 0
    if abbreviation:
        return 1
    return 3 if ANOTHER_BODY.match(after) else 2


def council_texts(
    extraction: Extraction, passages: Sequence[Passage] = ()
) -> list[tuple[str, Provenance, int]]:
    """The text a council's name may appear in, each with where it was read and what text it is
    (`Source`).

    Extraction has no passages; pass them separately (from the extract stage's Content) when known.
    """
    texts = [
        (
            re.sub(r"[_.\-]+", " ", d.file),
            Provenance(file=d.file, sha256=d.sha256, page=None, bbox=None, locator="file name", text=d.file),
            Source.ROW,
        )
        for d in extraction.documents
    ]
    for table in extraction.tables:
        texts += [(table.title, table.provenance[0], Source.TABLE_HEAD)] if table.title else []
        texts += [(" ".join(row), table.provenance[0], Source.TABLE_HEAD) for row in table.rows[:3]]
    texts += [(f.text, f.provenance[0], Source.PASSAGE) for f in extraction.figures]
    provenances = [p for r in [*extraction.savings, *extraction.pressures] for p in r.provenance]
    provenances += [p for r in extraction.budget_lines for p in r.provenance]
    texts += [(p.text, p, Source.ROW) for p in provenances]
    texts += [(p.text, p.provenance[0], Source.PASSAGE) for p in passages]
    return [(t, p, k) for t, p, k in texts if t and t.strip()]


@lru_cache(maxsize=4)
def name_patterns(table: BenchmarkTable) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, set[str]]]:
    """A case-insensitive pattern of names, a case-sensitive one of abbreviations, and what each means.

    Built once per table: the patterns are large, and every text of a bundle is searched with them.
    """
    meaning: dict[str, set[str]] = defaultdict(set)
    names, abbreviations = set(), set()
    for la in table.current_las():
        for variant in la["name_variants"]:
            if variant.lower() not in COMMON_WORDS:
                names.add(variant.lower())
                meaning[variant.lower()].add(la["la_code"])
        for abbreviation in la["abbreviations"]:
            abbreviations.add(abbreviation)
            meaning[abbreviation].add(la["la_code"])
    return _alternation(names, re.IGNORECASE), _alternation(abbreviations, 0), dict(meaning)


def _alternation(words: Iterable[str], flags: int) -> re.Pattern[str]:
    """Any of `words` (a space in one matches any run of white space), the longest where several
    start at the same place: "North Northamptonshire" wins over "Northamptonshire"."""
    # Not inside a word, an e-mail address or a web address ("john@kent.gov.uk" names no one).
    return re.compile(r"(?<![\w&@./])(" + _trie(words) + r")(?![\w&@]|\.\w)", flags)


Trie = dict[str, "Trie"]
WORD_END = ""


def _trie(words: Iterable[str]) -> str:
    """The words as one pattern that shares their common beginnings ("kent", "kent county council":
    `kent(?:\\s+county\\s+council)?`), so the matcher tries one branch per character instead of every
    word at every place. A longer word is tried first and a shorter one where it fails, as in an
    alternation ordered longest first; the words' characters are single spaces or not white space,
    so two branches never match the same character."""
    root: Trie = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(r"\s+" if char == " " else re.escape(char), {})
        node[WORD_END] = {}
    return _branches(root)


def _branches(node: Trie) -> str:
    branches = [token + _branches(child) for token, child in sorted(node.items()) if token != WORD_END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if WORD_END in node else body


def find_mentions(texts: Sequence[tuple[str, Provenance, int]], table: BenchmarkTable) -> list[Mention]:
    names, abbreviations, meaning = name_patterns(table)
    found = []
    for text, where, source in texts:
        for pattern, key in ((names, str.lower), (abbreviations, str)):
            for match in pattern.finditer(text):
                codes = meaning.get(key(re.sub(r"\s+", " ", match.group(1))), set())
                if len(codes) == 1:  # a name two LAs share names neither
                    plain = _plainness(match.group(1), text[match.end() :], key is str, where)
                    evidence = _evidence(where, text, match)
                    aside = not _own(text, match)
                    found.append(Mention(next(iter(codes)), evidence, plain, source, aside))
    return found


def _evidence(where: Provenance, text: str, match: re.Match[str]) -> Provenance:
    """Where the name was read, its text the whole words around it (SNIPPET characters either
    side), from the start of the sentence that names it where that starts within them."""
    start, end = max(0, match.start() - SNIPPET), min(len(text), match.end() + SNIPPET)
    begun = sentence_start(text, match.start(), start)
    if begun > start:
        start = begun
    elif start > 0 and not text[start - 1].isspace():  # not from inside a word
        start = text.find(" ", start, match.start()) + 1 or start
    if end < len(text) and not text[end].isspace():
        end = max(text.rfind(" ", match.end(), end), match.end())
    return where.model_copy(update={"text": " ".join(text[start:end].split())})


def identify_council(
    extraction: Extraction,
    table: BenchmarkTable | None = None,
    override: str | None = None,
    passages: Sequence[Passage] = (),
) -> Council:
    """The council the documents are about, or the one `override` names (DfE number, ONS code or name)."""
    table = table if table is not None else load_benchmark_table()
    texts = council_texts(extraction, [*extraction.passages, *passages])
    if override:
        return _overridden(table, override, texts)
    mentions = find_mentions(texts, table)
    if not mentions:
        return _unlisted(texts)
    code, count, documents = _winner(mentions)
    evidence = _first_per_document([m for m in mentions if m.la_code == code])
    return council_record(table, code, evidence, f"named in {count} places in {documents} documents")


def _overridden(table: BenchmarkTable, override: str, texts: list[tuple[str, Provenance, int]]) -> Council:
    """The council the user named; what the documents say is kept beside it, never dropped."""
    code = resolve_council(override, table)
    if code is None:
        return Council(
            name=override, method=f"set by user as {override!r}: not a council in the benchmark table"
        )
    council = council_record(table, code, [], f"set by user as {override!r}")
    mentions = find_mentions(texts, table)
    if mentions:
        named, _, _ = _winner(mentions)
        if named == code:
            evidence = _first_per_document([m for m in mentions if m.la_code == code])
            return council.model_copy(update={"identified_from": evidence})
        other = council_record(table, named, [], "")
        note = f"; the documents name {other.name} ({named})"
        return council.model_copy(update={"method": council.method + note})
    unlisted = _unlisted(texts)
    if unlisted.name is None:
        return council
    method = f"{unlisted.method}; benchmarked as {council.name} ({code}), set by the user"
    update = {
        "name": unlisted.name,
        "benchmarked_as": council.name,
        "identified_from": unlisted.identified_from,
    }
    return council.model_copy(update=update | {"method": method})


def _unlisted(texts: list[tuple[str, Provenance, int]]) -> Council:
    """The council the documents name where the benchmark table knows none of their names: its name
    and where it is read, with no code (so nothing is benchmarked); unnamed where they name none."""
    unlisted = _unlisted_council(texts)
    if unlisted is None:
        return Council(method="not named in the documents")
    name, evidence = unlisted
    method = f"the documents name {name}, which is not among the councils in the national tables (so no benchmarks)"
    return Council(name=name, identified_from=evidence, method=method)


UNLISTED = re.compile(r"\b((?:[A-Z][a-z]+ ){1,3}(?:County |Borough |City |District )?Council)\b")


def _unlisted_council(texts: list[tuple[str, Provenance, int]]) -> tuple[str, list[Provenance]] | None:
    """The council name the documents use most, when it is none the benchmark table knows."""
    found: dict[str, list[Provenance]] = defaultdict(list)
    for text, where, _ in texts:
        for match in UNLISTED.finditer(text):
            found[match.group(1)].append(where)
    found = {
        name: wheres for name, wheres in found.items() if name.split()[0] not in {"The", "County", "City"}
    }
    if not found:
        return None
    name = max(found, key=lambda n: (len({p.file for p in found[n]}), len(found[n])))
    return name, list({p.file: p for p in found[name]}.values())[:MAX_EVIDENCE]


def _winner(mentions: list[Mention]) -> tuple[str, int, int]:
    places = Counter(m.la_code for m in mentions)
    documents = {code: len({m.provenance.file for m in mentions if m.la_code == code}) for code in places}
    code = max(places, key=lambda c: (documents[c], places[c], c))
    return code, places[code], documents[code]


def _first_per_document(mentions: list[Mention]) -> list[Provenance]:
    """Each document's mention that best shows it naming the council (`Mention.rank`: its own
    words naming the council plainest, before a row that names it and before its file's name),
    the documents whose evidence ranks first first."""
    seen: dict[str, Mention] = {}
    for mention in sorted(mentions, key=lambda m: m.rank):
        seen.setdefault(mention.provenance.file, mention)
    return [m.provenance for m in sorted(seen.values(), key=lambda m: m.rank)][:MAX_EVIDENCE]


def resolve_council(text: str, table: BenchmarkTable) -> str | None:
    """DfE number of the current LA that `text` names exactly: "886", "E10000016", "Kent", "KCC"."""
    wanted = " ".join(text.split())
    las = table.current_las()
    for la in las:
        if wanted in (la["la_code"], la["ons_code"]) or wanted in la["abbreviations"]:
            return str(la["la_code"])
    for la in las:
        if wanted.lower() in {v.lower() for v in [la["name"], *la["name_variants"]]}:
            return str(la["la_code"])
    return None


def council_record(table: BenchmarkTable, la_code: str, evidence: list[Provenance], method: str) -> Council:
    la = table.la(la_code)
    if la is None:
        return Council(la_code=la_code, identified_from=evidence, method=method)
    return Council(
        name=str(la["official_name"]),
        la_code=la_code,
        ons_code=str(la["ons_code"]),
        region=str(la["region"]),
        la_type=str(la["la_type"]),
        identified_from=evidence,
        method=method,
    )
