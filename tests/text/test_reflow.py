"""Reports that lost or gained line breaks read as if they had their own lines (issue 17)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from invariants import check_report
from support import require_shared, seed_texts

import edureport
from edureport.data import load_json
from edureport.evaluate.variants import flat, wrapped
from edureport.text.chunks import join_run_in_chunks
from edureport.text.layout import build_layout
from edureport.text.reflow import prepare

SEEDS = seed_texts()
#: The issue's example, as the author wrote it (one line per heading and paragraph) …
LINED = """某县教育局2023年工作总结和2024年工作思路
一、2023年工作回顾
(一)学前教育普惠发展
全县新建幼儿园3所，新增学位1200个，学前三年毛入园率达到92.5%。
(二)义务教育优质均衡。新建学校2所，新增学位2400个。
二、存在的问题
一是城区学位依然紧张，二是农村学校师资不足。
三、2024年工作思路
(一)扩大学前教育资源
全县新增学位1500个。"""
#: … and as a web page's copy gives it: every line break lost.
ISSUE_EXAMPLE = LINED.replace("\n", "")


def _headings(report: edureport.Report) -> list[str]:
    return [s.heading.replace("\n", "").replace("\r", "") for s in report.walk_sections()]


def _items(report: edureport.Report) -> list[tuple[str, str]]:
    return [(i.role, i.text.replace("\n", "")) for i in report.items]


def test_the_issue_example_reads_as_if_its_line_breaks_were_there() -> None:
    report, lined = edureport.parse(ISSUE_EXAMPLE), edureport.parse(LINED)
    check_report(report, ISSUE_EXAMPLE)
    assert _headings(report) == _headings(lined) == [
        "一、2023年工作回顾", "(一)学前教育普惠发展", "(二)义务教育优质均衡。", "二、存在的问题", "三、2024年工作思路",
        "(一)扩大学前教育资源"]
    assert [s.role for s in report.sections] == ["achievement", "problem", "plan"]
    assert _items(report) == _items(lined)
    assert [(m.text, m.value) for m in report.metrics] == [(m.text, m.value) for m in lined.metrics]


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_texts_with_their_own_lines_are_read_as_they_are(name: str) -> None:
    assert prepare(SEEDS[name]).rewrite is None


@pytest.mark.parametrize("name", sorted(SEEDS))
@pytest.mark.parametrize("width", [30, 36, 60])
def test_hard_wrapped_text_with_page_furniture_reads_like_the_original(name: str, width: int) -> None:
    text = SEEDS[name]
    variant = wrapped(text, width, 40, lambda n: f"— {n} —", f"wrap{width}")
    clean, report = edureport.parse(text), edureport.parse(variant.text)
    check_report(report, variant.text)
    assert _headings(report) == _headings(clean)
    assert [(m.value, m.unit) for m in report.metrics] == [(m.value, m.unit) for m in clean.metrics]
    # a line that the wrap happened to end with a full stop may end an item early: the text read
    # as each role is the same
    for role in ("achievement", "problem", "plan"):
        assert "".join(t for r, t in _items(report) if r == role) == "".join(t for r, t in _items(clean) if r == role)


def test_a_figure_broken_at_the_line_end_is_whole_and_grounded() -> None:
    filler = "全县持续加大教育投入力度，统筹推进城乡义务教育一体化改革发展，" * 8
    para = filler[:7 * 30 + 19] + "，地区生产总值1126.6亿元，同比增长16.5%，教育经费稳步增长。" + filler[:60] + "。"
    text = wrapped(para, 30, 40, lambda n: f"— {n} —", "wrap30").text
    assert "1126\n.6" in text  # the wrap broke the figure
    report = edureport.parse(text)
    check_report(report, text)
    figures = {m.text: m.value for m in report.metrics}
    assert figures["1126\n.6亿元"] == pytest.approx(1126.6e8)
    assert figures["16.5%"] == 16.5


def test_running_headers_and_page_numbers_leave_no_item() -> None:
    text = SEEDS["001_89542f80b92cd7db.txt"]
    variant = wrapped(text, 36, 12, lambda n: f"第{n}页 共9页", "wrap36")
    report = edureport.parse(variant.text)
    assert not any("第1页" in item.text or "共9页" in item.text for item in report.items)
    title = text.splitlines()[0]
    assert all(item.text.replace("\n", "").count(title) == 0 for item in report.items)


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_flattened_text_keeps_the_contract_and_finds_the_problems(name: str) -> None:
    variant = flat(SEEDS[name])
    report, clean = edureport.parse(variant.text), edureport.parse(SEEDS[name])
    check_report(report, variant.text)
    assert bool(report.problems) == bool(clean.problems)
    assert [(m.value, m.unit) for m in report.metrics] == [(m.value, m.unit) for m in clean.metrics]


def test_the_pipeline_reads_a_wrapped_text_as_parse_does() -> None:
    variant = wrapped(SEEDS["000_bbdb7e13a91fb38c.txt"], 36, 40, lambda n: f"— {n} —", "wrap36")
    nlp = edureport.load(segmenter="char")
    doc = nlp(variant.text)
    assert doc._.report == edureport.parse(variant.text)
    assert doc.spans["headings"][0].text.replace("\n", "") == "一、上半年主要工作"


#: A plan written with each heading on its own line and a lead sentence under it (as most provincial
#: reports of 2026 are), made up for this test: the web copy runs every heading into its lead.
LEADS = """某市教育局2025年工作要点
一、总体要求
坚持以人民为中心的发展思想，全面提升教育质量。
二、重点任务
（一）扩大优质学前教育资源
推进普惠性幼儿园建设。全年新建幼儿园8所，新增学位2400个。
（二）促进义务教育优质均衡发展
加快城区学校建设。新建中小学5所，新增学位6000个。
（三）深化职业教育产教融合
支持中职学校专业调整。新增专业点12个。
（四）加强教师队伍建设
健全教师补充机制。招聘新教师360名。"""


def test_a_heading_run_into_its_lead_sentence_ends_where_the_lead_begins() -> None:
    flattened = LEADS.replace("\n", "")
    report, lined = edureport.parse(flattened), edureport.parse(LEADS)
    check_report(report, flattened)
    assert _headings(report) == _headings(lined)
    assert "（二）促进义务教育优质均衡发展" in _headings(report)
    assert [s.role for s in report.sections] == [s.role for s in lined.sections]
    assert [(m.text, m.value) for m in report.metrics] == [(m.text, m.value) for m in lined.metrics]


def test_run_in_headings_stay_whole_when_flattened() -> None:
    """Siblings written ``（一）…。body`` end at their full stop, however long (no cut inside)."""
    text = SEEDS["002_9c3dfdb978ad3966.txt"]
    report, clean = edureport.parse(flat(text).text), edureport.parse(text)
    assert _headings(report) == _headings(clean)


def _reads_as_lined(lined: str, variant: str) -> edureport.Report:
    """``variant`` (``lined`` flattened or with its breaks made spaces) keeps the contract and gives
    ``lined``'s headings."""
    report = edureport.parse(variant)
    check_report(report, variant)
    assert _headings(report) == _headings(edureport.parse(lined))
    return report


