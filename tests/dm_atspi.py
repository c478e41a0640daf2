# dm_atspi.py — what the tests that drive the real app over the
# accessibility bus share: starting the app, TAP results, finding
# accessibles, and waiting on conditions (never on fixed sleeps).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import time

import pyatspi

results = []

# The bundled dataset's Resolution 52, as its title reads in English.
TITLE_52 = ('Politburo Resolution 52-NQ/TW on a number of guidelines and policies '
            'for proactively participating in the Fourth Industrial Revolution')


def start_app():
    """The app ($DAUMOC) started in English on the accessibility bus, with
    settings in memory; end it with stop_app()."""
    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    env.pop('GTK_A11Y', None)
    env['LANGUAGE'] = 'en'
    env['GSETTINGS_BACKEND'] = 'memory'
    env['G_DEBUG'] = 'fatal-criticals'
    return subprocess.Popen([os.environ['DAUMOC']], env=env,
                            stdout=subprocess.DEVNULL, stderr=sys.stderr)


def stop_app(process):
    process.terminate()
    process.wait(timeout=10)


def check(ok, name):
    results.append((bool(ok), name))
    print(('ok' if ok else 'not ok') + ' %d - %s' % (len(results), name), flush=True)


def find(node, predicate, depth=0):
    """The first accessible under @node (breadth of a GTK window) that
    matches."""
    try:
        if predicate(node):
            return node
    except Exception:
        pass
    if depth > 40:
        return None
    for child in node:
        if child is None:
            continue
        found = find(child, predicate, depth + 1)
        if found is not None:
            return found
    return None


# Waits scale with DM_TEST_TIMEOUT_FACTOR, as the C tests' do (the
# "sanitize" test setup sets it).
TIMEOUT_FACTOR = int(os.environ.get('DM_TEST_TIMEOUT_FACTOR', '1'))


def wait_for(what, timeout=20.0):
    """Polls @what until it gives a true value, and returns that value; or
    None after @timeout seconds (scaled). An accessible can vanish or be
    half made while the app changes it, so an exception only means
    "not yet": the last one is reported when time runs out."""
    deadline = time.monotonic() + timeout * TIMEOUT_FACTOR
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = what()
        except Exception as error:  # noqa: BLE001 — any AT-SPI failure
            value, last_error = None, error
        if value:
            return value
        time.sleep(0.05)
    if last_error is not None:
        print('# gave up waiting; last error: %r' % (last_error,), flush=True)
    return None


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is not None and app.name == 'daumoc':
            return app
    return None


def event_list(app):
    return find(app, lambda n: n.getRoleName() == 'list' and n.name == 'Events')


def row_named(events, text):
    """The (index, name) of the first row of @events with a child whose
    accessible name holds @text, or None."""
    for index, item in enumerate(events):
        for child in item:
            if child is not None and text in (child.name or ''):
                return index, child.name
    return None


def all_passed():
    """Whether there were results, and all of them passed."""
    return bool(results) and all(ok for ok, _ in results)
