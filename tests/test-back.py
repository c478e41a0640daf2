#!/usr/bin/python3
# test-back.py — Back through the real window: a related event followed
# from the detail pane is undone with Alt+Left, pressed on the X server
# with xdotool as a person would, and read back through the accessibility
# bus.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Needs a display and a session bus (the test suite runs under xvfb-run and
# dbus-run-session), Debian's python3-pyatspi and xdotool. Prints TAP.

import shutil
import subprocess
import sys

from dm_atspi import (TITLE_52, all_passed, check, event_list, find, find_app, row_named,
                      start_app, stop_app, wait_for)

WORKSHOP_2 = ('Thematic workshop 2: “Developing smart manufacturing in the '
              'industrialisation and modernisation process to 2030, with a vision to 2045”')
WINDOW_TITLE = 'Vietnam and the Fourth Industrial Revolution: policy timeline 2016–2022'


def pane_named(app, title):
    return find(app, lambda n: n.getRoleName() == 'panel' and n.name == title
                and n.parent is not None and n.parent.getRoleName() == 'filler')


def xdotool(*args):
    return subprocess.run(['xdotool'] + list(args), check=True, capture_output=True, text=True).stdout.split()


def main():
    if shutil.which('xdotool') is None:
        print('1..0 # SKIP xdotool is not installed', flush=True)
        return True

    app_process = start_app()
    print('1..4', flush=True)
    try:
        app = wait_for(find_app, timeout=60)
        events = app and wait_for(lambda: event_list(app) if event_list(app) and event_list(app).childCount > 0 else None)
        row = events and wait_for(lambda: row_named(events, 'Resolution 52-NQ/TW'))
        if row is not None:
            events.querySelection().selectChild(row[0])
        check(row is not None and wait_for(lambda: pane_named(app, TITLE_52)), 'Resolution 52 is shown in the detail pane')

        # Resolution 52 names no event; workshop 2 cites it: the pane shows
        # that from Resolution 52's side, as "Cited by". Follow it.
        link = wait_for(lambda: find(app, lambda n: n.getRoleName() == 'push button'
                                     and n.name == 'Cited by: ' + WORKSHOP_2))
        if link is not None:
            action = link.queryAction()
            for i in range(action.nActions):
                if action.getName(i) in ('click', 'activate', 'press'):
                    action.doAction(i)
                    break
        check(link is not None and wait_for(lambda: pane_named(app, WORKSHOP_2)),
              'the related workshop, shown from the other side, is followed')

        # Alt+Left on the real window, through the X server.
        windows = wait_for(lambda: xdotool('search', '--onlyvisible', '--name', WINDOW_TITLE))
        check(windows, 'xdotool finds the window')
        if windows:
            # With no window manager, keys go where the pointer is.
            xdotool('mousemove', '--window', windows[0], '200', '200')
            xdotool('windowfocus', '--sync', windows[0])
            xdotool('key', '--clearmodifiers', 'alt+Left')
        check(wait_for(lambda: pane_named(app, TITLE_52)), 'Alt+Left goes back to Resolution 52')
    finally:
        stop_app(app_process)
    return all_passed()


sys.exit(0 if main() else 1)
