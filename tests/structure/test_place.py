"""Report.place: the area a report speaks for (issue 21)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from support import SEEDS, require_shared

import edureport
from edureport.evaluate.common import shared_dir


def _shared_reports() -> list[tuple[Path, str]]:
    """Every report of ../shared/corpus with the place its file name says."""
    corpus = shared_dir() / "corpus"
    found: list[tuple[Path, str]] = []
    for folder in ("gov-reports-2025", "gov-reports-2026", "county-hailar-2012-2019"):
        found += [(path, path.name.split("_")[1]) for path in sorted((corpus / folder).glob("*_*_*"))]
    found += [(path, "全国") for path in sorted((corpus / "state-council-1954-2017").glob("*.txt"))]
    return found


def _text(path: Path) -> str:
    if path.suffix == ".csv":
        csv.field_size_limit(10**9)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return next(csv.DictReader(handle))["full_text"]
    return edureport.read_source(path).text


def test_place_of_every_shared_report() -> None:
    require_shared()
    reports = _shared_reports()
    assert len(reports) == 23 + 23 + 8 + 49
    wrong = [(path.name, edureport.parse(_text(path)).place) for path, place in reports
             if edureport.parse(_text(path)).place != place]
    assert not wrong


def test_place_survives_a_text_that_lost_its_line_breaks() -> None:
    require_shared()
    for path, place in _shared_reports()[::9]:
        flat = "".join(_text(path).split("\n"))
        assert edureport.parse(flat).place == place, path.name


def test_seeds_name_no_place_or_mask_it() -> None:
    assert [edureport.parse_file(seed).place for seed in SEEDS] == [None] * len(SEEDS)


@pytest.mark.parametrize(("text", "place"), [
    ("政府工作报告\n——2019年3月4日在呼伦贝尔市海拉尔区第十五届人民代表大会第三次会议上\n各位代表：\n一、工作回顾\n", "海拉尔区"),
    ("2025年宁夏政府工作报告\n一、2024年工作回顾\n", "宁夏回族自治区"),
    ("杭州市教育局2023年工作总结\n一、主要工作\n", "杭州市"),
    ("郑州市金水区教育局2023年工作总结\n一、主要工作\n", "金水区"),
    ("**市教育局2023年工作总结\n一、主要工作\n", None),
    ("2023年工作总结\n×县教育局\n一、主要工作\n", None),
    ("区教体局2023年上半年工作总结\n一、主要工作\n", None),
    ("自治区人民政府工作报告\n一、过去一年\n", None),
    ("国务院政府工作报告\n一、过去一年的工作\n", "全国"),
    ("政府工作报告\n——2017年3月5日在第十二届全国人民代表大会第五次会议上\n", "全国"),
])
def test_place_from_the_meeting_line_title_or_issuer(text: str, place: str | None) -> None:
    assert edureport.parse(text).place == place


def test_a_district_report_without_a_title_line_is_a_government_work_report() -> None:
    """The meeting line alone says it: delivered in 2017, it reviews 2016."""
    text = "—2017年2月11日在海拉尔区第十四届人民代表大会第六次会议上\n各位代表：\n一、2016年工作回顾\n全区地区生产总值增长7.5%。\n"
    report = edureport.parse(text)
    assert (report.place, report.period) == ("海拉尔区", "2016年")


def test_a_second_half_summary_reviews_its_second_half() -> None:
    """下半年主要工作 in a 2023年下半年工作总结 is the review, not the plan (issue 21)."""
    from support import CASES, read

    report = edureport.parse(read(CASES / "targets" / "edu_2023_h2.txt"))
    assert report.period == "2023年下半年"
    assert [s.role for s in report.sections] == ["achievement", "problem"]
    first_half = edureport.parse(read(CASES / "targets" / "edu_2023_h1.txt"))
    assert [s.role for s in first_half.sections] == ["achievement", "plan"]
