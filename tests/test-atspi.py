#!/usr/bin/python3
# test-atspi.py — the real app through the accessibility bus, as a screen
# reader sees it: find an event by its accessible name, activate it, and
# read the detail pane back; then search and filter the same way.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Needs a display and a session bus (the test suite runs under xvfb-run and
# dbus-run-session) and Debian's python3-pyatspi. Prints TAP.

import re
import sys

import pyatspi

from dm_atspi import (TITLE_52, all_passed, badly_named, check, event_list, find, find_app, focus_window,
                      row_named, start_app, stop_app, wait_for)



# Key codes of Xvfb's default keyboard map.
CONTROL, SHIFT, KEY_F, TAB, SPACE = 37, 50, 41, 23, 65
ESCAPE, F5, RIGHT = 9, 71, 114


WINDOW_TITLE = 'Vietnam and the Fourth Industrial Revolution: policy timeline 2016–2022'


def press(*keycodes):
    """Presses the keys in order and lets them go in reverse, as a chord.
    The X server handles them in order, after any pointer motion sent
    before; what they do is waited for by the caller."""
    for code in keycodes:
        pyatspi.Registry.generateKeyboardEvent(code, None, pyatspi.KEY_PRESS)
    for code in reversed(keycodes):
        pyatspi.Registry.generateKeyboardEvent(code, None, pyatspi.KEY_RELEASE)


def focused(node, depth=0):
    """The accessible under @node that has the keyboard focus."""
    return find(node, lambda n: n.getState().contains(pyatspi.STATE_FOCUSED))


def presentation(app):
    # A toplevel of the app; GTK 4.8 shows it as a "filler", not a frame.
    for window in app:
        if window is not None and window.name == 'Presentation':
            return window
    return None


SLIDE = re.compile(r'^Slide (\d+) of (\d+): (.*)$')


def main():
    app_process = start_app()
    print('1..9', flush=True)
    try:
        app = wait_for(find_app, timeout=60)
        check(app is not None, 'the app is on the accessibility bus')
        if app is None:
            return

        events = wait_for(lambda: event_list(app) if event_list(app) and event_list(app).childCount > 0 else None)
        row = wait_for(lambda: row_named(events, 'Resolution 52-NQ/TW'))
        # The name says kind, title and date as spoken.
        check(row is not None and row[1] == 'Resolution / conclusion, %s, 27 September 2019' % TITLE_52,
              'Resolution 52 is found by its accessible name: %r' % (row[1] if row else None,))
        if row is None:
            return

        # Activate it: select it through the list's Selection interface.
        events.querySelection().selectChild(row[0])
        details = wait_for(lambda: find(app, lambda n: n.getRoleName() == 'panel' and n.name == TITLE_52
                                        and n.parent is not None and n.parent.getRoleName() == 'filler'))
        check(details is not None, 'the detail pane reads the title back')
        title = details and find(details, lambda n: n.getRoleName() == 'label' and n.name == TITLE_52)
        date = details and find(details, lambda n: n.getRoleName() == 'label' and n.name == '27 September 2019')
        check(title is not None and date is not None, 'the detail pane has the title and the date as labels')

        # Search without diacritics, through the entry's editable text.
        entry = find(app, lambda n: n.getRoleName() == 'entry' and n.name == 'Search events')
        entry.queryEditableText().setTextContents('nghi quyet 52')
        found = wait_for(lambda: event_list(app).childCount == 2 and row_named(event_list(app), 'Resolution 52-NQ/TW'))
        check(found, 'searching “nghi quyet 52” leaves its two matches in the list')
        entry.queryEditableText().setTextContents('')
        wait_for(lambda: event_list(app).childCount == 18)

        # Filter, from the keyboard as a screen reader user would: Ctrl+Shift+F
        # opens the filter menu on its first kind; Tab moves to the second
        # (memoranda of understanding) and Space unticks it. GTK 4.8 lists
        # "click" on the menu's buttons but does not carry it out, so keys
        # it is. X sends keys to the window under the pointer.
        # With no window manager the window sits at the origin (asking GTK
        # 4.8 for screen positions only gets a warning).
        pyatspi.Registry.generateMouseEvent(400, 300, pyatspi.MOUSE_ABS)
        focus_window(WINDOW_TITLE)
        press(CONTROL, SHIFT, KEY_F)
        mou = wait_for(lambda: find(app, lambda n: 'check' in n.getRoleName()
                                    and (n.name or '').startswith('Memorandum of understanding')))
        print('# filter menu open: %s' % (mou is not None,), flush=True)
        # Every control shown, the filter menu's too, is named, and not
        # with a mnemonic's underscore.
        wrong = badly_named(app)
        check(mou is not None and not wrong, 'every control that takes focus has a proper name: %r' % (wrong,))
        press(TAB)
        # Tab has reached the second kind before Space is pressed.
        wait_for(lambda: (focused(app).name or '').startswith('Memorandum of understanding'))
        press(SPACE)
        filtered = wait_for(lambda: event_list(app).childCount == 17
                            and row_named(event_list(app), 'Memorandum of understanding signed') is None)
        print('# list holds %d events' % event_list(app).childCount, flush=True)
        check(mou is not None and filtered, 'unticking a kind in the filter menu hides its events')

        # Present from Resolution 52, still selected (Shift+F5; F5 starts
        # at the opening slide); step on with the
        # Right arrow. GTK 4.8 cannot announce: the slide takes the focus
        # and is renamed, which screen readers read out.
        # The menu holds the keyboard until it has closed: F5 goes to the
        # window only after that.
        press(ESCAPE)
        back = wait_for(lambda: focused(app) is not None and 'check' not in focused(app).getRoleName()
                        and focused(app))
        print('# focus back on %r' % (back and back.name,), flush=True)
        press(SHIFT, F5)
        shown = wait_for(lambda: presentation(app))
        first = shown and wait_for(lambda: SLIDE.match(presentation(app).description or ''))
        slide = first and wait_for(lambda: focused(presentation(app)))
        print('# presentation: %r, focus on %r' % (shown and shown.description, slide and slide.name), flush=True)
        check(first is not None and first.group(2) == '17' and first.group(3) == TITLE_52
              and slide is not None and slide.name == first.group(0) and '27 September 2019' in slide.description,
              'the presentation opens on Resolution 52, read out from the focused slide')
        # Keys go to the window under the pointer: the presentation, mapped
        # last at the origin, is on top there.
        pyatspi.Registry.generateMouseEvent(20, 20, pyatspi.MOUSE_ABS)
        press(RIGHT)
        after = wait_for(lambda: SLIDE.match(presentation(app).description or '')
                         if not presentation(app).description.startswith(first.group(0)) else None) if first else None
        slide = after and wait_for(lambda: focused(presentation(app)))
        check(after is not None and int(after.group(1)) == int(first.group(1)) + 1 and after.group(3) != TITLE_52
              and slide is not None and slide.name == after.group(0),
              'the Right arrow steps to the next slide, and the focused slide says so: %r'
              % (slide and slide.name,))
        press(ESCAPE)
    finally:
        stop_app(app_process)


main()
sys.exit(0 if all_passed() else 1)
