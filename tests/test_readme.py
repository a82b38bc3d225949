"""The README's examples work as written: its spec tour validates and builds its figures."""

from __future__ import annotations

import re
from pathlib import Path

from designdoc import load_spec

ROOT = Path(__file__).resolve().parent.parent


def _yaml_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.S)


def test_the_spec_tour_validates(tmp_path: Path) -> None:
    tours = [b for b in _yaml_blocks() if b.startswith("designdoc: 1\n")]
    assert tours, "the README has a complete spec to copy"
    for number, block in enumerate(tours):
        path = tmp_path / f"tour{number}.yaml"
        path.write_text(block, encoding="utf-8")
        loaded = load_spec(path)
        assert loaded.spec.title
        assert loaded.warnings == [], [w.headline() for w in loaded.warnings]
