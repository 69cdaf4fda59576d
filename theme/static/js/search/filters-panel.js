/* The search page's filters panel: a disclosure on a phone, a sidebar on a wide screen.
 *
 * Rules:
 * - Below SIDEBAR (search.css) the panel is closed until its "Filters (n)" button
 *   opens it; the panel's data-open and the button's aria-expanded always agree.
 *   From SIDEBAR on the panel is always shown and the button hidden (search.css).
 * - A filter chosen in the panel on a phone closes it and takes the focus, and the
 *   view, to the result count (a live region): the reader sees and hears the
 *   results change instead of a panel that hides them. On a wide screen the focus
 *   stays on the checkbox, beside results that are already in view.
 * - focusStatus() (also for the page's buttons that vanish with the filters they
 *   remove) puts the count at the top of a phone's screen; on a wide screen it only
 *   scrolls as far as the focus needs.
 * - "Skip to filters" opens the panel and focuses its first control.
 * - n is the number of filter values chosen; the button says "Filters" for none.
 */

export const SIDEBAR = '(min-width: 60rem)';

/** The text of the button that opens the panel, for n chosen filters. */
export function toggleLabel(n) {
  return n > 0 ? `Filters (${n.toLocaleString('en')})` : 'Filters';
}

/* The panel's behaviour over its elements: panel (the section), toggle (its
 * button), status (the result count), heading (the panel's, focusable), and
 * sidebar (a MediaQueryList of SIDEBAR). */
export function filtersPanel({ panel, toggle, status, heading, sidebar }) {
  const isOpen = () => panel.dataset.open === 'true';

  function open(wanted) {
    panel.dataset.open = String(wanted);
    toggle.setAttribute('aria-expanded', String(wanted));
  }

  /** The result count, focused: on a phone at the top of the screen, the results under it. */
  function focusStatus() {
    if (sidebar.matches) {
      status.focus();
      return;
    }
    status.focus({ preventScroll: true });
    status.scrollIntoView({ block: 'start' });
  }

  /** After a filter chosen in the panel. */
  function afterChoice() {
    if (sidebar.matches) return;
    open(false);
    focusStatus();
  }

  /** Opens the panel and focuses its first control (its heading when it has none). */
  function focusFilters() {
    open(true);
    (panel.querySelector('input, button') || heading).focus();
  }

  toggle.addEventListener('click', () => open(!isOpen()));
  open(false);
  return { open, isOpen, focusStatus, afterChoice, focusFilters };
}
