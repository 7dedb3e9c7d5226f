"""The furniture of printed reports and letters: lines that are not body prose wherever they stand.

Annotation guideline version 2 leaves out "signatures, addresses, contact details, copyright lines
("(c) Care Quality Commission"), navigation text ("Downloads", "Back to top")". The patterns below
describe those lines in general terms (the format of an e-mail address, a UK telephone number, a
UK postcode as Royal Mail defines it, the usual salutations and closings of an English letter),
written for the project; none is a line copied from a report. Every pattern is anchored or bounded
so that it runs in linear time on any line (a line of 100,000 word characters included).
"""
from __future__ import annotations

import re

#: "(c) Care Quality Commission", "Copyright 2024 ...".
COPYRIGHT = re.compile(r"^(?:\u00a9|\(c\)\s|copyright\b)", re.I)

#: Navigation text of a page that was printed or copied with the report.
NAVIGATION = re.compile(
    r"^(?:downloads?|back to top|print this page|skip to (?:main )?content|contents|share this page)$", re.I
)

#: An e-mail address (RFC 5321: a local part of at most 64 characters). The look-behind makes a
#: match start only where a run of address characters starts, so a long run without "@" is
#: scanned once, not once per character.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
#: A contact line: "Tel: ...", "Email: ...", a UK telephone number (0121 303 1234), a lone URL.
CONTACT_LABEL = re.compile(r"^(?:tel|telephone|phone|mobile|email|e-mail|fax|web|website)\s*[:.]", re.I)
UK_PHONE = re.compile(r"(?<!\d)0\d{3,4}\s?\d{3}\s?\d{3,4}(?!\d)")
URL_LINE = re.compile(r"^<?https?://\S+$")
#: A contact line has at most this many words (a sentence that mentions an address is prose).
CONTACT_MAX_WORDS = 12

#: A UK postcode (Royal Mail format: outward code, inward code "9AA").
POSTCODE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}(?![A-Za-z0-9])")
#: "PO Box 16466".
PO_BOX = re.compile(r"^p\.?\s?o\.?\s+box\s+\d+", re.I)

#: The salutation and the closing of a letter.
SALUTATION = re.compile(
    r"^(?:dear\s+\S+(?:\s+\S+){0,2},?|yours\s+(?:sincerely|faithfully|truly)[,.]?|kind regards,?|best wishes,?|"
    r"with best wishes,?|best regards,?|regards,?|many thanks,?)$",
    re.I,
)
#: The copy list of a letter ("CC Mark Rogers, ...").
CC_LINE = re.compile(r"^(?:cc|c\.c\.)[\s:]", re.I)
#: A date on a line of its own ("02 December 2016", "21st February 2017").
DATE_LINE = re.compile(
    r"^\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}$", re.I
)
#: A bold label and its value, the header of a briefing ("**Report From:** Strategic Director").
BOLD_LABEL = re.compile(r"^\*\*[^*]{1,60}:\*\*")
#: The same header with its bold lost (a Word file, a web page): a label of one to four words and
#: a value that names something ("Report to: Adult Social Care Scrutiny Panel", "Date: 3 May
#: 2024") rather than says something (see :func:`is_label_value`).
LABEL_VALUE = re.compile(r"^(?P<label>[A-Z][\w'\u2019&/-]*(?:\s+[\w'\u2019&/-]+){0,3})\s*:\s+(?P<value>\S.{0,150})$")
#: A value has at most this many words.
LABEL_VALUE_MAX_WORDS = 12
#: A list of attachments: "Appendix 2 - Action plan", "Annex B: Survey results".
ATTACHMENT = re.compile(r"^(?:appendix|annex|attachment|enclosure)\s+(?:\d{1,2}|[A-Z])\b[^.!?]{0,100}$", re.I)
#: A table's caption names a measure or numbers the table ("% of carers assessed in four weeks",
#: "Table 2 Waiting times by district", "Number of people waiting"); a line that says something
#: above a table is a sentence.
TABLE_CAPTION = re.compile(r"^(?:%|(?:table|figure|chart|graph)\s+\d{1,3}\b|(?:number|percentage|proportion|rate|share)\s+of\b)", re.I)
#: A signature run together on one line (name, post, telephone, e-mail) has at most this many words.
SIGNATURE_MAX_WORDS = 30

