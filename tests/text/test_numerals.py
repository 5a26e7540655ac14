"""Numerals: Chinese, Arabic, full-width, mixed, magnitudes, masks."""

from decimal import Decimal

import pytest

from edureport.text.numerals import (
    arabic_value,
    cn_reading,
    cn_to_int,
    decimal_to_number,
    is_masked,
    number_value,
    ordinal_value,
)


@pytest.mark.parametrize("text, value", [
    ("十二", 12), ("一百零五", 105), ("三十六", 36), ("两", 2), ("〇", 0), ("二〇二三", 2023),
    ("十二万", 120000), ("三万五千", 35000), ("3万", 30000), ("一千二百", 1200), ("万", 10000), ("百万", 1000000),
])
def test_cn_to_int(text, value):
    assert cn_to_int(text) == value


def test_cn_to_int_rejects_other_text():
    assert cn_to_int("") is None
    assert cn_to_int("学校") is None


@pytest.mark.parametrize("token, value", [("十二", 12), ("3", 3), ("③", 3), ("", None)])
def test_ordinal_value(token, value):
    assert ordinal_value(token) == value


@pytest.mark.parametrize("text, value", [
    ("1,234.5", Decimal("1234.5")), ("１２３", Decimal("123")), ("０．５", Decimal("0.5")), ("97.2", Decimal("97.2")),
])
def test_arabic_value(text, value):
    assert arabic_value(text) == value


@pytest.mark.parametrize("text", ["", "1.2.3", "一", "12a", "**"])
def test_arabic_value_rejects(text):
    assert arabic_value(text) is None


@pytest.mark.parametrize("text, value", [
    ("17192万", 171920000), ("1.16亿", 116000000), ("5.67万亿", 5670000000000), ("1.2万", 12000),
    ("3.27万", 32700), ("十二万", 120000), ("两", 2), ("4000", 4000), ("0.7万", 7000),
])
def test_number_value_applies_magnitudes_exactly(text, value):
    assert number_value(text) == value


@pytest.mark.parametrize("text", ["", "1.2.3万", "三四", "点五", "三点", "十四五"])
def test_number_value_rejects(text):
    assert number_value(text) is None


@pytest.mark.parametrize("text, masked", [("**", True), ("**.*", True), ("XX", True), ("＊＊", True), ("×", True), ("12.5", False)])
def test_is_masked(text, masked):
    assert is_masked(text) is masked


def test_decimal_to_number_keeps_integers_whole():
    assert decimal_to_number(Decimal("5670000000000.00")) == 5670000000000
    assert isinstance(decimal_to_number(Decimal("12000.0")), int)
    assert decimal_to_number(Decimal("97.2")) == 97.2


@pytest.mark.parametrize("text, lo, hi", [
    ("三万二千", "32000", None), ("三十五万零二百", "350200", None), ("贰拾叁万伍仟", "235000", None),
    ("二十七兆三千亿", "27300000000000", None), ("三万六", "36000", None), ("一千二", "1200", None),
    ("五百五", "550", None), ("两万五", "25000", None), ("一百零五", "105", None), ("八十五点五", "85.5", None),
    ("三点五亿", "350000000", None), ("十二点五万", "125000", None), ("3千万", "30000000", None),
    ("1,234.5亿", "123450000000", None), ("四十二万七千三百零六", "427306", None), ("一万亿", "1000000000000", None),
    ("六七亿", "600000000", "700000000"), ("二三十", "20", "30"), ("一两百", "100", "200"),
    ("十几", "11", "19"), ("几十万", "100000", "900000"), ("数百", "100", "900"), ("十五六", "15", "16"),
])
def test_cn_reading_every_form(text, lo, hi):
    reading = cn_reading(text)
    assert reading is not None and reading.lo == Decimal(lo)
    assert reading.hi == (None if hi is None else Decimal(hi))
    assert (reading.approx == "about") == (hi is not None)


@pytest.mark.parametrize("text", ["", "百姓", "一二三级", "点", "点五", "三十四五六"])
def test_cn_reading_rejects_what_is_no_numeral(text):
    assert cn_reading(text) is None


def test_cn_reading_agrees_with_cn2an_on_generated_numerals():
    """Differential test (issue 18): numerals written by cn2an (lower and upper case, decimals) read back
    by cn_reading; where cn2an reads a numeral too, the values agree."""
    cn2an = pytest.importorskip("cn2an", reason="cn2an (a test dependency) is not installed")
    import random

    rng = random.Random(18)
    numbers = [rng.randrange(1, 10 ** rng.randrange(1, 13)) for _ in range(1500)]
    numbers += [rng.randrange(1, 10**6) + rng.randrange(1, 100) / 100 for _ in range(300)]
    checked = 0
    for number in numbers:
        for mode in ("low", "up"):
            written = cn2an.an2cn(number, mode)
            reading = cn_reading(written)
            assert reading is not None and reading.hi is None, written
            try:
                theirs = Decimal(str(cn2an.cn2an(written, "normal")))
            except (ValueError, KeyError):
                continue
            assert reading.lo == theirs, (written, reading.lo, theirs)
            checked += 1
    assert checked > 3000
