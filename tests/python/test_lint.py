"""`make lint`'s sqlfluff runner (scripts/sqlfluff_libs/lint_cached.py) and the speed patches the dbt
stand-ins install in sqlfluff's process (scripts/sqlfluff_libs/dbt_stubs): the rules still report what they
report, and the patched reflow depth map is the one sqlfluff builds.

Each check runs in a subprocess: the stand-ins patch jinja2 and sqlfluff in the process that imports them,
and this pytest process also runs dbt."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT = ROOT / "scripts" / "sqlfluff_libs" / "lint_cached.py"


def run_python(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def lint(path: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, str(LINT), "--no-cache", "--processes", "1", str(path)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_lint_reports_each_broken_rule_with_file_line_and_code(tmp_path):
    """A file breaking the spacing, keyword-case, select-target and aliasing rules gets one line per violation,
    `path:line:column: CODE description`, and exit status 1; a clean file gets 0."""
    bad = tmp_path / "bad_model.sql"
    bad.write_text("SELECT a  ,b   FROM {{ ref('stg_x') }} t\n")
    good = tmp_path / "good_model.sql"
    good.write_text("select\n    t.a,\n    t.b\nfrom {{ ref('stg_x') }} as t\n")

    result = lint(bad)
    assert result.returncode == 1, result.stdout + result.stderr
    codes = {line.split(": ")[1].split()[0] for line in result.stdout.splitlines() if "bad_model.sql:1:" in line}
    assert {"CP01", "LT01", "LT09", "AL01", "AL05"} <= codes, result.stdout

    result = lint(good)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 violation(s)" in result.stdout


def test_patched_depth_map_equals_sqlfluffs_own():
    """The stand-ins build a file's reflow depth map in one walk of its parse tree; on the project's largest
    models and a singular test, every raw segment's DepthInfo equals what sqlfluff's own DepthMap.from_parent
    builds, field for field and in the same order; and the largest model with its layout broken gets the same
    violations with the patch as without it."""
    files = sorted((ROOT / "models").rglob("*.sql"), key=lambda p: p.stat().st_size, reverse=True)[:3]
    files += sorted((ROOT / "tests" / "dbt").rglob("*.sql"))[:1]
    code = r"""
        import json, sys
        from sqlfluff.core import FluffConfig, Linter
        linter = Linter(config=FluffConfig.from_root())
        from sqlfluff.utils.reflow.depthmap import DepthMap
        report = {}
        for file in sys.argv[1:]:
            tree = next(iter(linter.parse_path(file))).tree  # rendered through the stand-ins: patches installed
            assert hasattr(DepthMap.from_parent, "original"), "dbt_stubs did not patch DepthMap.from_parent"
            ours = DepthMap.from_parent(tree).depth_info
            theirs = DepthMap.from_parent.original(DepthMap, tree).depth_info
            report[file] = [len(theirs), ours == theirs and list(ours) == list(theirs)]
        # the largest model with its layout broken (indents, commas, spaces, keyword case): the same
        # violations with the patch as with sqlfluff's own depth map
        source = open(sys.argv[1]).read()
        for old, new in (("\n    ", "\n   "), (", ", "  ,"), (" as ", " AS "), ("(", "( ")):
            source = source.replace(old, new)
        def violations():
            found = linter.lint_string(source, fname=sys.argv[1]).get_violations()
            return sorted((v.line_no, v.line_pos, v.rule_code(), v.desc()) for v in found)
        patched = violations()
        DepthMap.from_parent = classmethod(DepthMap.from_parent.original)
        report["violations"] = [len(patched), patched == violations()]
        print(json.dumps(report))
    """
    result = run_python(code, *map(str, files))
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    found, same = report.pop("violations")
    assert found > 100 and same, f"{found} violations in the broken model; the same without the patch: {same}"
    assert len(report) == len(files)
    for file, (raws, equal) in report.items():
        assert raws > 100, f"{file}: only {raws} raw segments parsed"
        assert equal, f"{file}: the patched depth map differs from sqlfluff's"
