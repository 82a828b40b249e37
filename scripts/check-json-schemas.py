#!/usr/bin/env python3
"""Validates Quill JSON outputs against their schemas in docs/schemas/.

Usage: check-json-schemas.py [--probe] SCHEMA_DIR OUTPUT.json...

Each output names its schema in its top-level "schema" key ("quill.NAME/VERSION"); it is validated
against SCHEMA_DIR/NAME.schema.json (JSON Schema draft 2020-12), whose own "schema" property must be
that identifier. With --probe, each output's top-level keys are also renamed one at a time, and a
key added, and each changed output must fail: the schema catches a renamed, missing or unknown field.
Prints one line per problem; exit status 0 when there is none, 1 otherwise.
"""
import json
import re
import sys

import jsonschema

IDENTIFIER = re.compile(r"^quill\.([a-z][a-z-]*)/([1-9][0-9]*)$")


def validator_for(schema_dir, identifier, cache):
    match = IDENTIFIER.match(identifier)
    if not match:
        raise ValueError(f"'schema' is {identifier!r}; expected quill.NAME/VERSION")
    if identifier not in cache:
        path = f"{schema_dir}/{match.group(1)}.schema.json"
        with open(path, encoding="utf-8") as handle:
            schema = json.load(handle)
        jsonschema.Draft202012Validator.check_schema(schema)
        declared = schema.get("properties", {}).get("schema", {}).get("const")
        if declared != identifier:
            raise ValueError(f"{path} declares schema {declared!r}, the output {identifier!r}")
        cache[identifier] = jsonschema.Draft202012Validator(schema)
    return cache[identifier]


def problems(validator, instance):
    return sorted(validator.iter_errors(instance), key=lambda error: list(error.absolute_path))


def probe(validator, instance):
    """The changes to the top level of `instance` that its schema does not catch."""
    missed = []
    for key in instance:
        changed = {(name + "Renamed" if name == key else name): value for name, value in instance.items()}
        if not problems(validator, changed):
            missed.append(f"renaming '{key}'")
    if not problems(validator, {**instance, "unknownField": 1}):
        missed.append("adding 'unknownField'")
    return missed


def main(arguments):
    probing = arguments[:1] == ["--probe"]
    if probing:
        arguments = arguments[1:]
    if len(arguments) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    schema_dir, outputs = arguments[0], arguments[1:]
    cache, failures = {}, 0
    for output in outputs:
        with open(output, encoding="utf-8") as handle:
            instance = json.load(handle)
        try:
            if not isinstance(instance, dict):
                raise ValueError("the output is not a JSON object")
            validator = validator_for(schema_dir, instance.get("schema", ""), cache)
        except (OSError, ValueError, jsonschema.SchemaError) as error:
            print(f"{output}: {error}")
            failures += 1
            continue
        for error in problems(validator, instance):
            place = "/" + "/".join(str(part) for part in error.absolute_path)
            print(f"{output}: {instance['schema']} at {place}: {error.message}")
            failures += 1
        for change in probe(validator, instance) if probing else []:
            print(f"{output}: {instance['schema']} accepts the output after {change}")
            failures += 1
    print(f"checked {len(outputs)} outputs against {len(cache)} schemas: {failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
