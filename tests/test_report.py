"""parse() end to end: sections, items, roles, metadata, offsets, on real reports."""

from __future__ import annotations

import pytest
from invariants import check_report

from edureport import Report


def assert_grounded(report: Report) -> None:
    """The shared invariants (tests/invariants.py), and levels one apart between parent and child here."""
    check_report(report, report.text)
    for section in report.walk_sections():
        for child in section.children:
            assert child.level == section.level + 1


def test_seed_000_structure(char_parse, seed_texts) -> None:
    report = char_parse(seed_texts["000_bbdb7e13a91fb38c.txt"])
    assert [s.title for s in report.sections] == ["上半年主要工作", "存在困难问题", "下半年主要工作"]
    assert [s.role for s in report.sections] == ["achievement", "problem", "plan"]
    first = report.achievements[0]
    assert first.title == "强化党风廉政主引擎"
    assert first.section_path == ["上半年主要工作", "党建引领全面提效，行风建设实现新加强"]
    assert [p.title for p in report.problems] == ["资源矛盾堵点问题仍然存在", "民办教育体系短板仍然存在", "结构性缺编问题仍然存在"]
    assert report.period == "2023年上半年"
    assert_grounded(report)


def test_seed_001_metadata_and_runin_heading(char_parse, seed_texts) -> None:
    report = char_parse(seed_texts["001_89542f80b92cd7db.txt"])
    assert report.title == "2023年上半年工作总结及下半年工作谋划"
    assert report.issuer == "区教体局"
    assert report.date == "2023年6月"
    assert report.period == "2023年上半年"
    problems = report.sections[1]
    assert problems.heading == "二、主要难点和问题。" and problems.role == "problem"
    assert len(report.problems) >= 2
    assert_grounded(report)


def test_seed_003_issuer_from_title(char_parse, seed_texts) -> None:
    report = char_parse(seed_texts["003_65850cbc458b37d5.txt"])
    assert report.issuer == "市教育体育局"
    assert report.period == "2022年"
    assert [s.role for s in report.sections] == ["achievement", "plan"]


def test_government_report_problem_paragraph_in_review(char_parse, gov_texts) -> None:
    report = char_parse(gov_texts["2026_海南省_政府工作报告.txt"])
    assert report.issuer == "海南省人民政府"
    assert report.date == "2026年1月27日"
    assert report.period == "2025年"
    review = report.sections[0]
    assert review.role == "achievement"
    inside = [p for p in report.problems if review.start <= p.start < review.end]
    assert inside and inside[0].text.startswith("我们也清醒认识到")
    assert_grounded(report)


@pytest.mark.parametrize("name", ["seed", "gov"])
def test_every_report_is_grounded(char_parse, request, name) -> None:
    texts = request.getfixturevalue(f"{name}_texts")  # gov_texts skips only its own case when ../shared is absent
    for text in texts.values():
        assert_grounded(char_parse(text))


def test_json_round_trip_is_lossless(char_parse, seed_texts) -> None:
    for text in seed_texts.values():
        report = char_parse(text)
        again = Report.model_validate_json(report.model_dump_json())
        assert again == report
        assert again.model_dump_json() == report.model_dump_json()


def test_schema_names_the_public_fields() -> None:
    import edureport

    schema = edureport.schema()
    assert set(schema["properties"]) >= {"text", "title", "issuer", "period", "date", "sections", "achievements",
                                         "problems", "plans", "metrics", "warnings"}
    section = schema["$defs"]["Section"]["properties"]
    assert set(section) >= {"heading", "marker", "ordinal", "title", "level", "role", "start", "end", "children"}


def test_no_headings_falls_back_to_sentence_cues(char_parse) -> None:
    text = "今年以来，全县新建幼儿园3所，完成校舍改造12处。\n下一步，我们将力争新增学位2000个，确保秋季投用。"
    report = char_parse(text)
    assert [i.role for i in report.items] == ["achievement", "plan"]
