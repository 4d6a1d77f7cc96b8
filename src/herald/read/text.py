"""Plain-text articles (``.txt``): one file is one article, its id the file name stem."""

from __future__ import annotations

import codecs
from typing import BinaryIO

from herald.errors import ReadError
from herald.model import Article

# spaCy's parser refuses longer texts (``nlp.max_length``: about 1 GB of working memory per
# 100,000 characters); no news article comes near it, so a longer text is a whole corpus or a
# dump glued into one item, and is reported rather than left to fail the whole batch.
MAX_TEXT_CHARS = 1_000_000

# A byte-order mark names its encoding outright, so honouring it is not guessing.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes, fallback: str | None = None) -> str:
    """Decode bytes as UTF-8 (or as a BOM / ``fallback`` says); raise ValueError with a reason.

    Other encodings are not guessed: latin-1 decodes anything, so a silent guess would turn a
    wrong encoding into wrong text instead of a message.
    """
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), fallback or "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        label = "UTF-8" if encoding.lower().startswith("utf-8") else encoding
        raise ValueError(
            f"not {label} text (byte 0x{data[e.start]:02x} at offset {e.start} cannot be "
            "decoded); expected UTF-8: convert the file, e.g. iconv -f latin1 -t utf-8"
        ) from None
    except LookupError:
        raise ValueError(f"unknown text encoding {encoding!r}; expected UTF-8") from None
    if "\x00" in text:
        raise ValueError("binary data (NUL bytes), not text; expected a UTF-8 text file")
    return text


def too_long(text: str) -> str | None:
    """Why ``text`` is too long to code as one article, or None when it is not."""
    if len(text) <= MAX_TEXT_CHARS:
        return None
    return (f"text of {len(text):,} characters is longer than one article can be "
            f"({MAX_TEXT_CHARS:,} at most); split it into articles")


def read_txt(stream: BinaryIO, name: str, stem: str) -> Article | ReadError:
    """Read one ``.txt`` article; the text is kept as written except ``\\r\\n`` -> ``\\n``."""
    try:
        text = decode(stream.read())
    except ValueError as e:
        return ReadError(name, str(e))
    if not text.strip():
        return ReadError(name, "empty file; expected the article text")
    if problem := too_long(text):
        return ReadError(name, problem)
    return Article(id=stem, text=text.replace("\r\n", "\n"), origin=name)
