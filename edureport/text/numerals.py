"""Chinese and Arabic numeral parsing (pure functions, no spaCy)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple, Optional, Union

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "洞": 0, "一": 1, "壹": 1, "幺": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000,
                                "兆": 10**12}
#: A digit nobody wrote down: 十几 (11–19), 几十万 (100,000–900,000), 数百 (several hundred).
CN_SOME = "几數数"
CN_POINT = "点點"
CN_NUMERAL_CHARS: str = "".join([*CN_DIGITS, *CN_SMALL_UNITS, *CN_BIG_UNITS])
CIRCLED: str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def cn_to_int(text: str) -> Optional[int]:
    """Value of a whole Chinese numeral, or None if ``text`` is not one (see :func:`cn_reading`).

    >>> cn_to_int("十二"), cn_to_int("一百零五"), cn_to_int("二〇二三"), cn_to_int("3万")
    (12, 105, 2023, 30000)
    """
    value = _cn_value(text)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


class Reading(NamedTuple):
    """What a numeral says: a value, or a range (``hi``) for 六七亿, 二三十, 十几, 几十万 (``approx`` "about")."""

    lo: Decimal
    hi: Optional[Decimal] = None
    approx: Optional[str] = None


def cn_reading(text: str) -> Optional[Reading]:
    """The value of a Chinese (or mixed) numeral, every form issue 18 lists: units and 〇/零 gaps
    (三十五万零二百), upper case (贰拾叁万伍仟), 兆, decimals with 点 at any magnitude (三点五亿,
    八十五点五), elided last units (三万六 = 36000), Arabic digits before Chinese units (1.2万, 3千万),
    two neighbouring digits as a range (六七亿, 二三十), 几/数 as an unknown digit (十几, 几十万).

    >>> [str(r.lo) for r in map(cn_reading, ("三万六", "一千二", "五百五", "二十七兆三千亿"))]
    ['36000', '1200', '550', '27300000000000']
    >>> r = cn_reading("六七亿"); (str(r.lo), str(r.hi), r.approx)
    ('600000000', '700000000', 'about')
    """
    if not text:
        return None
    some = next((ch for ch in text if ch in CN_SOME), None)
    if some is not None:  # 十几 / 几十万: the unknown digit from 1 to 9
        lo, hi = _cn_value(text.replace(some, "一")), _cn_value(text.replace(some, "九"))
        if lo is None or hi is None:
            return None
        if text[-1] == some and len(text) > 1 and text[-2] in CN_SMALL_UNITS:  # 十几 = 11–19, not 10·9
            lo, hi = _cn_value(text[:-1]), _cn_value(text[:-1])
            if lo is None or hi is None:
                return None
            lo, hi = lo + 1, hi + 9
        return Reading(lo, hi, "about") if lo < hi else None
    tail = _TAIL_NEIGHBOURS.match(text)
    if tail is not None and _NEXT.get(tail.group(2)) == tail.group(3):  # 十五六, 二十三四: the last digit, or the next
        lo, hi = _cn_value(tail.group(1) + tail.group(2)), _cn_value(tail.group(1) + tail.group(3))
        if lo is not None and hi is not None and lo < hi:
            return Reading(lo, hi, "about")
    pair = _NEIGHBOURS.match(text)
    if pair is not None and (len(text) > 2 or text[1] not in "〇零"):  # 六七亿, 二三十, 一两百: a range
        first, second = pair.group(1), pair.group(2)
        rest = text[2:]
        lo, hi = _cn_value(first + rest), _cn_value(second + rest)
        if lo is not None and hi is not None and lo < hi:
            return Reading(lo, hi, "about")
    value = _cn_value(text)
    return None if value is None else Reading(value)


_TAIL_NEIGHBOURS = re.compile("(.*[十百千万亿拾佰仟萬億])([一二三四五六七八])([二三四五六七八九])$")
_NEXT = dict(zip("一二三四五六七八", "二三四五六七八九"))
#: Two digits in a row that say "this or the next": 六七, 二三, 一两 (not 二〇, a year's digits).
_NEIGHBOURS = re.compile("(一|二|两|三|四|五|六|七|八)(两|二|三|四|五|六|七|八|九)(?=[十百千万亿兆拾佰仟萬億]|$)")


def _cn_value(text: str) -> Optional[Decimal]:
    """The exact value of a Chinese or mixed numeral (no unknown digit, no range)."""
    if not text:
        return None
    for point in CN_POINT:
        if point in text:
            return _decimal(text, point)
    if all(ch in CN_DIGITS for ch in text) and len(text) > 1:
        if _NEIGHBOURS.fullmatch(text) and text[1] not in "〇零":
            return None  # 六七 alone is a range, not sixty-seven
        return Decimal("".join(str(CN_DIGITS[ch]) for ch in text))  # 二〇二三 → 2023
    total = Decimal(0)   # completed groups of the big units
    section = Decimal(0)  # below the current big unit
    digit: Optional[Decimal] = None
    arabic = ""
    last_big = 0         # the last big unit, to tell 三千亿 after 二十七兆 from 万亿
    last_unit = 0        # the unit right before a final digit: 三万六 → 6 × 1000
    zero = False         # a 零 since the last unit: 一百零五 has no elided unit
    for ch in text:
        if ch.isascii() and (ch.isdigit() or ch in ".,"):
            arabic += ch
            continue
        if arabic:
            digit, arabic = _arabic_digit(arabic), ""
            if digit is None:
                return None
        if ch in CN_DIGITS:
            if CN_DIGITS[ch] == 0:
                zero = True
                digit = None
                continue
            if digit is not None:
                return None  # 十四五, 三四: two digits in a row inside a numeral are not one number
            digit = Decimal(CN_DIGITS[ch])
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            section += (1 if digit is None else digit) * unit
            digit, last_unit, zero = None, unit, False
        elif ch in CN_BIG_UNITS:
            unit = CN_BIG_UNITS[ch]
            section += digit or 0
            if not section and not total:
                section = Decimal(1)  # a bare 万/亿 (百万 is handled by 百): one of it
            if last_big and unit > last_big:
                total = (total + section) * unit  # 一千万亿: the big unit applies to all before it
            else:
                total += section * unit
            section, digit, last_big, last_unit, zero = Decimal(0), None, unit, unit, False
        else:
            return None
    if arabic:
        digit = _arabic_digit(arabic)
        if digit is None:
            return None
    if digit is not None and last_unit >= 100 and not zero:
        digit *= last_unit // 10  # 三万六, 一千二, 五百五: the unit below the last one is elided
    return total + section + (digit or 0)


def _arabic_digit(text: str) -> Optional[Decimal]:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _decimal(text: str, point: str) -> Optional[Decimal]:
    """三点五亿, 八十五点五, 十二点五万: the whole part, the digits after 点, then any big units."""
    whole, _, rest = text.partition(point)
    digits = ""
    for k, ch in enumerate(rest):
        if ch in CN_DIGITS:
            digits += str(CN_DIGITS[ch])
        elif ch.isascii() and ch.isdigit():
            digits += ch
        else:
            rest = rest[k:]
            break
    else:
        rest = ""
    if not digits or not whole or any(ch not in CN_BIG_UNITS for ch in rest):
        return None  # 点五 has no whole part (零点五 has)
    head = _cn_value(whole)
    if head is None:
        return None
    value = head + Decimal("0." + digits)
    big = Decimal(1)
    for ch in rest:
        big *= CN_BIG_UNITS[ch]
    return value * big


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

#: Characters that stand for a hidden digit in published reports (``**个``, ``XX万元``, a template's ``___%``).
MASK_CHARS: str = "*＊×Xx_"
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
    cleaned = text.translate(_FULL_WIDTH_DIGITS).replace(",", "").replace(" ", "").replace("\n", "")
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
    return _cn_value(text)


def decimal_to_number(value: Decimal) -> float | int:
    """``int`` for whole values, else ``float``: what JSON records and models hold."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
