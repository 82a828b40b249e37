#!/usr/bin/env python3
"""MLflow's prompt registry, for scripts/bench/get.sh (run with the virtual environment's python).

    mlflow-prompts.py register URI NAME REPO PROMPT VERSIONS_FILE
        registers the prompt file PROMPT at each commit of VERSIONS_FILE (one id a line, oldest
        first) as the next version of NAME, then points the alias `production` at the last one
    mlflow-prompts.py load URI NAME
        what an application does: loads prompts:/NAME@production and prints its template
"""

import subprocess
import sys

import mlflow


def main():
    command, uri, name = sys.argv[1:4]
    mlflow.set_tracking_uri(uri)
    if command == "load":
        sys.stdout.write(mlflow.genai.load_prompt(f"prompts:/{name}@production").template)
        return
    repo, prompt, versions_file = sys.argv[4:7]
    commits = [line.strip() for line in open(versions_file) if line.strip()]
    last = None
    for index, commit in enumerate(commits):
        template = subprocess.run(["git", "-C", repo, "show", f"{commit}:{prompt}"], capture_output=True, check=True).stdout.decode()
        last = mlflow.genai.register_prompt(name=name, template=template, commit_message=f"from {commit}")
        if index % 100 == 99:
            print(f"registered {index + 1} versions", file=sys.stderr)
    mlflow.genai.set_prompt_alias(name=name, alias="production", version=last.version)


if __name__ == "__main__":
    main()
