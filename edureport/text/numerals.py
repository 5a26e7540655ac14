"""Chinese and Arabic numeral parsing (pure functions, no spaCy)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Optional, Union

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
CN_NUMERAL_CHARS: str = "".join([*CN_DIGITS, *CN_SMALL_UNITS, *CN_BIG_UNITS])
CIRCLED: str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def cn_to_int(text: str) -> Optional[int]:
    """Value of a Chinese numeral, or None if ``text`` is not one.

    >>> cn_to_int("十二"), cn_to_int("一百零五"), cn_to_int("二〇二三"), cn_to_int("3万")
    (12, 105, 2023, 30000)
    """
    if not text:
        return None
    if all(ch in CN_DIGITS for ch in text) and len(text) > 1:
        # Digit-by-digit reading: 二〇二三 → 2023.
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    total = 0      # completed 万/亿 groups
    section = 0    # below the current 万/亿
    digit: Optional[int] = None
    arabic = ""
    for ch in text:
        if ch.isdigit() and ch.isascii():
            arabic += ch
            continue
        if arabic:
            digit, arabic = int(arabic), ""
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * CN_SMALL_UNITS[ch]
            digit = None
        elif ch in CN_BIG_UNITS:
            section += digit or 0
            if not section and not total:  # a bare 万/亿 (百万 is handled by 百): one of it
                section = 1
            unit = CN_BIG_UNITS[ch]
            total = (total + section) * unit if total and unit > 10_000 else total + section * unit
            section, digit = 0, None
        else:
            return None
    if arabic:
        digit = int(arabic)
    return total + section + (digit or 0)


def ordinal_value(token: str) -> Optional[int]:
    """Number of a list or heading marker's core: ``十二`` → 12, ``3`` → 3, ``③`` → 3."""
    token = token.strip()
    if not token:
        return None
    if len(token) == 1 and token in CIRCLED:
        return CIRCLED.index(token) + 1
    if token.isdigit():
        try:
            return int(token)
        except ValueError:  # non-ASCII digits int() rejects
            return None
    return cn_to_int(token)


# --- numbers as written in quantities ------------------------------------------------

#: Characters that stand for a hidden digit in published reports (``**个``, ``XX万元``).
MASK_CHARS: str = "*＊×Xx"
_MASK_RE = re.compile(f"[{re.escape(MASK_CHARS)}]")  # one C-level scan: this runs for every number
#: Magnitude words folded into a value (``17192万元`` → 171920000). Longest first.
MAGNITUDES: dict[str, int] = {
    "万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "千万": 10**7, "百万": 10**6,
    "亿": 10**8, "万": 10**4,
}
_FULL_WIDTH_DIGITS: dict[int, Union[int, str]] = {ord(c): ord("0") + i for i, c in enumerate("０１２３４５６７８９")}
_FULL_WIDTH_DIGITS.update({ord("．"): ".", ord("，"): ","})


def is_masked(text: str) -> bool:
    """True when a number is written with mask characters: ``**``, ``*.*``, ``XX``, ``1*``.

    >>> is_masked("**.*"), is_masked("12.5")
    (True, False)
    """
    return _MASK_RE.search(text) is not None


_ASCII_NUMERAL = re.compile(r"[0-9.]+")


def arabic_value(text: str) -> Optional[Decimal]:
    """Exact value of an Arabic numeral with optional thousands separators and decimals.

    Full-width digits count as digits. ``None`` when ``text`` is not such a numeral.

    >>> arabic_value("1,234.5"), arabic_value("１２３")
    (Decimal('1234.5'), Decimal('123'))
    """
    cleaned = text.translate(_FULL_WIDTH_DIGITS).replace(",", "")
    if _ASCII_NUMERAL.fullmatch(cleaned) is None:
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def number_value(text: str) -> Optional[Decimal]:
    """Exact value of a numeral: Arabic, Chinese or mixed, magnitudes applied.

    >>> [str(number_value(t)) for t in ("1.2万", "十二万", "5.67万亿", "三十六", "17192万", "两")]
    ['12000.0', '120000', '5670000000000.00', '36', '171920000', '2']
    """
    text = text.translate(_FULL_WIDTH_DIGITS).strip()
    if not text:
        return None
    plain = arabic_value(text)
    if plain is not None:
        return plain
    for word, factor in MAGNITUDES.items():
        if text.endswith(word) and len(text) > len(word):
            head = arabic_value(text[: -len(word)])
            if head is not None:
                return head * factor
    if "." in text:
        return None
    whole = cn_to_int(text)
    return None if whole is None else Decimal(whole)


def decimal_to_number(value: Decimal) -> float | int:
    """``int`` for whole values, else ``float``: what JSON records and models hold."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
