"""Reading a produced PDF with qpdf and poppler too, not only pypdf.

Both are installed by `make test` (TEST_APT_PACKAGES); a checkout without them skips, saying so.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (apt-get install {package}; make test installs it)")
    return found


def assert_readable_by_qpdf_and_poppler(pdf: Path) -> str:
    """`qpdf --check` passes and `pdftotext` reads the text; returns poppler's text."""
    qpdf = _run(tool("qpdf", "qpdf"), "--check", pdf)
    # exit 0: neither errors (2) nor warnings (3)
    assert qpdf.returncode == 0, qpdf.stdout[-2000:] + qpdf.stderr[-2000:]
    text = _run(tool("pdftotext", "poppler-utils"), "-enc", "UTF-8", pdf, "-")
    assert text.returncode == 0 and "Syntax Error" not in text.stderr, text.stderr[-2000:]
    return text.stdout


def _run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, timeout=120, check=False)
    # the tools echo the file name, which may not be UTF-8
    out, err = (stream.decode("utf-8", "replace") for stream in (done.stdout, done.stderr))
    return subprocess.CompletedProcess(done.args, done.returncode, out, err)
