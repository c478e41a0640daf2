#!/usr/bin/env python3
# check-layers.py — every file in src/ includes only what its layer may use.
#
# The layers are the folders of src/ (see src/README.md). A file may include
# headers of its own layer and of the layers it is allowed to build on, and
# no system header that belongs to a layer above it: core has no cairo and
# no GTK, render has no GTK. Headers are checked like sources, so what a
# header pulls in counts for every file that includes it.
#
# The check runs on the tree, and first on a small made-up tree with one
# violation of each kind, so that a checker that has stopped finding
# anything fails too.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys
import tempfile

# The layer of a folder below src/, and which layers it may include.
MAY_USE = {
    'core': {'core'},
    'formats': {'core', 'formats'},
    'render': {'core', 'formats', 'render'},
    'cli': {'core', 'formats', 'render', 'cli'},
    'ui/widgets': {'core', 'formats', 'render', 'ui/widgets'},
    'ui': {'core', 'formats', 'render', 'ui/widgets', 'ui'},
    '': {'core', 'formats', 'render', 'cli', 'ui/widgets', 'ui', ''},
}

# System headers that belong to a layer: a file may include them only if
# that layer is one it may use.
SYSTEM_LAYER = [
    (re.compile(r'^(gtk|gdk|gsk)/|^adwaita\.h$'), 'ui/widgets'),
    (re.compile(r'^(cairo|pango|librsvg)'), 'render'),
    (re.compile(r'^(gsf/|libxml/|csv\.h$|gio/gunix)'), 'formats'),
]

# Made by the build, not in the tree: which layer makes them.
GENERATED = {
    'config.h': 'core',
    'dm-render-resources.h': 'render',
    'dm-resources.h': 'ui',
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def layer_of(relative_dir):
    for layer in sorted(MAY_USE, key=len, reverse=True):
        if layer and (relative_dir == layer or relative_dir.startswith(layer + '/')):
            return layer
    return ''


def check(src):
    """Returns a list of 'file: problem' lines for the tree at @src."""
    headers = {}
    files = []
    for root, _dirs, names in os.walk(src):
        for name in sorted(names):
            if not name.endswith(('.c', '.h')):
                continue
            path = os.path.join(root, name)
            layer = layer_of(os.path.relpath(root, src).replace(os.sep, '/').lstrip('.'))
            files.append((path, layer))
            if name.endswith('.h'):
                if name in headers:
                    yield f'{path}: a second {name} (also in {headers[name][0]})'
                headers[name] = (path, layer)

    for path, layer in files:
        allowed = MAY_USE[layer]
        with open(path, encoding='utf-8') as f:
            text = f.read()
        shown = os.path.relpath(path, os.path.dirname(src))
        for quote, name in INCLUDE.findall(text):
            if quote == '"':
                if name in GENERATED:
                    owner = GENERATED[name]
                elif os.path.basename(name) in headers and name == os.path.basename(name):
                    owner = headers[name][1]
                else:
                    yield f'{shown}: includes "{name}", which is not a header of src/ (include headers by name)'
                    continue
                if owner not in allowed:
                    yield f'{shown}: a {layer or "top"} file includes "{name}" from {owner}'
            else:
                for pattern, owner in SYSTEM_LAYER:
                    if pattern.search(name) and owner not in allowed:
                        yield f'{shown}: a {layer or "top"} file includes <{name}>, which only {owner} and above may use'


def self_test():
    """The checker finds one made-up violation of each kind."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 'src')
        for folder, name, text in [
            ('core', 'dm-a.h', '#include <glib.h>\n'),
            ('core', 'dm-a.c', '#include "config.h"\n#include "dm-a.h"\n#include <cairo.h>\n'),
            ('core', 'dm-b.c', '#include "dm-w.h"\n'),
            ('render', 'dm-r.c', '#include <gtk/gtk.h>\n#include "dm-a.h"\n'),
            ('ui/widgets', 'dm-w.h', '#include <gtk/gtk.h>\n'),
            ('ui/widgets', 'dm-w.c', '#include "dm-win.h"\n'),
            ('ui', 'dm-win.h', '#include <adwaita.h>\n#include "dm-w.h"\n'),
        ]:
            os.makedirs(os.path.join(src, folder), exist_ok=True)
            with open(os.path.join(src, folder, name), 'w') as f:
                f.write(text)
        found = sorted(check(src))
    expected = [
        'src/core/dm-a.c: a core file includes <cairo.h>, which only render and above may use',
        'src/core/dm-b.c: a core file includes "dm-w.h" from ui/widgets',
        'src/render/dm-r.c: a render file includes <gtk/gtk.h>, which only ui/widgets and above may use',
        'src/ui/widgets/dm-w.c: a ui/widgets file includes "dm-win.h" from ui',
    ]
    return found == expected, found


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'src')
    print('1..2')
    ok, found = self_test()
    if not ok:
        for line in found:
            print('# ' + line)
    print(('ok' if ok else 'not ok') + ' 1 /layers/checker-finds-violations')
    problems = list(check(os.path.normpath(src)))
    for line in problems:
        print('# ' + line)
    print(('not ok' if problems else 'ok') + ' 2 /layers/src')
    return 1 if problems or not ok else 0


if __name__ == '__main__':
    sys.exit(main())
