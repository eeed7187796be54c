"""The GitHub Pages workflow: actionlint finds nothing, and it builds the way the README says."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"

# Everything that changes what `make site` produces, and the workflow itself.
BUILD_INPUTS = {
    "content/**",
    "generator/**",
    "overrides/**",
    "mkdocs.yml",
    "requirements.lock",
    "pyproject.toml",
    "Makefile",
    ".github/workflows/publish.yml",
}


def actionlint_binary() -> str:
    """The actionlint that requirements-test.lock installs next to this Python, else one on PATH."""
    beside = Path(sys.executable).parent / "actionlint"
    if beside.is_file():
        return str(beside)
    found = shutil.which("actionlint")
    if found is None:
        pytest.fail("actionlint is not installed: it is pinned in requirements-test.lock (make test installs it)")
    return found


def actionlint(path: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run actionlint on one workflow file; shellcheck and pyflakes only where installed."""
    command = [
        actionlint_binary(),
        "-no-color",
        "-oneline",
        f"-shellcheck={shutil.which('shellcheck') or ''}",
        f"-pyflakes={shutil.which('pyflakes') or ''}",
        str(path),
    ]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60)


def load(text: str) -> dict:
    workflow = yaml.safe_load(text)
    # YAML 1.1 reads the bare key `on` as the boolean True.
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


@pytest.fixture(scope="module")
def workflow() -> dict:
    return load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def step_using(workflow: dict, job: str, action: str) -> dict:
    matches = [s for s in steps(workflow, job) if s.get("uses", "").split("@")[0] == action]
    assert len(matches) == 1, f"job {job!r} should use {action} exactly once, found {len(matches)}"
    return matches[0]


# --- actionlint -------------------------------------------------------------------------


def test_actionlint_reports_nothing():
    result = actionlint(WORKFLOW, cwd=REPO)
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and not output, f"actionlint (exit {result.returncode}):\n{output}"


# Guards against a linter that passes everything: each break must be reported.
BREAKS = {
    "unknown action input": ("fetch-depth: 0", "fetch-dept: 0", 'input "fetch-dept" is not defined'),
    "bad expression": ("steps.deployment.outputs.page_url }}", "steps.deployment.outputs.page_url( }}", "expression"),
    "needs a missing job": ("needs: build", "needs: biuld", 'needs job "biuld"'),
}


@pytest.mark.parametrize("name", BREAKS)
def test_actionlint_catches_a_broken_copy(name, tmp_path):
    old, new, expected = BREAKS[name]
    text = WORKFLOW.read_text(encoding="utf-8")
    assert old in text, f"the workflow no longer contains {old!r}; update this test's breaks"
    broken = tmp_path / ".github" / "workflows" / "publish.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = actionlint(broken, cwd=tmp_path)
    assert result.returncode == 1, f"actionlint missed the {name}:\n{result.stdout}{result.stderr}"
    assert expected in result.stdout, result.stdout


# --- what the workflow does ------------------------------------------------------------


def test_runs_on_push_to_main_touching_build_inputs_and_by_hand(workflow):
    triggers = workflow["on"]
    assert set(triggers) == {"push", "workflow_dispatch"}
    push = triggers["push"]
    assert push["branches"] == ["main"]
    assert set(push["paths"]) == BUILD_INPUTS
    assert len(push["paths"]) == len(BUILD_INPUTS)


def test_builds_with_the_readme_command_in_strict_mode(workflow):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^make site\b", readme, re.M), "the README's install-and-build command changed"
    runs = [s["run"] for s in steps(workflow, "build") if "run" in s]
    assert any(re.search(r"^make site\b.*--strict", run, re.M) for run in runs), runs
    # `make site` is the only install path: no step installs packages on its own.
    assert not any(re.search(r"\bpip\b|\bfazhi\b|\bmkdocs\b", run) for run in runs), runs


def test_make_passes_strict_to_the_build():
    """`make site BUILD_FLAGS=--strict` must really run `fazhi build --strict`."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    dry_run = subprocess.run(
        [make, "-n", "site", "BUILD_FLAGS=--strict"], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert dry_run.returncode == 0, dry_run.stderr
    assert re.search(r"fazhi build\s+--strict\b", dry_run.stdout), (
        "the Makefile ignores BUILD_FLAGS; `make site` should run `fazhi build $(BUILD_FLAGS)`:\n"
        + dry_run.stdout
    )


def test_checkout_has_full_history(workflow):
    checkout = step_using(workflow, "build", "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0


def test_python_311_with_pip_cache_keyed_on_the_lock(workflow):
    setup = step_using(workflow, "build", "actions/setup-python")["with"]
    # A string: unquoted 3.10 would be read as the number 3.1.
    assert setup["python-version"] == "3.11"
    assert setup["cache"] == "pip"
    assert setup["cache-dependency-path"] == "requirements.lock"


def test_uploads_site_and_deploys_it_after_the_build(workflow):
    upload = step_using(workflow, "build", "actions/upload-pages-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"
    deploy = workflow["jobs"]["deploy"]
    needs = deploy["needs"]
    assert (needs if isinstance(needs, list) else [needs]) == ["build"]
    step = step_using(workflow, "deploy", "actions/deploy-pages")
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.%s.outputs.page_url }}" % step["id"]


def test_build_output_is_kept_between_runs_keyed_on_generator_and_taxonomy(workflow):
    """One new report costs one report's work only if the last build's output is there."""
    build_steps = steps(workflow, "build")
    cache = step_using(workflow, "build", "actions/cache")
    assert build_steps.index(cache) < next(i for i, s in enumerate(build_steps) if "make site" in s.get("run", ""))
    paths = set(cache["with"]["path"].split())
    assert {"build/cache", "build/search", "build/docs", "build/site-stamp", "site"} <= paths
    key = cache["with"]["key"]
    hashed = re.search(r"hashFiles\(([^)]*)\)", key).group(1)
    for needed in ("generator/**", "content/themes.yml", "content/parts.yml", "content/indicators.yml",
                   "mkdocs.yml", "overrides/**", "requirements.lock"):
        assert f"'{needed}'" in hashed, needed
    assert "content/reports" not in hashed  # a new report must not throw the cache away
    assert key.endswith("-${{ github.sha }}")
    assert cache["with"]["restore-keys"].strip() == key.removesuffix("${{ github.sha }}")


def test_minimal_permissions(workflow):
    top = workflow.get("permissions", {})
    granted = {}
    for job in workflow["jobs"].values():
        granted.update(job.get("permissions", top))
    assert granted == {"contents": "read", "pages": "write", "id-token": "write"}
    # The job that runs the project's code can write nothing.
    assert set(workflow["jobs"]["build"].get("permissions", top).values()) <= {"read", "none"}


def test_deploys_one_at_a_time_in_push_order(workflow):
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_actions_are_pinned_by_major_tag(workflow):
    used = [s["uses"] for job in workflow["jobs"] for s in steps(workflow, job) if "uses" in s]
    assert used
    for ref in used:
        assert re.fullmatch(r"actions/[a-z-]+@v\d+", ref), ref