def test_a_numbered_paragraphs_first_sentence_stays_one_heading_when_flattened() -> None:
    """Education bureaus number paragraphs whose first sentence runs past 40 characters and whose
    second clause opens like a body (全区共有…): a heading's line never ends with a comma, so the
    sentence is the run-in heading, as on its own line."""
    lined = ("一、2010年工作小结\n"
             "（一）落实省、市、区“关于贫困家庭子女免费义务教育”政策，落实“两免一补”资金305470元，并及时拨到贫困学生手中，"
             "全区共有1564名贫困家庭的学生享受到党和政府的关怀与支助。\n"
             "（二）加强全区中小学的基础设施维修与改造，全区投资220万元，维修校舍1.2万平方米。")
    report = _reads_as_lined(lined, lined.replace("\n", ""))
    assert _headings(report)[1].endswith("关怀与支助。")


def test_the_heading_end_model_says_where_it_comes_from() -> None:
    """The weights are data (regenerated by scripts/heading_ends.py), not a pickle."""
    model = load_json("heading_ends.json")
    assert "scripts/heading_ends.py" in model["_doc"]
    assert model["weights"] and model["chars"] and model["pairs"] and model["reach"] > 0


#: A document-sharing site's copy of a Word file: its header lines, then the file in numbered chunks
#: of a few hundred characters, cut wherever the chunk ended (inside a sentence, a word, a number).
CHUNKED = (
    "某县教育局2022年工作总结.docx\n"
    "《某县教育局2022年工作总结.docx》由会员分享，可在线阅读，更多相关《某县教育局2022年工作总结.docx(3页珍藏版)》请在某文库上搜索。\n"
    "1、某县教育局2022年工作总结一、2022年工作总结（一）优先发展得到有力保障。坚持教育优先发展战略，"
    "大力实施科教兴县战略，努力办好人民满意的教育。一是持续加大教育投入，完成了6所农村寄宿制学校改造，"
    "全年教育经费支出3.2亿元，同比增长6.5%。二是全面落实资助政策，应助尽助。全年资助家庭经济困难学生3182人，发放资助金额5\n"
    "2、05.3万元。为3759名学生办理生源地信用助学贷款。（二）各类教育协调发展。学前三年毛入园率达到92.5%，"
    "义务教育巩固率达到99.9%，高中阶段毛入学率达到95.1%。全县新建幼儿园3所，新增学位1200个，改扩建中小学4所，"
    "新增学位2400个，全县教育质量稳步提升，群众满意度不断提高，各项工作取得新的进展，为全县经济社会发展作出了\n"
    "3、贡献。二、存在的问题一是城区学位依然紧张，二是农村学校师资不足。"
)


