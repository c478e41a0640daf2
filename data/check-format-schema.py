#!/usr/bin/python3
# check-format-schema.py — the JSON Schema of the timeline format works
# with a standard validator (python3-jsonschema): it is a valid schema of
# the draft it declares, every "$ref" in it resolves, the files given after
# --valid pass it, and those after --invalid (a wrong type, a bad colour…)
# do not. Prints TAP.
#
#   check-format-schema.py SCHEMA --valid FILE… --invalid FILE…
#
# That the schema has the members of the format's table, no more and no
# fewer, is checked by tests/test-format.c.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print('Bail out! python3-jsonschema is missing for ' + sys.executable, flush=True)
    sys.exit(1)

results = []


def check(ok, name, details=()):
    results.append(bool(ok))
    print(('ok' if ok else 'not ok') + ' %d - %s' % (len(results), name), flush=True)
    for line in details:
        print('# ' + line, flush=True)


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == '$ref':
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def resolve(schema, ref):
    if not ref.startswith('#/'):
        return None
    node = schema
    for part in ref[2:].split('/'):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def load(path):
    def refuse(constant):
        raise ValueError('not JSON: ' + constant)

    with open(path, encoding='utf-8') as f:
        return json.load(f, parse_constant=refuse)


def where(error):
    return '/'.join(str(part) for part in error.absolute_path) or '(top)'


args = sys.argv[1:]
schema_path = args.pop(0)
valid = args[args.index('--valid') + 1:args.index('--invalid')]
invalid = args[args.index('--invalid') + 1:]

schema = load(schema_path)
declared = schema.get('$schema', '')
validator_class = jsonschema.validators.validator_for(schema, default=None)

print('1..%d' % (3 + len(valid) + len(invalid)), flush=True)
check(validator_class is not None
      and validator_class.META_SCHEMA.get('$id', '').rstrip('#') == declared.rstrip('#'),
      'the validator knows the draft the schema declares (%s)' % declared)
if validator_class is None:
    validator_class = jsonschema.validators.Draft202012Validator
try:
    validator_class.check_schema(schema)
    problem = None
except jsonschema.exceptions.SchemaError as e:
    problem = e
check(problem is None, 'the schema is valid under its meta-schema',
      [] if problem is None else [str(problem).splitlines()[0]])

broken = [ref for ref in refs(schema) if resolve(schema, ref) is None]
check(not broken, 'every $ref resolves', ['unresolved: ' + ref for ref in broken])

validator = validator_class(schema)


def problems(path):
    """What the validator finds wrong with the file at @path, as lines."""
    try:
        errors = sorted(validator.iter_errors(load(path)), key=lambda e: list(map(str, e.absolute_path)))
    except jsonschema.exceptions.RefResolutionError as e:
        return ['the schema cannot be used: %s' % str(e)[:200]]
    return ['%s: %s' % (where(e), e.message[:200]) for e in errors]


for path in valid:
    found = problems(path)
    check(not found, 'valid: ' + os.path.basename(path), found[:20])

for path in invalid:
    found = problems(path)
    check(found and not found[0].startswith('the schema cannot'), 'rejected: ' + os.path.basename(path), found[:3])

sys.exit(0 if all(results) else 1)
