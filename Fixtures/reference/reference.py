"""Reads every sample in samples/ with the formats' reference implementations and prints what they
make of it as JSON (run by make-expected.sh, which installs the pinned versions):

- .prompt: dotpromptz parses the front matter and renders the template with no input (Handlebars
  errors surface there); recorded: accepted or the error's line, the model and the message roles.
- .prompty: prompty loads the file and its chat parser splits the template body; recorded: the
  message roles and role-marker attributes, and jinja2.meta.find_undeclared_variables of the body.
- .toml, .yaml: Python's tomllib or PyYAML reads the document; the strings under Quill's default message keys are the
  messages (a table's keys in Quill's order, then its sub-tables, TOML's sorted); recorded: their roles and the
  union of jinja2.meta.find_undeclared_variables of each.
"""
import asyncio
import json
import re
import sys
import tomllib
from pathlib import Path

import jinja2
import jinja2.meta
import yaml
from dotpromptz import Dotprompt
from dotpromptz._parse import parse_document
from dotpromptz.typing import DataArgument
from prompty.core.loader import load
from prompty.parsers.prompty import PromptyChatParser


def dotprompt(path: Path) -> dict:
    source = path.read_text()
    try:
        parsed = parse_document(source)
        rendered = asyncio.run(Dotprompt().render(source, DataArgument(input={})))
    except Exception as error:  # the reference's refusal, whatever its type
        found = re.search(r"line (\d+)", str(error))
        return {"accepted": False, "line": int(found.group(1)) if found else None, "error": str(error).splitlines()[0]}
    return {"accepted": True, "model": parsed.model, "roles": [message.role for message in rendered.messages]}


def prompty(path: Path) -> dict:
    agent = load(str(path))
    body = agent.instructions or ""
    messages = list(PromptyChatParser()._parse_messages(body, None, None))
    variables = jinja2.meta.find_undeclared_variables(jinja2.Environment().parse(body))
    return {
        "accepted": True,
        "roles": [message.role for message in messages],
        "attributes": [{key: str(value) for key, value in (message.metadata or {}).items()} for message in messages],
        "variables": sorted(variables),
    }


MESSAGE_KEYS = [
    ("system", "system"), ("system_prompt", "system"), ("system_template", "system"), ("developer", "developer"),
    ("instance_template", "user"), ("user", "user"), ("user_prompt", "user"), ("user_template", "user"),
    ("prompt", "user"), ("next_step_template", "user"), ("assistant", "assistant"),
]


def structured_prompt(document, sort_tables: bool) -> dict:
    roles, variables = [], set()

    def walk(value):
        if isinstance(value, dict):
            for key, role in MESSAGE_KEYS:
                if isinstance(value.get(key), str) and value[key].strip():
                    roles.append(role)
                    variables.update(jinja2.meta.find_undeclared_variables(jinja2.Environment().parse(value[key])))
            for key in sorted(value) if sort_tables else value:
                if not (isinstance(value[key], str) and key in dict(MESSAGE_KEYS)):
                    walk(value[key])
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(document)
    return {"accepted": True, "roles": roles, "variables": sorted(variables)}


def toml_prompt(path: Path) -> dict:
    return structured_prompt(tomllib.loads(path.read_text()), sort_tables=True)


def yaml_prompt(path: Path) -> dict:
    return structured_prompt(yaml.safe_load(path.read_text()), sort_tables=False)


def main() -> None:
    samples = Path(sys.argv[1])
    expected = {}
    for path in sorted(samples.iterdir()):
        reader = {".prompt": dotprompt, ".prompty": prompty, ".toml": toml_prompt, ".yaml": yaml_prompt}[path.suffix]
        expected[path.name] = reader(path)
    print(json.dumps(expected, indent=2, sort_keys=True))


main()
