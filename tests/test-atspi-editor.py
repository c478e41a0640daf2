#!/usr/bin/python3
# test-atspi-editor.py — the event editor as a screen reader sees it: F2
# on the selected event opens it, and every field has its name; and the
# Sources, Kinds and Tags window: a kind's glyphs and the tags' buttons
# are named.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Needs a display and a session bus, as test-atspi.py does. Prints TAP.

import sys
import tempfile

import pyatspi

from dm_atspi import (all_passed, badly_named, check, descendants, event_list, find, find_app, row_named,
                      start_app, wait_for)

# Key codes of Xvfb's default keyboard map.
F2, ESCAPE, F10, KEY_K, RETURN = 68, 9, 76, 45, 36

GLYPHS = ['No Glyph', 'Glyph: Forum', 'Glyph: Meeting', 'Glyph: Milestone', 'Glyph: Memorandum',
          'Glyph: Plan', 'Glyph: Resolution']
TAG_CONTROLS = ['Add Tag', 'Edit Tag', 'Remove Tag Label']

FIELDS = [
    'Title in Vietnamese', 'Title in English',
    'Date or start (YYYY, YYYY-MM or YYYY-MM-DD)', 'How the date is known', 'End, for a period',
    'Certainty', 'Reason in Vietnamese', 'Reason in English',
    'Summary in Vietnamese', 'Summary in English', 'Place in Vietnamese', 'Place in English',
    'Kind', 'Tags, separated by commas', 'Identifier',
    'Relation to add', 'Id of the related event (Enter adds it)',
    # The rows that add an actor, a figure, a list and a link.
    'New actor: name (Enter adds it)', 'New actor: role in Vietnamese', 'New actor: role in English',
    'New figure: what is counted, in Vietnamese', 'New figure: what is counted, in English',
    'New figure: number (Enter adds it)',
    'New list: what is listed, in Vietnamese (Enter adds it)', 'New list: what is listed, in English',
    'New link: address, http or https (Enter adds it)', 'New link: what it leads to, in Vietnamese',
    'New link: what it leads to, in English',
]

# The fields of an actor, in the row of each (the event edited has actors).
ACTOR_FIELDS = ['Name', 'Role in Vietnamese', 'Role in English',
                'Name as printed in the source, probably wrong there', 'Remove actor 1']


def press(code):
    pyatspi.Registry.generateKeyboardEvent(code, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(code, None, pyatspi.KEY_RELEASE)


def names(node):
    """The names of the accessibles under @node."""
    found = set()
    for n in descendants(node):
        try:
            if n.name:
                found.add(n.name)
        except Exception:
            continue
    return found


def editor(app):
    for window in app:
        if window is not None and window.name == 'Edit Event':
            return window
    return None


def window_named(app, name):
    for window in app:
        if window is not None and window.name == name:
            return window
    return None


def click(node):
    node.queryAction().doAction(0)


def named(node, name, role=None):
    return find(node, lambda n: n.name == name and (role is None or n.getRoleName() == role))


def click_until(window, button, expected):
    """Clicks @button of @window until @expected is there (a click on an
    accessible that was just made may be lost); returns it or None."""
    def there_after_click():
        found = named(window, expected)
        if found is None:
            target = named(window, button)
            if target is not None:
                click(target)
        return found
    return wait_for(there_after_click, timeout=60)


def check_named(window, expected, what):
    """Checks that @window has a control named each of @expected, and that
    none of its controls is named wrong: every one, shown or not, as GTK
    4.8 says of none of them that it is shown there."""
    shown = names(window)
    missing = [name for name in expected if name not in shown]
    examined = []
    wrong = badly_named(window, shown_only=False, examined=examined)
    check(not missing and not wrong and len(examined) >= len(expected),
          '%s: missing %r, named wrong %r, %d controls looked at' % (what, missing, wrong, len(examined)))


def main():
    # Recovery copies of its own: none to offer at start.
    state = tempfile.TemporaryDirectory()
    app_process = start_app(XDG_STATE_HOME=state.name)
    print('1..7', flush=True)
    try:
        app = wait_for(find_app, timeout=60)
        check(app is not None, 'the app is on the accessibility bus')
        if app is None:
            return

        events = wait_for(lambda: event_list(app) if event_list(app) and event_list(app).childCount > 0 else None)
        # An event with actors: the workshop that opened the story.
        found = wait_for(lambda: row_named(events, 'Workshop on the New Production Revolution'))
        events.querySelection().selectChild(found[0] if found else 0)
        # X sends keys to the window under the pointer; with no window
        # manager the window sits at the origin.
        pyatspi.Registry.generateMouseEvent(400, 300, pyatspi.MOUSE_ABS)
        wait_for(lambda: find(app, lambda n: n.getRoleName() == 'panel' and n.parent is not None
                              and n.parent.getRoleName() == 'filler' and n.name))
        press(F2)
        window = wait_for(lambda: editor(app))
        check(window is not None, 'F2 opens the event editor on the selected event')
        shown = window and wait_for(lambda: names(window) if FIELDS[-1] in names(window) else None)
        missing = [f for f in FIELDS + ACTOR_FIELDS if shown is None or f not in shown]
        check(not missing, 'every field of the editor has its name: missing %r' % (missing,))
        wrong = badly_named(window) if window else None
        check(window is not None and not wrong, 'no control of the editor is named wrong: %r' % (wrong,))
        pyatspi.Registry.generateMouseEvent(60, 60, pyatspi.MOUSE_ABS)
        press(ESCAPE)
        wait_for(lambda: editor(app) is None)

        # The main menu (F10), its "Sources, Kinds and Tags…" (K, Return).
        pyatspi.Registry.generateMouseEvent(400, 300, pyatspi.MOUSE_ABS)
        press(F10)
        wait_for(lambda: find(app, lambda n: (n.name or '').startswith('Sources, Kinds and Tags')))
        press(KEY_K)
        press(RETURN)
        sources = wait_for(lambda: window_named(app, 'Sources, Kinds and Tags'))
        check(sources is not None, 'the main menu opens the Sources, Kinds and Tags window')
        if sources is None:
            return
        # The Kinds page, and its first kind's form.
        click(wait_for(lambda: named(sources, 'Kinds', 'page tab')))
        click_until(sources, 'Edit Kind', GLYPHS[-1])
        check_named(sources, GLYPHS, 'a kind\'s glyphs are named')

        click(wait_for(lambda: named(sources, 'Back')))
        click(wait_for(lambda: named(sources, 'Tags', 'page tab')))
        wait_for(lambda: named(sources, 'Remove Tag Label'))
        check_named(sources, TAG_CONTROLS, 'the Tags page\'s controls are named')
    finally:
        app_process.terminate()
        app_process.wait(timeout=10)
        state.cleanup()


main()
sys.exit(0 if all_passed() else 1)
