"""The shipped templates are found from an installed wheel, not only from a source checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).parents[2]
SHIPPED = {
    "facilitated_iep_meeting",
    "internal_team_review",
    "mediation_preparation",
    "pre_iep_dialogue",
    "reconvened_iep_meeting",
    "resolution_meeting",
}
# Signs that the build tools, not the project, are missing from the interpreter running the tests.
MISSING_BUILD_TOOLS = (
    "No module named 'setuptools'",
    "No module named 'wheel'",
    "invalid command 'bdist_wheel'",
    "Cannot import 'setuptools.build_meta'",
)
LIST_TEMPLATES = """\
import sys
from facilitator.templates.loading import load_catalog

catalog = load_catalog(sys.argv[1])
assert not catalog.problems, catalog.problems
for entry in catalog.entries:
    print(entry.template.name, entry.source, entry.template.path, sep="\\t")
"""


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    environment.pop("FACILITATOR_TEMPLATES", None)
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def build_wheel(source: Path, out: Path) -> Path:
    """Build offline with the tools at hand; else in an isolated build environment; else skip."""
    pip_wheel = (sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out, source)
    built = run(*pip_wheel, "--no-build-isolation", "--no-index", cwd=out)
    if built.returncode != 0:
        output = built.stdout + built.stderr
        if not any(sign in output for sign in MISSING_BUILD_TOOLS):
            pytest.fail(f"building the wheel failed:\n{output}")
        built = run(*pip_wheel, cwd=out)
        if built.returncode != 0:
            last_line = (built.stdout + built.stderr).strip().splitlines()[-1:]
            pytest.skip(f"cannot build a wheel here (setuptools or wheel missing): {last_line}")
    [wheel] = out.glob("facilitator-*.whl")
    return wheel


@pytest.mark.slow
def test_the_shipped_templates_are_found_in_an_installed_wheel(tmp_path: Path) -> None:
    # Build from a copy: an in-tree build would leave build/ and *.egg-info in the checkout.
    source = tmp_path / "source"
    shutil.copytree(
        REPOSITORY,
        source,
        ignore=shutil.ignore_patterns(
            ".git",
            "build",
            "dist",
            "*.egg-info",
            "__pycache__",
            ".*_cache",
            ".hypothesis",
            "tests",
            "benchmarks",
        ),
    )
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    wheel = build_wheel(source, wheels)

    environment = tmp_path / "venv"
    created = run(sys.executable, "-m", "venv", environment, cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    python = environment / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    installed = run(
        python, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", wheel, cwd=tmp_path
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    # -I: neither the working folder nor PYTHONPATH may lend the source checkout to the import.
    user_folder = tmp_path / "no_user_templates"
    listed = run(python, "-I", "-c", LIST_TEMPLATES, user_folder, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    rows = [line.split("\t") for line in listed.stdout.splitlines()]
    assert {name for name, _, _ in rows} == SHIPPED
    assert {source for _, source, _ in rows} == {"shipped"}
    for _, _, path in rows:
        assert Path(path).resolve().is_relative_to(environment.resolve()), path
