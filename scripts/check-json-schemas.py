#!/usr/bin/env python3
"""Validates Quill JSON outputs against their schemas in docs/schemas/.

Usage: check-json-schemas.py [--probe] SCHEMA_DIR OUTPUT.json...

Each output names its schema in its top-level "schema" key ("quill.NAME/VERSION"); it is validated
against SCHEMA_DIR/NAME.schema.json (JSON Schema draft 2020-12), whose own "schema" property must be
that identifier, and in which every object that lists its properties closes them
("additionalProperties": false; a map of names to values lists none). With --probe, every key of
every closed object of each output is also renamed, one at a time, and a key added at the top: each
changed output must fail, so the schema catches a renamed, missing or unknown field at any depth.
Prints one line per problem; exit status 0 when there is none, 1 otherwise.
"""
import json
import re
import sys

import jsonschema

IDENTIFIER = re.compile(r"^quill\.([a-z][a-z-]*)/([1-9][0-9]*)$")


def open_objects(node, place):
    """The places in a schema where an object lists its properties without 'additionalProperties': false."""
    if isinstance(node, dict):
        if "properties" in node and node.get("additionalProperties") is not False:
            yield place
        for key, value in node.items():
            yield from open_objects(value, f"{place}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from open_objects(value, f"{place}/{index}")


def validator_for(schema_dir, identifier, cache):
    match = IDENTIFIER.match(identifier)
    if not match:
        raise ValueError(f"'schema' is {identifier!r}; expected quill.NAME/VERSION")
    if identifier not in cache:
        path = f"{schema_dir}/{match.group(1)}.schema.json"
        with open(path, encoding="utf-8") as handle:
            schema = json.load(handle)
        jsonschema.Draft202012Validator.check_schema(schema)
        for place in open_objects(schema, "#"):
            raise ValueError(f"{path}: {place} lists properties but allows others; outputs are closed")
        declared = schema.get("properties", {}).get("schema", {}).get("const")
        if declared != identifier:
            raise ValueError(f"{path} declares schema {declared!r}, the output {identifier!r}")
        cache[identifier] = jsonschema.Draft202012Validator(schema)
    return cache[identifier]


def problems(validator, instance):
    return sorted(validator.iter_errors(instance), key=lambda error: list(error.absolute_path))


def closed_objects(schema, node, instance, path):
    """Each object of `instance` whose schema (`node`, refs followed) is closed, with its path."""
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    if isinstance(instance, dict):
        if node.get("additionalProperties") is False:
            yield path, instance
        for key, value in instance.items():
            child = node.get("properties", {}).get(key, node.get("additionalProperties"))
            if isinstance(child, dict):
                yield from closed_objects(schema, child, value, path + [key])
    elif isinstance(instance, list) and isinstance(node.get("items"), dict):
        for index, value in enumerate(instance):
            yield from closed_objects(schema, node["items"], value, path + [index])


def probe(validator, instance):
    """The renamed keys, at any depth of `instance`, and the added top-level key its schema accepts."""
    missed = []
    for path, target in list(closed_objects(validator.schema, validator.schema, instance, [])):
        for key in list(target):
            value = target.pop(key)
            target[key + "Renamed"] = value
            if not problems(validator, instance):
                missed.append("renaming '" + "/".join(str(part) for part in path + [key]) + "'")
            del target[key + "Renamed"]
            target[key] = value
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
