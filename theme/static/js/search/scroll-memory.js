/* The reader's place on the page across Back, Forward and reload: the scroll
 * position is kept in the history entry's state, and put back once the page has
 * drawn what the entry shows.
 *
 * Rules:
 * - The position is saved into the current entry's state (merged: the rest of the
 *   state is kept) at most every SAVE_MS while the reader scrolls, at once when the
 *   page is left (pagehide), and when the page asks (save(), before it starts a new
 *   entry), so each entry holds where the reader last was on it.
 * - The browser's own restoration is off (history.scrollRestoration = 'manual'): it
 *   would scroll before the results are in, on a page too short to reach the place.
 * - An entry that arrives (the page loading, or popstate: arrive()) has its saved
 *   place put back by the page's restore(), once; until then nothing is saved, so a
 *   scroll event fired while the page is still short cannot overwrite the place.
 *   An entry without a saved place is left where it is on load, and goes to the top
 *   on popstate (the reader never scrolled it).
 */

export const SAVE_MS = 200;
/** The key of the position in history.state. */
export const SCROLL_KEY = 'scrollY';

/* The memory of win (a window, or a stand-in with scrollY, scrollTo, history,
 * addEventListener, setTimeout and clearTimeout): {arrive(fallback), restore(), save()}. */
export function scrollMemory(win, { delay = SAVE_MS } = {}) {
  const { history } = win;
  let timer = 0;
  let pending = null; // the position to put back, or null

  /** Writes the current position into the current entry's state. */
  function save() {
    win.clearTimeout(timer);
    timer = 0;
    if (pending !== null) return;
    const state = history.state && typeof history.state === 'object' ? history.state : {};
    history.replaceState({ ...state, [SCROLL_KEY]: Math.max(0, Math.round(win.scrollY)) }, '');
  }

  /** A history entry arrived: its saved place (else fallback, null: none) waits for restore(). */
  function arrive(fallback = null) {
    win.clearTimeout(timer);
    timer = 0;
    pending = savedPlace(history.state) ?? fallback;
  }

  /** Puts the arrived entry's place back; true when there was one. */
  function restore() {
    if (pending === null) return false;
    const y = pending;
    pending = null;
    win.scrollTo(0, y);
    return true;
  }

  if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
  win.addEventListener('scroll', () => {
    if (!timer && pending === null) timer = win.setTimeout(save, delay);
  }, { passive: true });
  win.addEventListener('pagehide', save);
  arrive();
  return { arrive, restore, save };
}

/** The position saved in a history state, or null. */
export function savedPlace(state) {
  const y = state && typeof state === 'object' ? state[SCROLL_KEY] : undefined;
  return Number.isFinite(y) && y >= 0 ? y : null;
}
