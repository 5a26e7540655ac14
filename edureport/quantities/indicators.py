"""What a figure measures ("indicator"), grounded: ``学前三年毛入园率`` for ``97.2%``, with offsets.

The phrases Chinese uses, in the order they are tried (cue lexicons in ``data/indicators.json``,
the convention in ``ANNOTATION.md`` §3):

* a coordinated run takes its members in order (``小麦、玉米、水稻产量分别增长2.1%、3.4%、5.6%``;
  ``新增60家和30家，累计分别达到1016家和591家`` reuses the list before it in the sentence);
* a figure joined to the one before (``4金13银16铜``) and the end of a from→to change take that
  figure's phrase;
* the noun after the unit (``建成12个乡村少年宫``, ``10人获评名校长``, ``8所学校全电厨房改造`` → 学校)
  when the text before hands over to it (a verb of action, a preposition, ``等``, scope words or a
  place), when it is what the unit counts (所 → 学校, 名 → 教师) or a product a measure is of;
* else the noun phrase before the number, after the last verb of action and without the words
  that join it to the number (``新增学位超4000个`` → 新增学位; ``高于全国平均水平``, ``从2020年的``);
* a clause that names nothing of its own takes the figure's before in the sentence (a change
  amount; ``处置问题线索69件，办结59件``; ``增长6.1%、达到27克/千克``), else, for sums, rates and measures,
  the sentence's subject (``地区生产总值跨越3个千亿元台阶，达到1.5万亿元``), else the verb (``投入1.16亿元``);
* the length of an activity (``连续15年``) names nothing.

Scope words (全市, 累计, 年均) are left to ``scope``; ``None`` when the text names nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

import regex

from edureport.data import alternation, count_units, load_json
from edureport.models import Metric
from edureport.text.boundaries import Breaks

__all__ = ["assign_indicators"]

#: What a phrase may hold: Han characters, masks (**市), the quotes of a name (“四有”好教师团队) and
#: Latin letters with their digits (广义货币M2, PM2.5).
_PHRASE_CHAR = r"(?:[\p{Han}*×“”‘’《》+]|[A-Za-z]+[0-9]*(?:\.[0-9]+)?|[0-9]+[A-Za-z]+)"
_SENTENCE_STOP = regex.compile(r"[。;；\n]")
_SENTENCE_STOP_R = regex.compile(r"(?r)[。;；!！?？\n]")
#: Between two figures that share one indicator: nothing, or a 、 (4金13银16铜, 3.2、3.5万人).
_JOINED = frozenset({"", "、"})
#: Between the figures of a coordinated run (80家、16家; 60家和30家), and between the members they match.
#: What stands between two figures of one list (增长6.1%、达到…; 3.1亿元和3.3亿元).
COORDINATED = frozenset({"、", "和", "及", "与"})
_MEMBER_BREAK = regex.compile(r"(?r)[,，。;；:：!！?？\n()（）]")  # the last break before a run
_YEAR = regex.compile(r"(?:[〇零一二三四五六七八九]{4}年|(?<=\d)年|(?<=\d{4}年))(?:度|底|末|初)?的")  # a date before a name

Span = Optional[tuple[int, int]]


class _Cues:
    """The cue lexicons of ``data/indicators.json`` as patterns, compiled once per process."""

    def __init__(self) -> None:
        data = load_json("indicators.json")
        alt = alternation

        # Patterns anchored at the end are searched backwards ((?r)): from the end, not from every start.
        def ending(key: str) -> regex.Pattern[str]:
            return regex.compile(rf"(?r)(?:{alt(data[key])})$")

        def any_of(key: str) -> regex.Pattern[str]:
            return regex.compile(rf"(?:{alt(data[key])})")

        self.max_len: int = data["max_length"]
        self.clause_break = re.compile(r"[,，。;；:：!！?？、\n()（）]")
        joints = rf"{alt(data['strip_end'])}|{'|'.join(data['strip_end_patterns'])}|{data['gloss_bracket']}"
        self.gloss = regex.compile(rf"(?r){data['gloss_bracket']}$")
        self.strip_end = regex.compile(rf"(?r)(?:{joints}|\s)+$")
        # what may stand between two figures said of one subject: 增长6.1%、达到27克/千克; 175亿美元左右、约合…
        self.joint = regex.compile(rf"(?:左右|以上|以内|[、\s])*(?:(?:{joints})[、\s]*)*")
        self.no_subject = regex.compile(r"[以在对为从由向把将按据经]")
        self.strip_start = regex.compile(rf"(?:{alt(data['strip_start'])})+")
        self.phrase_tail = regex.compile(rf"(?r){_PHRASE_CHAR}+$")
        self.phrase_head = regex.compile(rf"{_PHRASE_CHAR}+")
        # A verb followed by a noun suffix is part of a noun (处理率, 培训机构): it cuts nothing.
        # … and one after the start of a noun it ends (党组织, 团组织): it is that noun's head.
        guarded_verbs = [rf"(?<!{alt(before)}){regex.escape(verb)}" for verb, before in data["verbs_not_after"].items()]
        plain_verbs = [v for v in data["verbs"] if v not in data["verbs_not_after"]]
        verbs = rf"(?:{'|'.join(guarded_verbs)}|{alt(plain_verbs)})(?!{alt(data['noun_suffixes'])})"
        self.last_verb = regex.compile(rf"(?r){verbs}")
        self.after_verb = regex.compile(verbs)
        # 在 ends the noun after the unit (24个团支部在…) except in the words it opens (在编, 在校, 在岗)
        stops = "|".join(data["after_stop_patterns"])
        self.after_stop = regex.compile(rf"{alt(data['after_stop'])}|{verbs}|{stops}")
        self.hand_over = ending("hand_over")
        self.prize = ending("prizes")
        self.duration = ending("durations")
        self.activity = ending("activities")
        self.place = ending("places")
        self.honour = any_of("honours")
        self.change_noun = any_of("change_nouns")
        self.preposition = any_of("prepositions")
        #: per unit, the noun heads of what it counts, longest first, as one reverse search each
        not_before = data["heads_not_before"]

        def head(word: str) -> str:  # 工 ends 农民工 but not 工作
            return regex.escape(word) + (f"(?![{not_before[word]}])" if word in not_before else "")

        self.heads = {unit: regex.compile("(?r)(?:" + "|".join(head(w) for w in sorted(set(heads), key=len, reverse=True)) + ")")
                      for unit, heads in data["heads"].items()}
        #: nouns a unit's head opens and that are counted whole (学校党组织, 学校党支部)
        self.head_extension = regex.compile(rf"(?:{alt(data['head_extensions'])})")
        #: classifiers of institutions: the noun they classify is what is counted, whatever follows it
        self.institution_units = count_units()[0]
        self.han = regex.compile(r"\p{Han}")
        self.figure_next = regex.compile(r"[0-9*×]")  # …阿拉伯国家、全国31个: 全国 belongs to the next figure
        self.hand_over_joint = ending("hand_over_joints")
        self.share_verb = any_of("share_verbs")
        self.share_only = regex.compile(data["share_only"])
        self.basis_only = regex.compile(data["basis_only"])
        self.member_split = regex.compile(data["member_separators"])
        self.comma_r = regex.compile(r"(?r)[，,]")
        self.abbreviation = regex.compile(r"(?r)[（(][A-Za-z][A-Za-z0-9.&]{0,7}[）)]$")
        #: a classifier in brackets between the unit and the noun: 7万套（间）保障性租赁住房
        self.bracket = regex.compile(r"[（(][^）)\n]{1,3}[）)]")
        self.qualifier = regex.compile(rf"(?:{alt(data['qualifiers_after'])})(?=\p{{Han}})")
        self.qualifier_joint = regex.compile(rf"(?:{alt(data['qualifiers_after'])})")


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    return _Cues()


def assign_indicators(metrics: list[Metric], text: str, copy: str) -> None:
    """Set ``indicator`` and its offsets on each metric (in place); ``copy`` is the text's matching copy.

    Each figure costs a few short regex operations on the clause before its number and the few
    characters after its unit; nothing is read twice.
    """
    if not metrics:
        return
    _BEFORE_MEMO.clear()  # the memos are per text: a benchmark that parses a text again gets no head start
    _PHRASE_MEMO.clear()
    cues = _cues()
    clauses = Breaks(cues.clause_break, copy)
    by_start = {m.start: m for m in metrics}
    members = _respectively(metrics, copy, cues)
    previous: Optional[Metric] = None
    for k, metric in enumerate(metrics):
        where = members.get(metric.start) or _inherited(metric, previous, by_start, copy)
        if where is None:
            following = metrics[k + 1].start if k + 1 < len(metrics) else len(copy)
            where = _named(metric, previous, copy, clauses, cues, following)
        if where is None and previous is not None and previous.indicator is not None \
                and _coordinated(copy, previous, metric, cues) \
                and copy.find("分别", max(0, previous.start - 8), previous.start) >= 0:
            where = _grounding(previous)  # 学前三年教育普及率分别达到99%和95%: one name, each figure its own area
        if where is not None:
            _ground(metric, text, where)
            if previous is not None and previous.indicator is None and _joined(copy, previous, metric):
                _ground(previous, text, where)  # 完成1.8万户、189万平方米棚改任务: the run's noun comes last
        previous = metric


def glossed(copy: str, end: int, clause: int) -> bool:
    """Only a note in brackets stands between a name ending at ``end`` and the clause at ``clause``
    (新增图书（含电子图书）: ``gloss_bracket`` in indicators.json)."""
    found = _cues().gloss.search(copy, end, clause)
    return found is not None and found.start() == end


#: A line ending with one of these closes its clause: a figure on the next line names nothing on it.
_LINE_CLOSERS = frozenset("。；;:：！!？?，,\n")


def _ground(metric: Metric, text: str, where: tuple[int, int]) -> None:
    # Through __dict__: pydantic's __setattr__ costs ~1.3 µs, and the fields are already set
    # (extract_metrics builds every Metric with indicator=None).
    fields = metric.__dict__
    fields["indicator"] = text[where[0]:where[1]]
    fields["indicator_start"], fields["indicator_end"] = where


#: Where the text after a unit stops being read: a sentence or clause break that no name crosses
#: (、 and brackets are crossed: 18个小区、道路积水点; 7万套（间）住房).
_HARD_STOP = re.compile(r"[,，。;；:：!！?？\n]")


def _named(metric: Metric, previous: Optional[Metric], copy: str, clauses: Breaks, cues: _Cues,
           next_start: int) -> Span:
    """The phrase of the metric's own clause (or of the text after its unit) that names it, else
    the figure's it belongs to (a change amount, a clause with nothing but a verb), else the
    sentence's subject for sums, rates and measures."""
    clause = clauses.start(metric.start, 40)
    if clause > 1 and copy[clause - 1] == "\n" and not copy[clause:metric.start].strip() \
            and copy[clause - 2] not in _LINE_CLOSERS:
        clause = clauses.start(clause - 1, 40)  # 贫困寄宿生生活补助⏎225⏎万元: a figure a converter put on its own line
    if clause > 1 and copy[clause - 1] in ")）" and not copy[clause:metric.start].strip():
        gloss = cues.gloss.search(copy, max(0, clause - 20), clause)
        if gloss is not None:  # 新增图书(含电子图书)54.5万册: the name stands before the note
            clause = clauses.start(gloss.start(), 40)
    named = _abbreviated(metric, copy, clause, clauses, cues)
    if named is not None:
        return named
    # The noun of a figure before in the clause (院校共25个专业), or a list member before a
    # 、 (中医学、针灸推拿3个本科专业), names something else when a noun follows the unit.
    lead = clause > 0 and copy[clause - 1] == "、"
    if previous is not None and previous.end >= clause:
        clause, lead = previous.end, True
        if previous.kind == "duration" and copy.startswith("来", clause):
            clause += 1  # 五年来累计投入资金3亿元: the 来 of a span of time
    window = copy[clause:metric.start]
    after = copy[metric.end:metric.end + cues.max_len + 4]
    if next_start < metric.end + len(after):
        # 辖xx个乡镇xxx个行政村: no name runs into the next figure (a masked one ends it as a digit would)
        after = after[:next_start - metric.end] + "0"
    stop = _HARD_STOP.search(after)
    if stop is not None:  # nothing past a hard stop is read: cut there (the stop kept), so that the
        after = after[:stop.end()]  # phrase memo meets figures that differ only beyond it
    if metric.kind == "duration" and cues.han.match(after, _qualified(after, cues)):
        return None  # 24小时开放, 7年来最低, 3年增长58.6%: how long something is done names nothing
    span, in_after, elided = _phrase(window, after, metric.unit, metric.kind, lead, cues)
    same_sentence = elided and _same_sentence(copy, previous, metric)
    if span is not None and not same_sentence:
        base = metric.end if in_after else clause
        return base + span[0], base + span[1]
    if same_sentence or _delta_of(metric, previous, copy) or _share_of(metric, previous, copy, window, cues) \
            or _basis_of(metric, previous, copy, window, cues):
        inherited = _grounding(previous)  # 处置问题线索69件，办结59件; 教育经费支出17192万元，同比增长23.6%
        if inherited is not None:
            return inherited
    if elided or not window.strip():
        # 有机质增长6.1%、达到27克/千克; 地区生产总值跨越3个千亿元台阶，达到1.5万亿元 (a sum, a rate
        # or a measure is said of the sentence's subject; a count counts a noun of its own)
        if _chained(copy, previous, metric, cues):
            return _grounding(previous)
        if metric.kind != "count":
            return _subject(copy, metric, cues, clause)
    return None