def test_page_chunk_numbers_of_a_sharing_site_are_not_headings_and_split_no_figure() -> None:
    report = edureport.parse(CHUNKED)
    check_report(report, CHUNKED)
    headings = _headings(report)
    assert not any(h.startswith(("1、", "2、", "3、")) for h in headings)
    assert headings[:3] == ["一、2022年工作总结", "（一）优先发展得到有力保障。", "（二）各类教育协调发展。"]
    assert "二、存在的问题" in headings and report.problems
    figure = next(m for m in report.metrics if m.unit == "元" and m.value == pytest.approx(5_053_000))
    assert CHUNKED[figure.start:figure.end] == figure.text == "5\n2、05.3万元"
    assert report.title == "某县教育局2022年工作总结"


def test_a_sharing_sites_long_header_does_not_hide_the_flattened_report() -> None:
    """The header (an upload line past 60 characters, a nav bar, a long 由会员分享 line, page lines) is
    debris: the flattened body is most of the content though not of the page, and reads as CHUNKED does."""
    header = ("某县教育局2022年工作总结.docx\n"
              "上传人:阳*** 文档编号:16528173 上传时间:2022-05-17 格式:DOC 页数:16 大小:25.50KB\n"
              "返回 下载 相关 举报\n某县教育局2022年工作总结.docx_第1页\n第1页 / 共16页\n点击查看更多>>\n资源描述\n"
              "《某县教育局2022年工作总结.docx》由会员分享，可在线阅读，更多相关《某县教育局2022年工作总结.docx(16页珍藏版)》"
              "请在某某文库网|工程机械CAD图纸|机械工程制图|CAD装配图下载|SolidWorks_CaTia_CAD_UG_PROE_设计图分享下载上搜索。\n"
              "收起<<\n")
    body = CHUNKED[CHUNKED.index("1、"):]
    text = header + body
    report = edureport.parse(text)
    check_report(report, text)
    assert _headings(report) == _headings(edureport.parse(CHUNKED))
    assert report.metrics and min(m.start for m in report.metrics) > len(header)


def test_numbered_list_lines_are_not_taken_for_page_chunks() -> None:
    text = "某县教育局工作计划\n1、加强师资队伍建设\n2、改善农村学校办学条件\n3、提升教育教学质量\n全年新增学位1200个。"
    assert prepare(text).rewrite is None
    assert _headings(edureport.parse(text))[:3] == ["1、加强师资队伍建设", "2、改善农村学校办学条件", "3、提升教育教学质量"]


