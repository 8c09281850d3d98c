"""Bring the minutes' message catalogs up to date with the code: extract, update, compile.

    python -m facilitator.locale.update_catalogs          # after changing wording in the code
    python -m facilitator.locale.update_catalogs --check  # exit 1 if anything is out of date

Extracts every phrase marked with `_`, `N_`, `NC_`, `ngettext` or `npgettext` in
`facilitator/minutes/`, and the shipped templates' own words (`template_phrases`), into
`minutes.pot`, merges it into each language's `minutes.po` (new phrases arrive empty; a changed
phrase arrives marked fuzzy with the old translation as a suggestion, for a translator to
confirm), fills the English catalog from the phrases themselves, and compiles each `.po` to the
`.mo` the app loads. Phrases no longer in the code are kept at the end of a `.po`, commented out.
To add a language: `python -m facilitator.locale.update_catalogs --add fr`, translate
`fr/LC_MESSAGES/minutes.po`, run again, and list it in `facilitator/minutes/language.py`.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, unescape, write_po

LOCALE = Path(__file__).resolve().parent
SOURCES = LOCALE.parent / "minutes"
DOMAIN = "minutes"
LANGUAGES = ("en", "es")
KEYWORDS = {**DEFAULT_KEYWORDS, "NC_": ((1, "c"), 2)}
COMMENT_TAGS = ("TRANSLATORS:",)
TEMPLATE_CONTEXT = "template"  # the msgctxt of a shipped template's words (wording.TEMPLATE)
PROJECT = "Facilitator"
HEADER = """\
# {language_name} wording of Facilitator's minutes. Edit translations here, then run
#     python -m facilitator.locale.update_catalogs
# to compile them. Formal "usted"; the terms Spanish-language IEP documents in US schools use.
#"""
# Catalogs carry no dates, so running this twice changes nothing.
EPOCH = datetime(2026, 1, 1)


def extract() -> Catalog:
    """Every phrase the minutes can print, as Babel's extractor finds it in the code."""
    template = Catalog(
        project=PROJECT, version="1", creation_date=EPOCH, fuzzy=False, msgid_bugs_address=""
    )
    for path, line, message, comments, context in extract_from_dir(
        SOURCES, [("**.py", "python")], keywords=KEYWORDS, comment_tags=COMMENT_TAGS
    ):
        template.add(
            message,
            locations=[(f"facilitator/minutes/{path}", line)],
            auto_comments=comments,
            context=context,
        )
    for phrase, where in template_phrases():
        template.add(phrase, locations=[where], context=TEMPLATE_CONTEXT)
    return template


def template_phrases() -> Iterator[tuple[str, tuple[str, int]]]:
    """The shipped templates' purpose, desired outcomes, ground rules and agenda item titles: the
    app's words, which a meeting keeps as its own until someone edits them (the minutes then
    print what was typed). Prompts and sub-items are for the facilitator; the minutes never
    print them."""
    from facilitator.templates.loading import shipped_templates

    templates, _ = shipped_templates()
    for found in templates:
        where = (f"agenda_templates/{found.path.name}", 0)
        titles = (item.title for item in found.items)
        for phrase in (found.purpose, *found.desired_outcomes, *found.ground_rules, *titles):
            if phrase.strip():
                yield phrase.strip(), where


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def updated(language: str) -> Catalog:
    """`language`'s catalog merged with the phrases in the code; English translates each phrase
    to itself. (A fresh extraction each time: merging shares message objects with the template.)"""
    path = po_path(language)
    previous: dict[tuple[object, str | None], list[str]] = {}
    if path.exists():
        with path.open("rb") as file:
            catalog = read_po(file, locale=language, domain=DOMAIN)
        for message in _messages(catalog):
            previous[message.id, message.context] = _previous_id(message)
    else:
        catalog = Catalog(locale=language, domain=DOMAIN, fuzzy=False)
    catalog.update(extract())
    for message in _messages(catalog):
        if message.fuzzy and not message.previous_id:
            message.previous_id = previous.get((message.id, message.context), [])
    catalog.project, catalog.version, catalog.msgid_bugs_address = PROJECT, "1", ""
    catalog.creation_date = catalog.revision_date = EPOCH
    catalog.last_translator = catalog.language_team = ""
    name = catalog.locale.english_name if catalog.locale else language
    catalog.header_comment = HEADER.format(language_name=name)
    if language == "en":
        for message in _messages(catalog):
            if message.fuzzy or not _translated(message):  # fuzzy: another phrase's words
                message.string = message.id
            message.flags.discard("fuzzy")
            message.previous_id = []
    return catalog


def render_po(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(
        buffer, catalog, width=100, sort_output=False, include_previous=True, include_lineno=False
    )
    return buffer.getvalue()


def render_mo(catalog: Catalog) -> bytes:
    """The compiled catalog; fuzzy translations are left out, so the app shows English there."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def outputs() -> Iterator[tuple[Path, bytes]]:
    """Every catalog file, as it should be now."""
    yield LOCALE / f"{DOMAIN}.pot", render_po(extract())
    for language in sorted({*LANGUAGES, *_present()}):
        catalog = updated(language)
        yield po_path(language), render_po(catalog)
        yield po_path(language).with_suffix(".mo"), render_mo(catalog)


def untranslated(catalog: Catalog) -> list[str]:
    return [str(m.id) for m in _messages(catalog) if not _translated(m) or m.fuzzy]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    parser.add_argument("--add", metavar="LANGUAGE", help="start a catalog for a new language")
    args = parser.parse_args(argv)
    if args.add:
        po_path(args.add).parent.mkdir(parents=True, exist_ok=True)
        po_path(args.add).write_bytes(render_po(updated(args.add)))
    stale = []
    for path, data in outputs():
        if not path.exists() or path.read_bytes() != data:
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    for language in sorted({*LANGUAGES, *_present()}):
        with po_path(language).open("rb") as file:
            missing = untranslated(read_po(file, locale=language))
        if missing:
            print(f"{language}: {len(missing)} phrases to translate or confirm", file=sys.stderr)
    for path in stale:
        print(f"{'out of date' if args.check else 'wrote'}: {path.relative_to(LOCALE.parent)}")
    return 1 if args.check and stale else 0


def _present() -> set[str]:
    return {p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}


def _messages(catalog: Catalog) -> Iterator[Message]:
    return (message for message in catalog if message.id)


def _previous_id(message: Message) -> list[str]:
    """The old wording of a fuzzy phrase, as read back from its `#| msgid "…"` lines, which Babel
    writes but reads as comments ("| msgid …"); removed from the comments either way, so that
    they do not outlive the fuzzy flag as `# | msgid` lines."""
    old = [c[1:].strip() for c in message.user_comments if c.startswith("|")]
    message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    if not message.fuzzy:
        return []
    # Babel wraps a long line at a space, even inside a quoted string: join the lines with one.
    parts = re.split(r"\bmsgid(?:_plural)?\b", " ".join(old))[1:]
    return ["".join(unescape(q) for q in re.findall(r'"(?:[^"\\]|\\.)*"', p)) for p in parts]


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


if __name__ == "__main__":
    sys.exit(main())