def _abbreviated(metric: Metric, copy: str, clause: int, clauses: Breaks, cues: _Cues) -> Span:
    """The name before an abbreviation in brackets that the clause opens with, when only joining
    words stand between it and the number: ``国内生产总值（GDP）增长5%``, ``“经认证的经营者”（AEO）达到558家``."""
    bracket = cues.abbreviation.search(copy, max(0, clause - 12), clause) if clause else None
    if bracket is None:
        return None
    joint = cues.strip_end.search(copy, clause, metric.start)
    if copy[clause:metric.start].strip() and (joint is None or joint.start() > clause):
        return None
    start = clauses.start(bracket.start(), 40)
    name = _before(copy[start:bracket.start()], cues)[0]
    return None if name is None else (start + name[0], start + name[1])


def _respectively(metrics: list[Metric], copy: str, cues: _Cues) -> dict[int, tuple[int, int]]:
    """Each figure of a coordinated run with its own member of the list that names them, in order:
    ``跨国公司地区总部、外资研发中心分别新认定60家和30家`` → 跨国公司地区总部 (60家), 外资研发中心 (30家).
    A run whose clause names no list (``累计分别达到1016家和591家``) takes the list of the run before it
    in the sentence when it has as many figures."""
    out: dict[int, tuple[int, int]] = {}
    runs: list[list[Metric]] = []
    for metric in metrics:
        if runs and _coordinated(copy, runs[-1][-1], metric, cues):
            runs[-1].append(metric)
        else:
            runs.append([metric])
    last: list[tuple[int, int]] = []
    last_end = -1
    for run in runs:
        if len(run) < 2:
            continue
        first = run[0].start
        found = _members(copy, first, cues)
        if len(found) < 2 and last and len(last) == len(run) and not _SENTENCE_STOP.search(copy, last_end, first):
            found = last
        if len(found) == len(run):
            out.update({metric.start: span for metric, span in zip(run, found)})
            last, last_end = found, run[-1].end
    return out


