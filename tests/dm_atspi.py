# dm_atspi.py — what the tests that drive the real app over the
# accessibility bus share: starting the app, TAP results, finding
# accessibles, and waiting on conditions (never on fixed sleeps).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import pyatspi

results = []

# The bundled dataset's Resolution 52, as its title reads in English.
TITLE_52 = ('Politburo Resolution 52-NQ/TW on a number of guidelines and policies '
            'for proactively participating in the Fourth Industrial Revolution')


def stop_app(process):
    process.terminate()
    process.wait(timeout=10)
    state = getattr(process, 'dm_state', None)
    if state is not None:
        state.cleanup()


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


def descendants(node, depth=0):
    """@node and every accessible under it (to the depth of a GTK window),
    skipping any that went away while they were read."""
    yield node
    if depth > 40:
        return
    try:
        children = list(node)
    except Exception:
        return
    for child in children:
        if child is not None:
            yield from descendants(child, depth + 1)


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


def start_app(**extra_env):
    """The app ($DAUMOC) in English, on the accessibility bus, its
    settings in memory, any critical fatal, its state (recovery copies) in
    a folder of its own; @extra_env added. End it with stop_app().

    Not the suite's state folder: a test before may leave there the
    recovery copy of a process it killed, which the app then offers in a
    dialog that takes the keys meant for the window."""
    env = dict(os.environ)
    state = None
    if 'XDG_STATE_HOME' not in extra_env:
        state = tempfile.TemporaryDirectory(prefix='daumoc-state-')
        env['XDG_STATE_HOME'] = state.name
    env.pop('NO_AT_BRIDGE', None)
    env.pop('GTK_A11Y', None)
    env['LANGUAGE'] = 'en'
    env['GSETTINGS_BACKEND'] = 'memory'
    env['G_DEBUG'] = 'fatal-criticals'
    env.update(extra_env)
    process = subprocess.Popen([os.environ['DAUMOC']], env=env, stdout=subprocess.DEVNULL, stderr=sys.stderr)
    process.dm_state = state
    return process


def focus_window(title):
    """Gives the keyboard focus to the app's window titled @title, as a
    window manager would, with xdotool when it is there (with no window
    manager, keys otherwise go where the pointer is)."""
    if shutil.which('xdotool') is None:
        return False

    def search():
        result = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', title],
                                capture_output=True, text=True)
        return result.stdout.split()
    windows = wait_for(search)
    if not windows:
        return False
    subprocess.run(['xdotool', 'windowfocus', '--sync', windows[0]], check=False, capture_output=True)
    return True


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is not None and app.name == 'daumoc':
            return app
    return None


def event_list(app):
    return find(app, lambda n: n.getRoleName() == 'list' and n.name == 'Events')


# What a user reaches to act on or read. Containers report "focusable"
# too (a scrolled window, a paned) but take focus only when nothing inside
# can. The tags' GtkFlowBoxChild cells ("table cell") no longer take focus
# around their buttons (test-window checks that).
CONTROLS = {'push button', 'toggle button', 'check box', 'radio button', 'spin button',
            'entry', 'slider', 'label', 'list item', 'link'}


def _visible_up_to(n, root):
    """Whether @n and each of its parents up to @root are visible. The
    search entry libadwaita 1.2's preferences windows keep for a search
    they have turned off is in a page never shown, which GTK 4.8 reports
    visible: it is not counted."""
    if n.name == 'GtkSearchEntry' and n.parent is not None and n.parent.parent is not None \
            and n.parent.parent.name == 'GtkStackPage':
        return False
    while n is not None:
        if not n.getState().contains(pyatspi.STATE_VISIBLE):
            return False
        if n == root:
            return True
        n = n.parent
    return True


def badly_named(node, shown_only=True, examined=None):
    """The controls under @node that a screen reader would read out
    wrong: no name but their GTK type, or a mnemonic's underscore. Only
    those shown; with @shown_only False, those visible in visible parents
    (GTK 4.8 does not say what is shown in every window). @examined, a
    list, gets each control looked at, so that a caller can tell that
    there were some."""
    found = []
    for n in descendants(node):
        try:
            state = n.getState()
            if (n.getRoleName() in CONTROLS and state.contains(pyatspi.STATE_FOCUSABLE)
                    and (state.contains(pyatspi.STATE_SHOWING)
                         or (not shown_only and _visible_up_to(n, node)))):
                name = n.name or ''
                if examined is not None:
                    examined.append(name)
                if name == '' or name.startswith('Gtk') or re.search(r'_\w', name):
                    found.append((n.getRoleName(), name))
        except Exception:
            continue
    return found


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
