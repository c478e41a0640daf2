#!/usr/bin/python3
# check-format-schema.py — the JSON Schema of the timeline format holds
# together: every "$ref" names a definition that exists, and every member
# the format documents for an event (FORMAT.md's table) is in it. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import re
import sys

schema_path, format_path = sys.argv[1], sys.argv[2]
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
with open(format_path, encoding='utf-8') as f:
    format_doc = f.read()

print('1..3', flush=True)
broken = [(where, ref) for where, ref in refs(schema) if resolve(schema, ref) is None]
check(not broken, 'every $ref resolves: %r' % (broken,))

# The members of an event, from the first column of FORMAT.md's table.
section = format_doc[format_doc.index('## Events'):]
members = re.findall(r'^\| `([a-z_]+)` \|', section, re.M)
event = schema['$defs']['event']['properties']
missing = [m for m in members if m not in event]
check(members and not missing, 'every event member of FORMAT.md is in the schema: %r' % (missing,))

# An open start is a bound, "before" or "after", and nothing made up.
start = json.dumps(event.get('start', {}))
check('openStart' in start and set(schema['$defs']['openStart']['properties']) == {'before', 'after'},
      'a start may be an open bound, before or after')

sys.exit(0 if all(results) else 1)
