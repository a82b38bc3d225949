"""A built wheel carries its templates, fonts and specs, and works from any directory."""

from __future__ import annotations

import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    (found,) = dist.glob("designdoc-*.whl")
    return found


def test_wheel_holds_resources(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "designdoc/templates/document/document.html.j2",
        "designdoc/templates/document/document.css",
        "designdoc/templates/fonts/Inter-Regular.otf",
        "designdoc/templates/fonts/OFL.txt",
        "designdoc/specs/video_recommendation.yaml",
    ):
        assert needed in names, needed


def test_installed_wheel_builds_from_another_directory(wheel: Path, tmp_path: Path):
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # Reuse the already-installed dependencies; the package itself comes only from the wheel.
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
        text=True,
    )
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    spec = Path(purelib) / "designdoc" / "specs" / "video_recommendation.yaml"
    result = subprocess.run(
        [str(env_dir / "bin" / "designdoc"), "build", str(spec), "-o", "pdfs"],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pdf = workdir / "pdfs" / "video_recommendation.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    where = subprocess.run(
        [str(python), "-c", "import designdoc; print(designdoc.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=workdir,
    ).stdout
    assert where.startswith(purelib)