def test_a_flattened_glossary_keeps_its_entries() -> None:
    text = ("某省2026年政府工作报告一、2025年工作回顾全省生产总值增长5.2%。二、2026年工作安排新增城镇就业60万人以上。"
            "注释［1］一降三减：全年火灾起数总体下降，火灾亡人数减少。［2］四大主导产业：旅游业、现代服务业、高新技术产业。")
    headings = _headings(edureport.parse(text))
    assert "［1］一降三减：" in headings and "［2］四大主导产业：" in headings


def test_a_flattened_title_block_gives_title_date_and_period() -> None:
    text = ("下载打印全屏收藏【字号：加大还原减小】2026年某省政府工作报告——2026年1月20日在某省第十四届人民代表大会"
            "第五次会议上来源：某省日报时间：2026-01-25各位代表：现在，我代表省人民政府，向大会作政府工作报告，请予审议。"
            "一、2025年工作回顾过去一年，全省生产总值增长5.2%。二、2026年工作安排全省生产总值增长5%左右。")
    report = edureport.parse(text)
    check_report(report, text)
    assert report.title == "2026年某省政府工作报告"
    assert report.date == "2026年1月20日" and report.period == "2025年"
    assert [s.role for s in report.sections] == ["achievement", "plan"]


def test_a_title_repeated_above_the_report_is_no_heading() -> None:
    text = ("年度教育局工作总结三篇\n时间：2022-08-15\n年度教育局工作总结三篇\n一、今年工作总结\n"
            "全县新建幼儿园3所，新增学位1200个。\n二、明年工作计划\n新增学位1500个。")
    assert _headings(edureport.parse(text)) == ["一、今年工作总结", "二、明年工作计划"]


def test_pinyin_readings_a_converter_left_in_the_words_are_read_past() -> None:
    text = ("上半年工作總結(jié)\n一、大力改善辦學(xué)條件。全縣投入資金1281.22萬元，新建學(xué)校3所，"
            "預算(suàn)執行率98%。\n二、存在的問題(tí)\n師資不足。")
    report = edureport.parse(text)
    check_report(report, text)
    assert [(s.heading, s.role) for s in report.sections] == [
        ("一、大力改善辦學(xué)條件。", "achievement"), ("二、存在的問題(tí)", "problem")]  # its last reading kept
    assert [(m.text, m.indicator) for m in report.metrics][1:] == [("3所", "新建學(xué)校"), ("98%", "預算(suàn)執行率")]


#: A traditional-script copy with the readings a converter left in its words (學(xué)), long enough to wrap.
READINGS = ("上半年工作總結(jié)\n一、大力改善辦學(xué)條件，優(yōu)化教育資源配置。全縣投入資金1281.22萬元，新建學(xué)校3所，"
            "改擴建校舍面積達(dá)12000平方米，預算(suàn)執行率98%，義務(wù)教育鞏固率保持在99.5%以上，"
            "學(xué)前三年毛入園率達(dá)到92.5%，全年資助家庭經(jīng)濟(jì)困難學(xué)生3182人，發(fā)放資助金額505.3萬元。\n"
            "二、存在的問題(tí)\n師資不足，部分學(xué)校教師結構(gòu)性短缺，農(nóng)村學(xué)校辦學(xué)條件仍需改善，"
            "城區(qū)學(xué)位依然緊張，學(xué)前教育資源總量不足，部分幼兒園辦園條件較差。")


