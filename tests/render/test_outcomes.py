"""A report's page linking each target to its result in a later report (issue 21)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from support import CASES, read

import edureport
from edureport.cli import main
from edureport.render.html import render

OLDER = CASES / "targets" / "2025_某某省_政府工作报告.txt"
NEWER = CASES / "targets" / "2026_某某省_政府工作报告.txt"


def test_targets_show_their_outcome_and_result() -> None:
    corpus = edureport.Corpus.from_texts([read(OLDER), read(NEWER)], ids=["2025", "2026"]).parse(progress=False)
    rows = corpus.target_outcomes().query("target_report == '2025'").to_dict("records")
    page = render(edureport.parse(read(OLDER)), outcomes=rows)
    assert page.count('data-outcome="exceeded"') >= 1 and page.count('data-outcome="missed"') >= 1
    assert 'data-result="5.8%"' in page and "er-outcome-exceeded" in page
    assert "result: 5.8% (2026)" in page
    assert "data-outcome" not in render(edureport.parse(read(OLDER)))  # nothing without outcomes


def test_render_later_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["render", str(OLDER), "--later", str(NEWER), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert 'data-outcome="exceeded"' in page and str(NEWER) in page
