// scroll-memory.js: the reader's place in the history entry's state, put back once.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SAVE_MS, SCROLL_KEY, savedPlace, scrollMemory } from '../../theme/static/js/search/scroll-memory.js';

/* A window stand-in: a scroll position, one history entry's state, timers run by hand. */
function fakeWindow(state = null) {
  const listeners = {};
  const timers = new Map();
  let nextTimer = 1;
  const win = {
    scrollY: 0,
    scrolledTo: [],
    history: {
      state,
      scrollRestoration: 'auto',
      replaceState(next, title, url) {
        assert.equal(url, undefined, 'the URL is left as it is');
        this.state = structuredClone(next);
      },
    },
    addEventListener: (type, handler) => { listeners[type] = handler; },
    setTimeout: (fn, ms) => { timers.set(nextTimer, { fn, ms }); return nextTimer++; },
    clearTimeout: (id) => { timers.delete(id); },
    scrollTo(x, y) { this.scrollY = y; this.scrolledTo.push(y); },
    // the page's doing: the reader scrolls to y; the timers that are due run
    scroll(y) { this.scrollY = y; listeners.scroll(); },
    runTimers() {
      const due = [...timers.entries()];
      timers.clear();
      for (const [, { fn }] of due) fn();
      return due.map(([, { ms }]) => ms);
    },
    fire: (type) => listeners[type](),
  };
  return win;
}

test('scrolling saves the place at most every SAVE_MS, keeping the rest of the state', () => {
  const win = fakeWindow({ other: 'kept' });
  scrollMemory(win).restore(); // a fresh page with nothing saved: nothing to put back
  assert.equal(win.history.scrollRestoration, 'manual');
  win.scroll(100);
  win.scroll(250);
  win.scroll(400.6);
  assert.equal(savedPlace(win.history.state), null, 'not before the delay');
  assert.deepEqual(win.runTimers(), [SAVE_MS], 'one save for a burst of scroll events');
  assert.deepEqual(win.history.state, { other: 'kept', [SCROLL_KEY]: 401 });
});

test('leaving the page saves the place at once', () => {
  const win = fakeWindow();
  scrollMemory(win);
  win.scroll(1234);
  win.fire('pagehide');
  assert.equal(savedPlace(win.history.state), 1234);
  assert.deepEqual(win.runTimers(), [], 'the pending save was dropped');
});

test('a loaded entry\'s place is put back once, when the page says its content is in', () => {
  const win = fakeWindow({ [SCROLL_KEY]: 2400 });
  const memory = scrollMemory(win);
  // Still short, the page is scrolled to the top: that must not overwrite the place.
  win.scroll(0);
  win.runTimers();
  win.fire('pagehide');
  assert.equal(savedPlace(win.history.state), 2400);
  assert.equal(memory.restore(), true);
  assert.deepEqual(win.scrolledTo, [2400]);
  assert.equal(memory.restore(), false, 'only once');
  win.scroll(2600);
  win.runTimers();
  assert.equal(savedPlace(win.history.state), 2600, 'saving again once restored');
});

test('popstate: the entry\'s place, or the top for an entry never scrolled', () => {
  const win = fakeWindow();
  const memory = scrollMemory(win);
  win.scroll(900);
  win.history.state = { [SCROLL_KEY]: 300 }; // Back to an entry with a place
  memory.arrive(0);
  memory.restore();
  win.history.state = null; // Forward to one without
  memory.arrive(0);
  memory.restore();
  assert.deepEqual(win.scrolledTo, [300, 0]);
});

test('save() before a new entry, and states that hold no place', () => {
  const win = fakeWindow();
  const memory = scrollMemory(win);
  win.scrollY = 77;
  memory.save();
  assert.equal(savedPlace(win.history.state), 77);
  for (const state of [null, 'text', {}, { [SCROLL_KEY]: -5 }, { [SCROLL_KEY]: 'x' }, { [SCROLL_KEY]: NaN }]) {
    assert.equal(savedPlace(state), null, JSON.stringify(state));
  }
});