def _coordinated(copy: str, a: Metric, b: Metric, cues: _Cues) -> bool:
    """``b`` follows ``a`` in a coordinated run: 80家、16家; 60家和30家; 5%左右、5%以上."""
    if b.start - a.end > 4:
        return False
    between = copy[a.end:b.start]
    qualifier = cues.qualifier_joint.match(between)  # 左右, 以上 … before the 、
    return between[qualifier.end() if qualifier is not None else 0:].strip() in COORDINATED


def _members(copy: str, pos: int, cues: _Cues) -> list[tuple[int, int]]:
    """The 、/和 list that ends the clause before ``pos`` (the first figure of a run), as spans."""
    start = max(0, pos - 60)
    brk = _MEMBER_BREAK.search(copy, start, pos)
    begin = brk.end() if brk is not None else start
    end = pos
    joint = cues.strip_end.search(copy, begin, end)
    if joint is not None:
        end = joint.start()
    first = cues.member_split.search(copy, begin, end)  # a verb inside a member (临时救助最低标准) cuts nothing
    verb = cues.last_verb.search(copy, begin, first.start() if first is not None else end)
    if verb is not None and verb.end() < end:
        begin = verb.end()
    head = cues.strip_start.match(copy, begin, end)
    if head is not None:
        begin = head.end()
    spans = []
    cut = begin
    for sep in cues.member_split.finditer(copy, begin, end):
        spans.append((cut, sep.start()))
        cut = sep.end()
    spans.append((cut, end))
    if len(spans) < 2 or any(b - a < 1 or b - a > cues.max_len for a, b in spans):
        return []
    return [_unquoted(copy, a, b) for a, b in spans]


