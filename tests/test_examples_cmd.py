"""`designdoc examples`: list the bundled specs, copy one out."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from designdoc.authoring.examples import find_example, list_examples
from designdoc.cli.main import app
from designdoc.errors import DesignDocError
from designdoc.files.resources import specs_dir


def test_every_bundled_spec_is_listed_with_a_line_and_category():
    listed = list_examples()
    assert [e.name for e in listed] == sorted(p.stem for p in specs_dir().glob("*.yaml"))
    assert len(listed) >= 11
    for example in listed:
        assert example.line and example.category
        assert "\n" not in example.line


def test_examples_command_lists_names():
    result = CliRunner().invoke(app, ["examples"])
    assert result.exit_code == 0
    assert "video_recommendation" in result.output and "fraud_detection" in result.output


def test_copy_out_and_refuse_to_overwrite(tmp_path):
    runner = CliRunner()
    first = runner.invoke(app, ["examples", "news_feed", "-o", str(tmp_path)])
    assert first.exit_code == 0, first.output
    copied = tmp_path / "news_feed.yaml"
    assert copied.read_bytes() == find_example("news_feed").read_bytes()
    again = runner.invoke(app, ["examples", "news-feed", "-o", str(tmp_path)])
    assert again.exit_code == 1 and "already exists" in again.output
    assert (
        runner.invoke(app, ["examples", "news_feed", "-o", str(tmp_path), "--force"]).exit_code == 0
    )


def test_unknown_name_suggests_the_closest():
    with pytest.raises(DesignDocError, match="did you mean 'visual_search'"):
        find_example("visual_serch")
    result = CliRunner().invoke(app, ["examples", "visual_serch"])
    assert result.exit_code == 1


def test_path_prints_the_bundled_folder() -> None:
    result = CliRunner().invoke(app, ["examples", "--path"])
    assert result.exit_code == 0
    folder = Path(result.output.strip())
    assert (folder / "video_recommendation.yaml").is_file()
    assert len(list(folder.glob("*.yaml"))) == 16
