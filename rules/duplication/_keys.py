"""Comparison keys of blocks, shared by the D rules and computed once per document.

A block's key is its text with width and compatibility variants folded (NFKC) and all whitespace
dropped, so that a copy that differs only in typesetting (full-width vs half-width comma, a stray
space) has the same key. NFKC on every paragraph is costly, and Chinese prose is almost never
NFKC-normal only because of its full-width punctuation (U+FF01–U+FF5E), so the common ones are
replaced first with plain ``str.replace``; the full normalisation runs only when the quick check
says anything else is left. ``block_keys`` does all of this once for the whole document (the
blocks joined by a NUL, which no step changes or moves) rather than once per paragraph.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from wenlint.text.chars import COMMON_WIDE, MASK, normalize_for_compare

if TYPE_CHECKING:
    from wenlint.document import Block, Document

try:  # the built-in BLAKE2 module: hashlib would load OpenSSL too, a few ms of start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

compare_key = normalize_for_compare  # one block's key; ``compare_keys`` does many at once


def source_text(doc: Document, block: Block) -> str:
    """The text to compare for ``block``: its prose, or its source when markup was masked in it
    (two paragraphs that differ only inside inline code must not compare equal)."""
    if MASK in block.text:
        return doc.text[block.start : block.end]
    return block.text


_WORDY = re.compile(r"[^\W_]")  # a letter, digit or Han character


def block_keys(doc: Document) -> list[str]:
    """The comparison key of every block of ``doc`` (computed once, shared by D101 and D102).

    A block with no letter, digit or Han character (a rule of ``~~~~`` or ``====``, a row of
    asterisks) gets the empty key: such lines repeat by design and are never duplicates."""
    return doc.derived(block_keys, _block_keys)


def _block_keys(doc: Document) -> list[str]:
    if MASK in doc.view:
        texts = [source_text(doc, b) for b in doc.blocks]
    else:
        texts = [b.text for b in doc.blocks]
    return [k if _WORDY.search(k) else "" for k in compare_keys(texts)]


def read_lengths(doc: Document) -> list[int]:
    """Per block, the characters a reader reads in it (whitespace not counted): its key's length,
    or, when markup was masked in it, its prose without the masked characters. The key compares
    the source (a link's address, inline code), but a link's address is not text of the block:
    “更多说明见[安装文档](https://…)。” is eleven characters long, not sixty."""
    return doc.derived(read_lengths, _read_lengths)


def _read_lengths(doc: Document) -> list[int]:
    keys = block_keys(doc)
    if MASK not in doc.view:
        return list(map(len, keys))
    return [
        len("".join(b.text.split())) - b.text.count(MASK) if k and MASK in b.text else len(k)
        for k, b in zip(keys, doc.blocks, strict=True)
    ]


_SEP = "\0"  # joins the texts in ``compare_keys``: no whitespace, NFKC-stable, composes with none


def compare_keys(texts: Sequence[str]) -> list[str]:
    """``[compare_key(t) for t in texts]``, with the scans done once over all the texts joined.

    NUL is a starter that combines with nothing, so NFKC of the joined text is the NFKC of each
    text joined: the joined text is normalised exactly when every text is."""
    joined = _SEP.join(texts)
    if joined.count(_SEP) != len(texts) - 1:  # a text holds a NUL itself: one by one
        return [compare_key(t) for t in texts]
    for wide, narrow in COMMON_WIDE:
        if wide in joined:
            joined = joined.replace(wide, narrow)
    joined = "".join(joined.split())
    if unicodedata.is_normalized("NFKC", joined):
        return joined.split(_SEP)
    normal = unicodedata.is_normalized
    return [
        k if normal("NFKC", k) else "".join(unicodedata.normalize("NFKC", k).split())
        for k in joined.split(_SEP)
    ]


def fingerprint(key: str) -> int:
    """A 64-bit digest of ``key`` that is the same in every process (unlike ``hash``)."""
    digest = blake2b(_encoded(key), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def _encoded(key: str) -> bytes:
    """The bytes digested for ``key``: its UTF-8 when it is ASCII, else its UTF-16 (Han characters
    in 2 bytes, not 3: less to encode and to hash). The two never meet: UTF-16 starts with a byte
    order mark, which is not ASCII."""
    return key.encode() if key.isascii() else key.encode("utf_16")


_DIGEST8 = partial(blake2b, digest_size=8)
_NONE = bytes(8)


def fingerprints(keys: Sequence[str]) -> array[int]:
    """``fingerprint`` of every key (0 for an empty key), as one array of signed 64-bit ints."""
    # (``_encoded`` written out: one call less per block)
    digests = [
        _DIGEST8(k.encode() if k.isascii() else k.encode("utf_16")).digest() if k else _NONE
        for k in keys
    ]
    out = array("q", b"".join(digests))
    if sys.byteorder != "little":
        out.byteswap()
    return out
