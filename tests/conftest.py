"""Shared fixtures: the example spec, a scratch output folder, golden-file refresh, and the
bundled documents built once per run.

The suite runs with its own cache folder (set before any test, so subprocesses inherit
it too): it never reads or writes the user's ~/.cache/designdoc.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock

from designdoc.products.document import build

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"


def pytest_configure(config: pytest.Config) -> None:
    inherited = Path(os.environ.get("XDG_CACHE_HOME", ""))
    if hasattr(config, "workerinput") and inherited.name.startswith(_PREFIX):
        return  # a pytest-xdist worker shares the folder its controller made
    folder = tempfile.mkdtemp(prefix=_PREFIX)
    config.stash[_CACHE_KEY] = folder
    os.environ["XDG_CACHE_HOME"] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_CACHE_KEY, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


_CACHE_KEY = pytest.StashKey[str]()
_PREFIX = "designdoc-test-cache-"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files under tests/golden/ from the current output.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def example_spec() -> Path:
    return SPECS / "video_recommendation.yaml"


@pytest.fixture
def write_spec(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a spec from inline text into a temporary file and return its path."""

    def write(text: str, name: str = "spec.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@dataclass(frozen=True)
class Built:
    """A bundled spec's build, as the tests read it."""

    pdf: Path
    warnings: list[str]
    timings: dict[str, float]


@pytest.fixture(scope="session")
def bundled_pdf(tmp_path_factory: pytest.TempPathFactory, worker_id: str):  # type: ignore[no-untyped-def]
    """`bundled_pdf(name, paper)`: a bundled spec built once for the whole run. pytest-xdist's
    workers share the run's temporary folder; a file lock lets the first one to ask build it
    and the others read what it wrote."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # the run's folder, above each worker's own
    store = shared / "bundled"
    store.mkdir(exist_ok=True)

    def get(name: str, paper: str = "a4") -> Built:
        folder = store / f"{name}-{paper}"
        record = folder / "build.json"
        with FileLock(str(store / f"{name}-{paper}.lock")):
            if not record.exists():
                result = build(SPECS / f"{name}.yaml", folder, paper=paper)
                done = {"pdf": str(result.pdf), "warnings": result.warnings}
                record.write_text(json.dumps({**done, "timings": result.timings}))
        saved = json.loads(record.read_text())
        return Built(Path(saved["pdf"]), saved["warnings"], saved["timings"])

    return get