@pytest.mark.parametrize("source", ["flat seed", "CHUNKED", "READINGS"])
@pytest.mark.parametrize("width", [24, 36])
def test_a_wrap_over_a_flattened_copy_chunk_numbers_or_readings_reads_as_the_text_unwrapped(source: str, width: int) -> None:
    """The wrap is undone first (measured on the lines as wrapped); what it hid across its lines (a web
    copy's one line, a sharing site's chunk numbers, a converter's readings) is read after."""
    text = flat(SEEDS[sorted(SEEDS)[1]]).text if source == "flat seed" else globals()[source]
    variant = wrapped(text, width, 12, lambda n: f"— {n} —", f"wrap{width}")
    assert variant.text.count("\n") >= text.count("\n") + 6
    clean, report = edureport.parse(text), edureport.parse(variant.text)
    check_report(report, variant.text)
    assert _headings(report) == _headings(clean) and len(_headings(clean)) >= 2
    assert [s.role for s in report.walk_sections()] == [s.role for s in clean.walk_sections()]
    assert [(m.value, m.unit, (m.indicator or "").replace("\n", "")) for m in report.metrics] == \
        [(m.value, m.unit, m.indicator or "") for m in clean.metrics]


def test_a_single_bracketed_syllable_stays() -> None:
    assert prepare("我们推行“一校一品(yī xiào yī pǐn)”特色建设，新建学校3所。").rewrite is None


def test_a_pdf_wrapped_by_width_is_joined_although_its_digits_are_narrow() -> None:
    """A PDF wraps by width: a line with ``15 次`` holds more characters than one without."""
    para = ("全年主持局党组理论学习中心组集中学习15 次，专题研讨 6 次，带头撰写心得体会 8 篇，带动系统内各级党组织开展"
            "集中学习 200 余场。组建宣讲团深入校园开展专题宣讲 32 场，覆盖师生 1.2 万人次，推动党的创新理论进校园、"
            "进课堂、进头脑，进一步深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”。")
    lines, line, width = [], "", 0.0
    for ch in para:  # wrapped at 28 character widths, an ASCII character counting half
        w = 0.5 if ord(ch) < 0x2E80 else 1.0
        if width + w > 28:
            lines.append(line)
            line, width = "", 0.0
        line, width = line + ch, width + w
    text = "县教育局局长述职报告\n一、强化理论武装\n" + "\n".join(lines + [line])
    report = edureport.parse(text)
    check_report(report, text)
    assert [m.text.replace("\n", "") for m in report.metrics if m.unit == "场"] == ["200 余场", "32 场"]
    assert not any(m.text == "四个" for m in report.metrics)  # “四个意识” is a name, when the quote is whole


def test_figures_of_a_sites_debris_are_not_the_reports() -> None:
    text = "2024年教育局工作计划(精选4篇)作文\n来源：某某文库 阅读：700次\n一、主要任务\n新建幼儿园3所。"
    assert [m.text for m in edureport.parse(text).metrics] == ["3所"]


def test_the_shipped_heading_end_model_is_what_the_corpus_gives() -> None:
    """Derived data is regenerated, not edited: scripts/heading_ends.py --check refits the model
    from ../shared/corpus and compares it with data/heading_ends.json."""
    require_shared()
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, str(root / "scripts" / "heading_ends.py"), "--check"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "weights match" in done.stdout


def test_a_flattened_debriefs_title_makes_its_sections_a_review() -> None:
    """述职 names a report as 工作总结 does: in a flattened page its title is found, and its sections
    (二、以德示范… reads like a resolution) are work done."""
    text = ("第1页共5页编号:_____教育局局长述职学校:_________(此文内容仅供参考,可自行修改)教育局局长述职"
            "一年来,我在区委、区政府的关怀支持下,真抓实干,开拓创新。一、加强学习,不断提高自身素养与能力"
            "坚持理论学习,全年参加学习42次。二、以德示范,不断加强思想道德修养一年以来,我坚持正确的办学方向,"
            "在思想上、行动上始终与上级保持一致。")
    report = edureport.parse(text)
    assert report.title is not None and "述职" in report.title
    assert [s.role for s in report.sections] == ["achievement", "achievement"]


