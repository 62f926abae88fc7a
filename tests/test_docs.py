"""The project documents itself: its README and docs/ describe every rule and never point outside it."""

from __future__ import annotations

import re
from pathlib import Path

from assetreg.domain.rules import CATALOGUE

PROJECT = Path(__file__).resolve().parents[1]
DOCS = [PROJECT / "README.md", *sorted((PROJECT / "docs").glob("*.md"))]


def test_the_rules_page_lists_every_rule_with_its_citation_and_confidence() -> None:
    rules = (PROJECT / "docs" / "rules.md").read_text(encoding="utf-8")
    for r in CATALOGUE:
        row = next((line for line in rules.splitlines() if line.startswith(f"| `{r.code}` |")), None)
        assert row is not None, f"{r.code} is not in docs/rules.md"
        assert f"| {r.citation} |" in row and f"`{r.event.value}`" in row, row
        assert r.confidence_note in row, row


def test_no_document_points_outside_the_repository() -> None:
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        assert "../shared" not in text, doc.name
        for target in re.findall(r"\]\(([^)#]+)\)", text):
            if "://" not in target:
                assert (doc.parent / target).resolve().is_relative_to(PROJECT), (doc.name, target)
                assert (doc.parent / target).exists(), (doc.name, target)
