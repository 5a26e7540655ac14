"""Chinese and Arabic numeral parsing (pure functions, no spaCy)."""

from __future__ import annotations

from typing import Optional

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
    if token.isdigit():
        try:
            return int(token)
        except ValueError:  # non-ASCII digits int() rejects
            return None
    if len(token) == 1 and token in CIRCLED:
        return CIRCLED.index(token) + 1
    return cn_to_int(token)
