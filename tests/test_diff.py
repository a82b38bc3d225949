"""`designdoc diff`: two versions of a bundled spec against hand-written expectations."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin
from typer.testing import CliRunner

from designdoc.cli.main import app
from designdoc.diff import diff_specs, load_version
from designdoc.diff.report import cell, markdown_report, text_report
from designdoc.errors import SpecFileError
from designdoc.files.resources import specs_dir

runner = CliRunner()


def gfm() -> MarkdownIt:
    """A GitHub-flavoured parser: tables, strikethrough, task lists, and raw HTML passed
    through as GitHub passes it (so escaping is what keeps it out)."""
    return (
        MarkdownIt("commonmark", {"html": True})
        .enable(["table", "strikethrough"])
        .use(tasklists_plugin)
    )


OLD = specs_dir() / "event_recommendation.yaml"


def new_version(tmp_path: Path) -> Path:
    """Traffic triples, ranking slows down, one talking point goes, the doc goes in review."""
    text = OLD.read_text(encoding="utf-8")
    edits = [
        ("    dau: 1M\n", "    dau: 3M\n"),
        (
            "items_in: 500, items_out: 50, latency: 60ms}",
            "items_in: 500, items_out: 50, latency: 140ms}",
        ),
        ("  - topic: diversity\n    notes: Re-ranking caps events per host and category.\n", ""),
        ("\ntalking_points:\n", "\nwork:\n  status: {state: in review}\n\ntalking_points:\n"),
    ]
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "event_recommendation.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return new_version(tmp_path_factory.mktemp("v2"))


def test_fields_by_step(changed: Path) -> None:
    diff = diff_specs(load_version(str(OLD)), load_version(str(changed)))
    rows = [(c.step[1], c.kind, c.path, c.old, c.new) for c in diff.fields]
    assert rows == [
        ("Work document", "added", "work", None, "status.state: in_review"),
        ("Requirements", "changed", "requirements.scale.dau", "1M", "3M"),
        ("Serving", "changed", "serving.stages[ranking].latency", "60ms", "140ms"),
        (
            "Talking points and risks",
            "removed",
            "talking_points[diversity]",
            "topic: diversity; notes: Re-ranking caps events per host and category.",
            None,
        ),
    ]


def test_estimates_that_moved(changed: Path) -> None:
    diff = diff_specs(load_version(str(OLD)), load_version(str(changed)))
    moved = {e.key: e for e in diff.estimates}
    # 1M daily users -> 3M: every traffic figure triples.
    for key in ("average_qps", "peak_qps", "requests_per_month", "servers_needed"):
        assert moved[key].ratio == pytest.approx(3.0), key
    assert (moved["peak_qps"].old, moved["peak_qps"].new) == ("174 QPS", "521 QPS")
    # 30 + 30 + 60 + 10 ms -> 30 + 30 + 140 + 10 ms.
    assert (moved["latency_used"].old, moved["latency_used"].new) == ("130 ms", "210 ms")
    assert moved["latency_used"].ratio == pytest.approx(210 / 130)
    assert "index_shards" not in moved  # untouched figures are not listed


def test_findings_that_appeared(changed: Path) -> None:
    diff = diff_specs(load_version(str(OLD)), load_version(str(changed)))
    found = {(c.kind, c.finding.rule, c.finding.severity) for c in diff.findings}
    assert found == {
        ("appeared", "WRK003", "warning"),  # in review without reviewers
        ("appeared", "SRV002", "error"),  # 210 ms against the 200 ms budget
        ("appeared", "CAP001", "error"),  # 4 servers x 100 QPS < 521 QPS peak
    }
    assert diff.new_errors == 2
    back = diff_specs(load_version(str(changed)), load_version(str(OLD)))
    assert {c.kind for c in back.findings} == {"gone"} and back.new_errors == 0


def test_counts_say_what_appeared_and_what_went(changed: Path) -> None:
    forward = diff_specs(load_version(str(OLD)), load_version(str(changed)))
    text = text_report(forward)
    assert "Fields: 2 changed, 1 added, 1 removed\n" in text
    assert "Findings: 3 appeared (2 new errors), 0 gone\n" in text
    # Back again every finding went away: none of them "changed".
    back = text_report(diff_specs(load_version(str(changed)), load_version(str(OLD))))
    assert "Fields: 2 changed, 1 added, 1 removed\n" in back
    assert "Findings: 0 appeared, 3 gone\n" in back
    assert "changed, 0 new" not in back
    assert "**Review findings:** 3 appeared (2 new errors), 0 gone" in markdown_report(forward)


def test_identical_versions_have_no_changes() -> None:
    diff = diff_specs(load_version(str(OLD)), load_version(str(OLD)))
    assert diff.empty
    assert runner.invoke(app, ["diff", str(OLD), str(OLD)]).output.endswith("no changes\n")


def test_cli_exit_codes_and_json(changed: Path) -> None:
    plain = runner.invoke(app, ["diff", str(OLD), str(changed)])
    assert plain.exit_code == 0
    assert "~ requirements.scale.dau: 1M -> 3M" in plain.output
    assert "peak QPS: 174 QPS -> 521 QPS  x3" in plain.output
    strict = runner.invoke(app, ["diff", str(OLD), str(changed), "--fail-on", "new-errors"])
    assert strict.exit_code == 3
    calm = runner.invoke(app, ["diff", str(changed), str(OLD), "--fail-on", "new-errors"])
    assert calm.exit_code == 0
    data = json.loads(runner.invoke(app, ["diff", str(OLD), str(changed), "-f", "json"]).output)
    assert data["new_errors"] == 2
    assert {
        "change": "changed",
        "path": "requirements.scale.dau",
        "step": 1,
        "step_name": "Requirements",
        "old": "1M",
        "new": "3M",
    } in data["fields"]
    missing = runner.invoke(app, ["diff", str(OLD), "nowhere.yaml"])
    assert missing.exit_code == 1 and "no such file" in missing.output


def _tables(markdown: str) -> list[list[list[str]]]:
    """Each GFM table as rows of cell texts, read back with a GFM parser."""
    tokens = gfm().parse(markdown)
    tables: list[list[list[str]]] = []
    row: list[str] = []
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and tables and token.map is not None and row is not None:
            row.append(token.content)
        elif token.type == "tr_close":
            tables[-1].append(row)
    return tables


def test_markdown_renders_as_gfm_tables(changed: Path) -> None:
    diff = diff_specs(load_version(str(OLD)), load_version(str(changed)))
    markdown = markdown_report(diff)
    html = gfm().render(markdown)
    assert html.count("<table>") == 3
    fields, estimates, findings = _tables(markdown)
    assert fields[0] == ["Step", "Change", "Field", "Old", "New"]
    assert ["Requirements", "changed", "`requirements.scale.dau`", "1M", "3M"] in fields
    assert ["peak QPS", "174 QPS", "521 QPS", "x3"] in estimates
    assert len(findings) == 4  # header + three findings
    assert "<td><code>serving.stages[ranking].latency</code></td>" in html


def test_markdown_cells_cannot_break_the_table_or_inject_html() -> None:
    hostile = "a | b <img src=x> **bold**\nnext line"
    html = gfm().render(f"| x |\n| --- |\n| {cell(hostile)} |\n")
    assert html.count("<td>") == 1
    assert "<img" not in html and "<strong>" not in html
    assert "a | b &lt;img src=x&gt; **bold** next line" in html


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_revisions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / "specs").mkdir(parents=True)
    spec = repo / "specs" / "events.yaml"
    shutil.copyfile(OLD, spec)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git[:3], "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], check=True)
    spec.write_text(new_version(tmp_path).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["diff", "HEAD:specs/events.yaml", "specs/events.yaml"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("HEAD:specs/events.yaml -> specs/events.yaml")
    assert "~ requirements.scale.dau: 1M -> 3M" in result.output
    with pytest.raises(SpecFileError, match="git show failed"):
        load_version("HEAD~5:specs/events.yaml")
    with pytest.raises(SpecFileError, match="REV:path"):
        load_version("--output=x:specs/events.yaml")


def test_a_value_of_several_lines_stays_on_its_line_in_the_text_report(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text("designdoc: 1\ntitle: T\ndata:\n  bias: short\n", encoding="utf-8")
    new.write_text(
        "designdoc: 1\ntitle: T\ndata:\n  bias: |\n    Line one.\n    Line two.\n", "utf-8"
    )
    text = text_report(diff_specs(load_version(str(old)), load_version(str(new))))
    assert "    ~ data.bias: short -> Line one. Line two.\n" in text + "\n"
