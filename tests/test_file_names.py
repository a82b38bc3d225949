"""Spec file names that are not UTF-8 are shown escaped (`\\xff`), in every output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_tools import assert_readable_by_qpdf_and_poppler
from pypdf import PdfReader

from designdoc.files.names import shown
from designdoc.products.document import build_formats

MINIMAL = "designdoc: 1\ntitle: Odd name\n"


def _named(folder: Path, raw: bytes, text: str) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), raw)))
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # A strict UTF-8 stdout, as under most terminals and CI logs: a raw surrogate would crash.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "designdoc", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def test_the_shown_name_escapes_only_the_undecodable_bytes() -> None:
    assert shown(os.fsdecode(b"dir/caf\xc3\xa9 \xff\xfe.yaml")) == "dir/café \\xff\\xfe.yaml"
    assert shown("lone \ud800") == "lone \\ud800"


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["validate"], 1, "error: bad\\xff.yaml:3:1: foo: unknown key 'foo'"),
        (["check"], 1, "error: bad\\xff.yaml:3:1: foo: unknown key 'foo'"),
        (["check", "--format", "github"], 1, "::error file=bad\\xff.yaml,line=3,col=1,"),
        (["check", "--format", "json"], 1, '"file": "bad\\\\xff.yaml"'),
        (["validate"], 0, "ok good\\xfe.yaml"),
        (["check"], 0, "good\\xfe.yaml: Odd name"),
    ],
)
def test_an_undecodable_name_prints_located_and_escaped(
    tmp_path: Path, args: list[str], code: int, expected: str
) -> None:
    bad = _named(tmp_path, b"bad\xff.yaml", MINIMAL + "foo: 1\n")
    good = _named(tmp_path, b"good\xfe.yaml", MINIMAL)
    spec = (bad if code else good).name
    result = _run(*args, spec, cwd=tmp_path)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert expected in result.stdout + result.stderr


def test_a_spec_with_an_undecodable_name_builds(tmp_path: Path) -> None:
    spec = _named(tmp_path, b"odd\xff.yaml", MINIMAL)
    result = build_formats(spec, tmp_path / "out")
    assert result.pdf is not None and result.pdf.name == spec.with_suffix(".pdf").name
    text = "".join(page.extract_text() for page in PdfReader(result.pdf).pages)
    assert "odd\\xff.yaml" in text
    assert "odd\\xff.yaml" in assert_readable_by_qpdf_and_poppler(result.pdf)