def _joined(copy: str, a: Metric, b: Metric) -> bool:
    """``a`` and ``b`` stand side by side, joined by nothing or a 、 (4金13银, 1.8万户、189万平方米)."""
    return b.start - a.end <= 1 and copy[a.end:b.start].strip() in _JOINED


def _grounding(metric: Optional[Metric]) -> Span:
    """Where ``metric``'s indicator stands in the text, if it has one."""
    if metric is None or metric.indicator_start is None or metric.indicator_end is None:
        return None
    return metric.indicator_start, metric.indicator_end


def _inherited(metric: Metric, previous: Optional[Metric], by_start: dict[int, Metric], copy: str) -> Span:
    """The indicator of the figure this one belongs to: a change's, a from→to pair's, a joined run's."""
    if previous is not None and _joined(copy, previous, metric):
        return _grounding(previous)
    change = metric.change
    if change is not None and change.role == "to" and change.partner_start is not None:
        return _grounding(by_start.get(change.partner_start))
    return None


#: Kinds whose unit measures a product or an area rather than counting things (60万吨赖氨酸, 4000平方米保鲜库).
_MEASURES = frozenset({"mass", "area", "length", "volume", "power", "energy"})


def _chained(copy: str, previous: Optional[Metric], metric: Metric, cues: _Cues) -> bool:
    """``metric`` follows ``previous`` with nothing but joining words between (增长6.1%、达到27克/千克)."""
    if previous is None or previous.indicator is None or metric.start - previous.end > 12:
        return False
    joint = cues.joint.match(copy, previous.end, metric.start)
    return joint is not None and joint.end() == metric.start


