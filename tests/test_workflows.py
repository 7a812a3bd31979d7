"""The publishing workflows run the README's commands, check --strict, and deploy main only."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^ *```sh\n *(.+?)\n *```", readme, re.MULTILINE)[:2]


def load(rel: str) -> dict[Any, Any]:
    data = yaml.safe_load((REPO / rel).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def github_commands(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_github_workflow_checks_builds_tests_and_deploys_main() -> None:
    workflow = load(".github/workflows/site.yml")
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "push" in triggers and "pull_request" in triggers
    verify = workflow["jobs"]["verifier"]
    commands = github_commands(verify)
    install = readme_commands()[0].split(" && .venv/bin/python")[0]
    assert install in commands
    assert ".venv/bin/python build.py check --strict" in commands
    assert ".ci/run" in commands  # README commands 1 (build) and 2 (tests), see test_readme
    assert commands.index(".venv/bin/python build.py check --strict") < commands.index(".ci/run")
    upload = next(s for s in verify["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site/"
    assert upload["if"] == "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"
    deploy = workflow["jobs"]["publier"]
    assert deploy["needs"] == "verifier" and deploy["if"] == upload["if"]
    assert [s["uses"] for s in deploy["steps"]] == ["actions/deploy-pages@v4"]


def test_gitlab_pipeline_checks_builds_tests_and_deploys_main() -> None:
    pipeline = load(".gitlab-ci.yml")
    verify = pipeline["verifier"]
    commands = verify["before_script"] + verify["script"]
    assert readme_commands()[0].split(" && .venv/bin/python")[0] in commands
    assert verify["script"][:2] == [".venv/bin/python build.py check --strict", ".ci/run"]
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in verify["rules"]
    assert verify["artifacts"]["paths"] == ["site/"]
    pages = pipeline["pages"]
    assert pages["needs"] == ["verifier"] and pages["rules"] == [{"if": '$CI_COMMIT_BRANCH == "main"'}]
    assert pages["script"] == ["rm -rf public && cp -r site public"] and pages["artifacts"]["paths"] == ["public"]


def test_ci_script_installs_the_web_editor_for_its_browser_test() -> None:
    run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"npm install .*vnu-jar decap-cms@3 decap-server@3", run)