def test_a_copy_whose_line_breaks_became_spaces_gets_them_back() -> None:
    """…为宗旨。 一、围绕疫情防控抓统筹 教育系统…: a space after a sentence or a heading's short title is the
    line break it replaced; a photo credit's or a keyword line's spaces are not."""
    lined = ("县教育体育局重点工作总结\n2023年全县教育工作以办好人民满意教育为宗旨，扎实推动各项重点工作有效开展。\n"
             "一、围绕疫情防控抓统筹\n教育系统严格依据县委、县政府的统一部署，严密开展疫情防控工作。\n"
             "1.开展线上教学。疫情期间统筹整合优质教育教学资源，开设线上课程320节。\n"
             "2.实行错峰开学。全县126所学校分三批错峰开学，返校学生3.2万人。\n"
             "二、围绕质量提升抓教研\n全年开展教研活动85场，参训教师4600人次。")
    spaced = lined.replace("\n", " ")
    report = _reads_as_lined(lined, spaced)
    assert "一、围绕疫情防控抓统筹" in _headings(report)
    credit = "新华社记者 王鼎 摄 各位代表：现在我代表县人民政府向大会报告工作。" + spaced
    assert "王鼎" not in _headings(edureport.parse(credit))


def test_a_year_alone_ends_no_flattened_heading_and_a_plan_period_opens_a_body() -> None:
    """一、xxxx年我县教育工作取得的成绩xxxx年以来…: a year alone is no heading; 一、基础教育协调发展“十三五”规划以来，…:
    the period opens the body."""
    flat = ("某县教育工作总结一、xxxx年我县教育工作取得的成绩xxxx 年以来，全县教育工作全面推进，新建学校3所，新增学位1200个。"
            "二、基础教育协调发展“十三五”规划以来，全县新建改扩建学校12所，新增学位5600个。")
    headings = _headings(edureport.parse(flat))
    assert headings[:2] == ["一、xxxx年我县教育工作取得的成绩", "二、基础教育协调发展"]


def test_a_flattened_table_of_contents_gives_its_headings_their_ends_and_is_no_outline() -> None:
    """目录一、2023年工作回顾1二、…4一、2023年工作回顾全县…: an entry's page number stands before the next
    marker; the entries are no headings, and the body's headings end where the contents said."""
    flat = ("某县教育局2023年工作总结和2024年工作思路目录一、2023年工作回顾1二、存在的问题3三、2024年工作思路4"
            "一、2023年工作回顾全县新建幼儿园3所，新增学位1200个，学前三年毛入园率达到92.5%。"
            "二、存在的问题城区学位依然紧张，农村学校师资不足。三、2024年工作思路全县新增学位1500个，新建学校2所。")
    report = edureport.parse(flat)
    check_report(report, flat)
    assert [(s.heading, s.role) for s in report.walk_sections()] == [
        ("一、2023年工作回顾", "achievement"), ("二、存在的问题", "problem"), ("三、2024年工作思路", "plan")]
    # with its lines, a contents list that the excerpt does not repeat is no outline either
    lined = ("某县教育局工作总结\n目录\n一、全面打赢防疫战役1\n二、党建领路固本强基3\n三、各类教育协调发展5\n"
             "一、全面打赢防疫战役\n全县投入防疫资金320万元。")
    assert _headings(edureport.parse(lined)) == ["一、全面打赢防疫战役"]
    assert _headings(edureport.parse(lined.replace("目录\n", ""))) == ["一、全面打赢防疫战役"]