def _subject(copy: str, metric: Metric, cues: _Cues, clause: int) -> Span:
    """The noun phrase that opens the clause before (全省进出口总值创历史新高，达到5379亿元), else the
    sentence, up to its first verb: what its figures are about when a clause names nothing
    (地区生产总值跨越3个千亿元台阶，达到1.5万亿元)."""
    stop = _SENTENCE_STOP_R.search(copy, max(0, metric.start - 80), metric.start)
    sentence = stop.end() if stop is not None else max(0, metric.start - 80)
    if clause - 1 > sentence:
        comma = cues.comma_r.search(copy, sentence, clause - 1)
        if comma is not None:
            found = _opening(copy, comma.end(), metric.start, cues)
            if found is not None:
                return found
    return _opening(copy, sentence, metric.start, cues)


def _opening(copy: str, begin: int, limit: int, cues: _Cues) -> Span:
    """The noun phrase that opens ``copy[begin:limit]``, up to its first verb or joining word."""
    metric_start = limit
    while begin < limit and copy[begin] in " \t\u3000":  # a paragraph's indent
        begin += 1
    head = cues.strip_start.match(copy, begin, metric_start)
    if head is not None:
        begin = head.end()
    if cues.no_subject.match(copy, begin):  # 以党建带动…, 在全市范围内…: no subject opens the sentence
        return None
    run = cues.phrase_head.match(copy, begin, metric_start)
    if run is None:
        return None
    end = run.end()
    cut = cues.after_stop.search(copy, begin + 1, end)
    if cut is not None:
        end = cut.start()
    joint = cues.strip_end.search(copy, begin, end)
    if joint is not None:
        end = joint.start()
    if end - begin < 2 or end - begin > cues.max_len or end >= metric_start:
        return None
    return _unquoted(copy, begin, end)


def _same_sentence(copy: str, previous: Optional[Metric], metric: Metric) -> bool:
    """``previous`` names something in the sentence of ``metric`` (an elided noun is taken from it)."""
    return (previous is not None and previous.indicator is not None and metric.start - previous.end <= 40
            and previous.unit == metric.unit and metric.kind != "money"  # 投资920万元…投入2000余万元: the verbs name them
            and not _SENTENCE_STOP.search(copy, previous.end, metric.start))


def _delta_of(metric: Metric, previous: Optional[Metric], copy: str) -> bool:
    """``metric`` is a change amount of ``previous`` (a few characters on in the sentence)."""
    return (metric.change is not None and metric.change.role == "delta" and previous is not None
            and _near(copy, previous, metric))


def _share_of(metric: Metric, previous: Optional[Metric], copy: str, window: str, cues: _Cues) -> bool:
    """``metric`` is the share of ``previous``'s in its whole (公办幼儿园幼儿×人，占38.4%): a percent whose
    clause holds only a share word, right after the figure's."""
    return (metric.kind == "percent" and previous is not None and previous.kind != "percent"
            and cues.share_only.fullmatch(window.strip()) is not None
            and copy[previous.end:metric.start - len(window)].strip() in (",", "，"))


def _basis_of(metric: Metric, previous: Optional[Metric], copy: str, window: str, cues: _Cues) -> bool:
    """``metric`` is what ``previous`` is compared with (新增学位34090个，比规划的28300个增加5790个): the same thing."""
    return previous is not None and previous.kind == metric.kind and cues.basis_only.fullmatch(window.strip()) is not None \
        and _near(copy, previous, metric)


def _near(copy: str, a: Metric, b: Metric) -> bool:
    """``b`` follows ``a`` closely in the same sentence (at most two commas between: 192.3亿元，按可比价计算，同比增长6.0%)."""
    between = copy[a.end:b.start]
    return len(between) <= 16 and not _SENTENCE_STOP.search(between) and between.count(",") + between.count("，") <= 2


#: Entries kept by each memo below before it starts afresh (bounded memory on a long text). Both memos
#: are emptied at the start of every text (:func:`assign_indicators`).
_MEMO_SIZE = 50_000
_PHRASE_MEMO: dict[tuple[str, str, str, str, bool], tuple[Span, bool, bool]] = {}


