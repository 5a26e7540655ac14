"""Parse one report and print its outline, problems and plans.

    python examples/quickstart.py seeds/000_bbdb7e13a91fb38c.txt
"""

from __future__ import annotations

import sys

import edureport


def main(path: str) -> None:
    report = edureport.parse_file(path)
    print(f"{report.title or '(no title)'} | {report.issuer or '-'} | {report.period or '-'}")
    for section in report.walk_sections():
        print(f"{'  ' * (section.level - 1)}{section.marker}{section.title}  [{section.role}]")
    print("\nProblems:")
    for problem in report.problems:
        print(f"  - {problem.title or problem.text[:40]}")
    print("\nPlans with figures:")
    for plan in report.plans:
        if plan.metrics:
            figures = ", ".join(m.text for m in plan.metrics)
            print(f"  - {plan.title or plan.text[:30]}: {figures}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "seeds/000_bbdb7e13a91fb38c.txt")