#: A line quoted from an earlier e-mail (RFC 3676: quoted lines start with ">") ...
QUOTED_LINE = re.compile(r"^>")
#: ... and the lines that show a run of them is a reply's quoted message: the header a mail program
#: writes above the quote ("On 3 May 2024, Jo Bloggs wrote:", "-----Original Message-----",
#: "From: ...", "Sent: ...").
REPLY_HEADER = re.compile(
    r"^(?:-{2,}\s*original message\s*-{2,}|on\s.{1,200}\swrote:|(?:from|sent|to|subject|date|cc)\s*:\s.{0,200})$", re.I
)

#: An address or signature block is a run of at least this many short lines ...
ADDRESS_MIN_LINES = 2
#: ... of at most this many words each, none ending a sentence, ...
ADDRESS_MAX_WORDS = 10
#: ... with a postcode, a PO box, a contact line or a salutation in it or right after it.


def _email_or_phone(text: str) -> bool:
    """Does ``text`` hold an e-mail address or a UK telephone number? (Each pattern needs a character
    of its own, "@" or "0", so most lines are answered without running it.)"""
    return bool(("@" in text and EMAIL.search(text)) or ("0" in text and UK_PHONE.search(text)))


def is_contact(text: str) -> bool:
    """Is a plain line contact details (an e-mail address, a telephone number, a labelled contact)?"""
    if len(text.split()) > CONTACT_MAX_WORDS:
        return False
    return bool(CONTACT_LABEL.match(text) or URL_LINE.match(text) or _email_or_phone(text))


def is_address_line(text: str) -> bool:
    """Does a plain line carry what only an address or a signature carries?"""
    return bool(POSTCODE.search(text) or PO_BOX.match(text) or is_contact(text))


def _names_something(value: str) -> bool:
    """Most of the value's longer words are capitalised (a post, a committee, a title), or it is a date."""
    words = [w for w in value.split() if len(w) > 3 and w[:1].isalpha()]
    if DATE_LINE.match(value.strip()):
        return True
    return bool(words) and sum(w[0].isupper() for w in words) * 10 >= 6 * len(words)


def is_label_value(text: str, classifying=lambda label: False) -> bool:
    """Is a plain line a labelled field of a document's header ("Report from: Director of Adult
    Services")? Not when the value ends a sentence, has more than ``LABEL_VALUE_MAX_WORDS`` words,
    says something in lower case, or when ``classifying(label)`` (a label such as "Strengths" makes
    the value a finding)."""
    m = LABEL_VALUE.match(text.strip())
    if not m:
        return False
    value = m.group("value").strip()
    if value.endswith((".", "!", "?", ";", ",")) or len(value.split()) > LABEL_VALUE_MAX_WORDS:
        return False
    return _names_something(value) and not classifying(m.group("label"))


def furniture_kind(text: str) -> str | None:
    """The kind of furniture a plain line is ("copyright", "navigation", "contact", "salutation",
    "cc", "date"), or None."""
    t = text.strip()
    if len(t) > 300:
        return None
    if COPYRIGHT.match(t):
        return "copyright"
    if NAVIGATION.match(t):
        return "navigation"
    if SALUTATION.match(t):
        return "salutation"
    if CC_LINE.match(t):
        return "cc"
    if DATE_LINE.match(t):
        return "date"
    if is_contact(t):
        return "contact"
    return None


def block_furniture_kind(text: str) -> str | None:
    """The kind of furniture a whole block is beyond :func:`furniture_kind` ("attachment": a line
    naming an appendix; "signature": name, post, telephone and e-mail run together), or None.
    Only for whole blocks: a wrapped line of a paragraph may start with "Appendix 2" or carry a
    telephone number."""
    t = text.strip()
    if len(t) > 300:
        return None
    if ATTACHMENT.match(t):
        return "attachment"
    if (
        len(t.split()) <= SIGNATURE_MAX_WORDS
        and _email_or_phone(t)
        and not t.rstrip("\"'\u201d\u2019)").endswith((".", "!", "?"))
        and _names_something(t)
    ):
        return "signature"
    return None