def _phrase(window: str, after: str, unit: str, kind: str, lead: bool, cues: _Cues) -> tuple[Span, bool, bool]:
    """:func:`_read_phrase`, kept per arguments (a pure function of them; masked lists repeat verbatim)."""
    key = (window, after, unit, kind, lead)
    found = _PHRASE_MEMO.get(key)
    if found is None:
        if len(_PHRASE_MEMO) >= _MEMO_SIZE:
            _PHRASE_MEMO.clear()
        found = _PHRASE_MEMO[key] = _read_phrase(window, after, unit, kind, lead, cues)
    return found


def _read_phrase(window: str, after: str, unit: str, kind: str, lead: bool, cues: _Cues) -> tuple[Span, bool, bool]:
    """``(span, in_after, elided)``: the indicator's offsets in ``window`` (the clause before the
    number) or in ``after`` (the text after the unit); ``elided``: the clause names nothing of its
    own but a verb (办结59件), so the noun of the figure before in the sentence is meant if there is one."""
    if cues.duration.search(window):
        return None, False, False  # 连续15年: the length of an activity names nothing
    before, verb, tail = _before(window, cues, kind)
    if kind == "duration" and before is None and verb is not None:
        return None, False, False  # 开放达160天: the length of an activity, not a measure of a thing
    # The noun after the unit is read only when it can win: the text before hands over to it, or the
    # unit measures a product (吉林梅花60万吨赖氨酸), or counts things whose nouns it knows (所 → 学校).
    # 13672户的年度改造任务: a 的 after the unit makes the figure a modifier of what follows
    handed_over = tail is None or before is None or lead or kind in _MEASURES or (
        kind == "count" and after.startswith("的"))
    counts = unit
    if kind == "money":  # a sum does not classify the noun after it: only a money noun there names it
        counts, handed_over = ("money", False) if tail is None or before is None else ("", False)
    if handed_over or counts in cues.heads:
        following = _after(after, counts, cues, kind not in _MEASURES)
        if following is not None and (handed_over or _counted(after, following, counts, cues)):
            return following, True, False
    if before is not None:
        if cues.change_noun.fullmatch(window, before[0], before[1]):
            return None, False, True  # 同期增加3.5亿元，增幅11%: the change of the figure before
        return before, False, False
    if verb is not None:
        noun = _noun_before(window, verb, cues)  # 省级课题申请立项3个: the noun before the verbs
        return (noun, False, False) if noun is not None else (verb, False, True)
    if tail is None:
        listed = _listed(window, cues)  # 改造老旧小区、抗震宜居农房等23万多户: nothing follows the unit
        if listed is not None:
            return listed, False, False
    return None, False, tail == ""


def _listed(window: str, cues: _Cues) -> Span:
    """The last member of the list a window ends with before 等 (…妇女“两癌”筛查等50余万人次)."""
    joint = cues.strip_end.search(window)
    end = joint.start() if joint is not None else len(window)
    if end < 3 or window[end - 1] != "等":
        return None
    return _before(window[:end - 1], cues)[0]


def _noun_before(window: str, verb: tuple[int, int], cues: _Cues) -> Span:
    """The noun phrase before a verb that ends the window, past up to two more verbs (申请立项)."""
    for _ in range(3):
        noun, before_verb, tail = _before(window[:verb[0]], cues)
        if noun is not None and cues.no_subject.match(window, noun[0]):
            return None  # 在市活动办发布报道2篇, 向省队输送7人: where or to whom, not what
        if noun is not None or before_verb is None or tail is not None:
            return noun
        verb = before_verb
    return None


_BEFORE_MEMO: dict[tuple[str, str], tuple[Span, Span, Optional[str]]] = {}


def _before(window: str, cues: _Cues, kind: str = "") -> tuple[Span, Span, Optional[str]]:
    """:func:`_read_before`, kept per (window, kind): a pure function of them, and clauses repeat
    (新建学校…所，投入…万元 in every paragraph of a district's list)."""
    key = (window, kind)
    found = _BEFORE_MEMO.get(key)
    if found is None:
        if len(_BEFORE_MEMO) >= _MEMO_SIZE:
            _BEFORE_MEMO.clear()
        found = _BEFORE_MEMO[key] = _read_before(window, cues, kind)
    return found


