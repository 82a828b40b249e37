"""Reads every sample in samples/ with the formats' reference implementations and prints what they
make of it as JSON (run by make-expected.sh, which installs the pinned versions):

- .prompt: dotpromptz parses the front matter and renders the template with no input (Handlebars
  errors surface there); recorded: accepted or the error's line, the model and the message roles.
- .prompty: prompty loads the file and its chat parser splits the template body; recorded: the
  message roles and role-marker attributes, and jinja2.meta.find_undeclared_variables of the body.
"""
import asyncio
import json
import re
import sys
from pathlib import Path

import jinja2
import jinja2.meta
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


def main() -> None:
    samples = Path(sys.argv[1])
    expected = {}
    for path in sorted(samples.iterdir()):
        expected[path.name] = dotprompt(path) if path.suffix == ".prompt" else prompty(path)
    print(json.dumps(expected, indent=2, sort_keys=True))


main()
