"""The LLM prompts (bctk_assist/data/prompts/*.md, Vietnamese, string.Template) and the evidence block they are given."""
from __future__ import annotations

import hashlib
import string
from collections.abc import Sequence
from pathlib import Path

from bctk_assist.grounding import Evidence
from bctk_assist.settings import DATA_DIR

PROMPTS_DIR = DATA_DIR / "prompts"


def render_prompt(name: str, **values: str) -> str:
    """Render prompts/<name> (string.Template); a missing variable is an error, not a blank."""
    return string.Template((PROMPTS_DIR / name).read_text(encoding="utf-8")).substitute(values)


def prompt_hash(name: str) -> str:
    return hashlib.sha256((PROMPTS_DIR / name).read_bytes()).hexdigest()[:12]


def prompt_names() -> list[str]:
    return sorted(p.name for p in Path(PROMPTS_DIR).glob("*.md"))


def evidence_block(evidence: Sequence[Evidence]) -> str:
    """Evidence as the model sees it: "[n] quote (nguồn: doc, location)", one per line."""
    if not evidence:
        return "(không có tư liệu)"
    return "\n".join(f"[{ev.n}] {ev.quote} (nguồn: {ev.doc}, {ev.location})" for ev in evidence)
