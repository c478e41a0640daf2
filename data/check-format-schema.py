#!/usr/bin/python3
# check-format-schema.py — the JSON Schema of the timeline format holds
# together: every "$ref" names a definition that exists. (That it has the
# members of the format's table is tests/test-format.c's.) Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import sys

schema_path = sys.argv[1]
results = []


def check(ok, name):
    results.append(bool(ok))
    print(('ok' if ok else 'not ok') + ' %d - %s' % (len(results), name), flush=True)


def refs(node, path='#'):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == '$ref':
                yield path, value
            else:
                yield from refs(value, path + '/' + key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from refs(value, '%s/%d' % (path, i))


def resolve(schema, ref):
    if not ref.startswith('#/'):
        return None
    node = schema
    for part in ref[2:].split('/'):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


with open(schema_path, encoding='utf-8') as f:
    schema = json.load(f)

print('1..1', flush=True)
broken = [(where, ref) for where, ref in refs(schema) if resolve(schema, ref) is None]
check(not broken, 'every $ref resolves: %r' % (broken,))

sys.exit(0 if all(results) else 1)