def _read_before(window: str, cues: _Cues, kind: str = "") -> tuple[Span, Span, Optional[str]]:
    """The noun phrase before the number, the verb before it, and the phrase's text (None when the
    window ends with a verb, a preposition or 等, so that the thing counted follows the unit).
    ``kind``: the figure's, where it decides (a count's 的-clause, a share's whole)."""
    end = len(window.rstrip(" \t"))  # 专项资金 1000 元: a space a PDF left before the number
    if cues.hand_over_joint.search(window):
        return None, None, None  # …大奖赛共有50多个国家和地区: what is had follows the unit
    joint = cues.strip_end.search(window, 0, end)
    modifier = False  # the window ends with 的
    if joint is not None:
        modifier = joint.group() == "的"
        if modifier and kind == "count":  # 需要政府党组研究的23项议事内容 (but 完成目标任务的117%)
            return None, None, None  # the clause describes the noun after the unit
        if joint.group() == "了":  # 主要做了6个方面工作: a verb that is no cue word hands over
            return None, None, None
        end = joint.start()
    if end == 0:
        return None, None, ""  # nothing but the words that join a name to its number (累计达到)
    if cues.hand_over.search(window, 0, end):
        verb_end = cues.last_verb.search(window, max(0, end - 6), end)
        if verb_end is None or verb_end.end() < end:  # 惠及 is a verb, not 及
            return None, None, None
    run = cues.phrase_tail.search(window, 0, end)
    if run is None:
        return None, None, None
    begin = run.start()
    if begin and window[begin - 1].isdigit() and window[begin] in "年月日号" and begin + 1 < end:
        begin += 1  # 2022年计划完成14处: the 年 of a date is no part of a name
    year = _YEAR.match(window, begin, end)
    if year is not None and year.end() < end:
        begin = year.end()  # 一九五九年的工农业总产值, 2019年的…: a date and its 的
    verb: Span = None
    quote = window.rfind("“", begin, end) if window[end - 1] == "”" else -1
    last = cues.last_verb.search(window, begin, quote if quote >= 0 else end)  # “围绕主线办实事”: a name
    if last is not None:
        verb = (last.start(), last.end())
        if modifier and kind == "percent" and cues.share_verb.fullmatch(window, last.start(), last.end()):
            whole = _before(window[:last.start()], cues)[0]  # 高标准农田达到耕地总面积的64%: the part, not the whole
            if whole is not None:
                return whole, None, window[whole[0]:whole[1]]
        if last.end() == end:  # ends with a verb: the thing counted is named after the unit, or nowhere
            if cues.activity.search(window, 0, end) and last.start() > begin:  # 职业技能培训87.1万人次
                noun = _before(window[:last.start()], cues)[0]
                if noun is not None:
                    return (noun[0], end), verb, None  # a noun after the unit still comes first
            return None, verb, None
        begin = last.end()
    head = cues.strip_start.match(window, begin, end)
    if head is not None:
        begin = head.end()
    if end - begin > cues.max_len:  # a long name: its head is at its end (…生产总值的比例)
        of = window.rfind("的", begin, end - 1)
        begin = of + 1 if of >= end - cues.max_len else end - cues.max_len
    if end - begin < 2 or not cues.han.search(window, begin, end):
        return None, verb, ""
    if cues.place.search(window, begin, end):
        return _unquoted(window, begin, end), verb, None  # where, not what: a noun after the unit comes first
    return _unquoted(window, begin, end), verb, window[begin:end]


def _counted(after: str, span: tuple[int, int], counts: str, cues: _Cues) -> bool:
    """The phrase after the unit ends with a noun the unit counts (所 → 幼儿园, 名 → 教师; money → 资金)."""
    heads = cues.heads.get(counts)
    head = heads.search(after, span[0], span[1]) if heads is not None else None
    if head is not None and head.end() < span[1]:
        extended = cues.head_extension.match(after, head.end(), span[1])
        return extended is not None and extended.end() == span[1]
    return head is not None and head.end() == span[1]