@pytest.mark.parametrize("heading,body", [
    ("一、县情和教育基本情况", "xx地处xx省西部，辖12个乡镇，全县共有学校52所。"),
    ("二、肯定成绩，正视问题，切实增强抓好教育工作的责任感和紧迫感", "两年来，我县新建学校3所。"),
    ("三、教育现代化建设成绩显著", "为加快教育现代化进程，我县召开了全县教育工作会议。"),
    ("四、科学谋划教育布局蓝图", "依据XX市经济社会发展态势，科学合理规划教育资源布局。"),
    ("五、办理情况", "我局高度重视学校基础设施建设工作，新建校舍12000平方米。"),
    ("六、特色亮点", "2020年上半年，全区新增学位3000个。"),
    ("七、基本情况", "截至2023年底，全镇共有中小学13所。"),
    ("八、总体要求", "认真学习贯彻党的二十大精神，全面落实立德树人根本任务。"),
    ("九、做好上年度工程项目扫尾", "对于上年度教育项目，全部按期完成竣工验收。"),
    ("十、目标任务", " 始终坚持党对教育工作的全面领导，全县新增学位1200个。"),
    ("十、基本情况:", "我镇共有13所中小学，其中初中2所，中心小学1所。"),
    ("十、主要任务", "2025年全区教育体育工作的总体目标是新增学位1500个。"),
    ("十、校建工程稳步推进", "按照规划一步到位的要求，新建校舍12000平方米。"),
    ("十、现状", "2023—2024学年，明光镇有初级中学1所，小学10所。"),
    ("十、年度工作目标及重点工作任务", "全面加强党对教育体育工作的领导，新增学位1500个。"),
    ("十、扩建第四中学", "计划建设5000平方米教学楼一栋，教室36间。"),
    ("十、项目安排情况", "2021年安排一般债券资金611万元，用于学校建设。"),
])
def test_a_flattened_heading_ends_where_its_body_opens_with_a_place_years_a_purpose_or_a_source(heading: str, body: str) -> None:
    """The heading-end model alone reads 为加快…, 2020年上半年 and 截至… as the heading's; a body opener says where it ends."""
    title = "二、" + heading[2:]
    text = ("某镇教育发展情况汇报一、工作开展情况全县新增学位1200个，新建幼儿园3所，学前三年毛入园率达到92.5%。" + title + body
            + "三、存在的问题城区学位依然紧张，农村学校师资不足。")
    report = edureport.parse(text)
    check_report(report, text)
    assert _headings(report) == ["一、工作开展情况", title, "三、存在的问题"]


def test_a_sharing_sites_chunk_numbers_in_a_copy_that_lost_its_line_breaks_are_read_past() -> None:
    """…搜索。1、某县教育局2022年工作总结一、…资助金额52、05.3万元…: chunk 1 opens the title, the next ones
    stand in mid-sentence as far apart as the first two."""
    text = flat(CHUNKED).text
    report = edureport.parse(text)
    check_report(report, text)
    assert _headings(report) == _headings(edureport.parse(CHUNKED))
    assert report.title == "某县教育局2022年工作总结"
    figure = next(m for m in report.metrics if m.unit == "元" and m.value == pytest.approx(5_053_000))
    assert figure.text == "52、05.3万元"
    # a numbered list of the report's own stands after its sentences, and one that opens no title is no chunk run
    listed = "1、2022年工作总结。" + "全县教育质量稳步提升，新增学位1200个。" * 12 + "2、加强队伍建设。"
    assert join_run_in_chunks(build_layout(listed)) is None
    untitled = "1、加强党的建设" + "全县教育质量稳步提升，新增学位1200个" * 12 + "2、加强队伍建设。"
    assert join_run_in_chunks(build_layout(untitled)) is None
    assert join_run_in_chunks(build_layout(text)) is not None


@pytest.mark.parametrize("heading", ["(一)主动适应全国教育发展新形势，对全市教育事业作出了科学规划和安排部署。",
                                     "2、研究制定了我市《教育规划纲要》。", "(三)加大投入力度，对全县薄弱学校实施改造。",
                                     "(二)扎实推进全市中等职业学校布局调整工作。", "(一)教育发展水平全市领先。"])
def test_a_place_that_a_word_governs_opens_no_body_of_a_flattened_heading(heading: str) -> None:
    """对全市…, 制定了我市…: the place is the object of the heading's verb, not the subject of its body."""
    text = ("某市教育局工作总结一、主要工作全市新增学位1200个，新建幼儿园3所，学前三年毛入园率达到92.5%。" + heading
            + "年初，市教育局根据教育发展新形势，全面梳理了教育发展现状，组织专家论证。二、存在的问题城区学位依然紧张。")
    assert heading in _headings(edureport.parse(text))


def test_a_sites_outline_before_the_title_is_no_outline_when_the_title_runs_on_from_it() -> None:
    """一、…(一)…(四)深化融合赋能县教育局2025年党建工作总结2025年，…: the outline above the title, flattened."""
    lined = ("一、2025年党建工作扎实推进\n(一)强化思想铸魂\n(二)抓实组织建设\n二、存在问题\n三、2026年党建工作计划\n(一)深化理论武装\n"
             "(二)深化融合赋能\n县教育局2025年党建工作总结\n2025年，县教育局党组坚持以党建引领教育高质量发展，全年开展专题培训12场，"
             "新建党员活动室6个。\n一、2025年党建工作扎实推进\n(一)强化思想铸魂\n全年开展理论学习48次，覆盖党员1200人。")
    flat_text = lined.replace("\n", "")
    assert _headings(edureport.parse(lined))[:2] == ["一、2025年党建工作扎实推进", "(一)强化思想铸魂"]
    report = edureport.parse(flat_text)
    check_report(report, flat_text)
    headings = _headings(report)
    assert headings[:2] == ["一、2025年党建工作扎实推进", "(一)强化思想铸魂"]
    assert min(s.start for s in report.walk_sections()) > flat_text.index("工作总结")


@pytest.mark.parametrize("text,heading", [
    ("某县教育局2020年工作总结一、主要工作全县规模以上企业研发经费支出达x万元…………二、存在的困难1.学前教育资金缺口大，"
     "无证园整治尺度不统一。配套幼儿园建设费x万元未及时拨付，导致该项目一直未进场装修。", "二、存在的困难"),
    ("某县教育局2020年工作总结一、围绕疫情防控抓统筹教育系统严格依据县委、县政府的统一部署，严密开展疫情防控工作。 "
     "1.开展线上教学。疫情期间统筹整合优质教育教学资源，开设线上课程320节，确保全县16111名学生正常学习。", "1.开展线上教学。"),
    ("区教育局2022年工作总结范文范例1.加快重点项目建设。大力实施教育优质倍增工程五年行动计划，统筹实施37所公办学校和"
     "幼儿园新建和续建项目，新增学位12000个。2.深化集团化办学。新组建教育集团5个。", "1.加快重点项目建设。"),
    ("某县教育局工作总结一、20xx年工作总结20xx年，在县委、县政府的坚强领导下，我局紧紧围绕办好人民满意教育目标，"
     "全县新建学校3所，新增学位1200个，教育质量稳步提升。二、存在的问题城区学位依然紧张。", "一、20xx年工作总结"),
    ("某镇教育工作汇报一、基本情况:我镇共有13所中小学，其中初中2所。二、项目进展1、中心小学:教学楼、学生宿舍已完成主体，"
     "正在装修。2、黄塘中学:综合楼、教师公租房已基本完成内外装饰，运动场已招标。", "1、中心小学:教学楼、学生宿舍已完成主体，正在装修。"),
    ("区教育局2021年工作总结一、主要成绩(一)彰显担当:政府履职评价再度夺冠。全区在珠三角地区12个区县中排名第一，"
     "获全省表扬。(二)幼有善育:学前教育工程全面达标。公办园增至35所。", "(一)彰显担当:政府履职评价再度夺冠。"),
])
def test_a_flattened_heading_after_an_ellipsis_a_space_or_a_title_is_found_and_a_numbered_point_kept_whole(text: str, heading: str) -> None:
    report = edureport.parse(text)
    check_report(report, text)
    assert heading in _headings(report)


def test_a_sites_notices_run_into_a_flattened_text_are_debris() -> None:
    """1. 部分包含数学公式或PPT动画的文件,…请放心下载。2. 本文档由用户上传…: with its lines, each is a debris
    line; run into one line, each sentence still is."""
    notices = ("温馨提示:1. 部分包含数学公式或PPT动画的文件,查看预览时可能会显示错乱或异常,文件下载后无此问题,请放心下载。"
               "2. 本文档由用户上传,版权归属用户,汇文网负责整理代发布。如果您对本文档版权有争议请及时联系客服。")
    text = notices + ISSUE_EXAMPLE
    report = edureport.parse(text)
    check_report(report, text)
    assert _headings(report) == _headings(edureport.parse(ISSUE_EXAMPLE))
    assert not any("数学公式" in item.text or "用户上传" in item.text for item in report.items)