def _after(after: str, counts: str, cues: _Cues, joins: bool = True) -> Span:
    """The noun phrase that opens ``after`` (the text right after the unit), past an honour verb;
    ``counts``: the unit, or ``money``, whose ``heads`` end the phrase; ``joins``: nouns joined by 和/、
    belong to it (a count's, not a measure's: 日产500吨熟料生产线、晨鸣纸业等企业)."""
    begin = 0
    if cues.preposition.match(after):
        return None
    qualifier = cues.qualifier.match(after) or cues.bracket.match(after)  # 85%以上地市, 7万套（间）住房
    if qualifier is not None:
        begin = qualifier.end()
    if after.startswith("的", begin):  # 4000户的改造任务
        begin += 1
    honour = cues.honour.match(after, begin)
    if honour is not None:
        begin = honour.end()
    run = cues.phrase_head.match(after, begin)
    if run is None:
        return None
    end = run.end()
    if cues.after_stop.match(after, begin, end) and not cues.after_verb.match(after, begin, end):
        return None  # 4.4%左右, 5所以上: no name follows
    lead = cues.after_verb.match(after, begin, end)
    if lead is not None and honour is None:  # 20人组建教育系统宣讲团: what the verb makes is what is counted
        begin = lead.end()
    heads = cues.heads.get(counts)
    end, last = _coordinated_end(after, begin, end, heads, cues, joins)
    head = heads.search(after, last, end) if heads is not None else None
    if head is not None:
        # 8所学校全电厨房改造 → 学校; 5个学校党支部; 6所学校建设项目 → 学校 (所 classifies the school)
        ext = cues.head_extension.match(after, head.end(), end) if counts not in cues.institution_units else None
        end = ext.end() if ext is not None else head.end()
    elif (of := after.find("的", begin + 1, end)) > begin:
        end = of  # 17个棚改区域的道路 → 棚改区域
    else:
        quote = after.find("“", begin + 1, end)
        if quote > begin and after[end - 1] == "”":
            begin = quote  # 24人获得市级“教坛新星”: the quoted name
        elif quote > begin:
            end = quote  # 14所新建食堂“阳光餐饮”平台: what is done to it follows
    if honour is not None and cues.prize.search(after, begin, end):
        return None  # 2所获一等奖: the prize is not what is counted
    if end - begin < 2 or not cues.han.search(after, begin, end) or end - begin > cues.max_len:
        return None
    if end == len(after):  # the phrase runs on past what was read: too long to be a name
        return None
    return _unquoted(after, begin, end)


def _qualified(after: str, cues: _Cues) -> int:
    """Where the text after a unit starts once a qualifier (以上, 左右) is skipped."""
    qualifier = cues.qualifier_joint.match(after)
    return qualifier.end() if qualifier is not None else 0


def _coordinated_end(after: str, begin: int, end: int, heads: Optional[regex.Pattern[str]],
                     cues: _Cues, joins: bool = True) -> tuple[int, int]:
    """Where the noun phrase that opens ``after`` at ``begin`` ends (``end``: its run of phrase
    characters), before the first stop word, but through nouns joined by 和 or 、: ``国家和地区``,
    ``机关、企事业单位``, ``困难和重度残疾人`` (及, 与 and 以及 join larger things: they end it);
    and where its last noun starts. A noun that runs on past the unit's head (45个老旧小区地面硬化、…)
    is not joined to the next: it is cut at the head."""
    pos = begin + 1
    while True:
        stop = cues.after_stop.search(after, pos, end)
        if stop is None:
            break
        opened = after.rfind("“", begin, stop.start())
        if opened >= 0 and after.find("”", opened, stop.start()) < 0:  # “高效办成一件事”重点事项: inside a name
            closed = after.find("”", stop.start(), end)
            if closed > 0:
                pos = closed + 1
                continue
        if not joins or stop.group() != "和" or not _joins_nouns(after, stop.end(), end, cues) or \
                _past_head(after, begin, stop.start(), heads):
            return stop.start(), begin
        begin = pos = stop.end()  # 和 joins two nouns: read on
    if joins and end < len(after) - 1 and after[end] == "、":
        more = cues.phrase_head.match(after, end + 1)
        if more is not None and _joins_nouns(after, end + 1, more.end(), cues) and \
                not _past_head(after, begin, end, heads) and not cues.figure_next.match(after, more.end()):
            return _coordinated_end(after, end + 1, more.end(), heads, cues, joins)
    return end, begin


def _past_head(after: str, begin: int, end: int, heads: Optional[regex.Pattern[str]]) -> bool:
    """The noun ``after[begin:end]`` holds a head of the unit before its end (老旧小区地面硬化)."""
    head = heads.search(after, begin, end) if heads is not None else None
    return head is not None and head.end() < end


def _joins_nouns(after: str, pos: int, end: int, cues: _Cues) -> bool:
    """A noun follows a 和 or 、 at ``pos``: no stop word, verb, figure or mask (…工作站、***个基地)."""
    return pos < end and cues.han.match(after, pos) is not None and not cues.after_stop.match(after, pos, end)


def _unquoted(text: str, begin: int, end: int) -> tuple[int, int]:
    """Without the quotes around a whole name (“美丽街区” → 美丽街区); quotes inside stay (“四有”好教师团队)."""
    if end - begin > 2 and text[begin] in "“‘《" and text[end - 1] in "”’》" and \
            not any(ch in "“”‘’《》" for ch in text[begin + 1:end - 1]):
        return begin + 1, end - 1
    return begin, end
