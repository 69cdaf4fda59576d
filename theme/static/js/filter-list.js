/* A filter box that narrows an index page's list as the reader types.
 *
 * Markup (entities.html, tags.html): a <div data-filter-for="LIST-ID" hidden> holding an
 * <input class="filter-box"> and a [role=status] element; the element #LIST-ID holds
 * <li data-filter-text="…"> entries, optionally inside [data-filter-group] sections that
 * are hidden when none of their entries match.
 *
 * Rules:
 * - Progressive enhancement: the box is hidden in the markup and shown only here, so
 *   without script the whole list stands and no dead box is offered.
 * - An entry matches when every word of the query begins a word of its text (its name
 *   and aliases): "jong" finds Kim Jong Un, "jae-in" and "jae in" find Moon Jae-in.
 *   Case, accents and punctuation are ignored ("Pyeongchang" = "PyeongChang",
 *   "Sejong-ro" = "sejong ro"); Hangul and other scripts compare as written.
 * - The status region says how many entries show, or that none matches, so a screen
 *   reader hears the result without leaving the box; an empty query restores the list
 *   and clears the status.
 */

/** Text as the filter compares it: lower case, no accents, words split on anything else. */
export function fold(text) {
  return String(text)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** A test of an entry's text against the query (null for an empty query: everything shows). */
export function matcher(query) {
  const wanted = fold(query);
  if (wanted.length === 0) return null;
  return (text) => {
    const words = fold(text);
    return wanted.every((part) => words.some((word) => word.startsWith(part)));
  };
}

/** What the status region says for ``shown`` of ``total`` entries matching ``query``. */
export function statusText(query, shown, total) {
  if (fold(query).length === 0) return '';
  if (shown === 0) return `No match for “${query.trim()}”.`;
  return `${shown} of ${total} shown.`;
}

/** Wire one filter box to its list (the box's data-filter-for names the list's id). */
export function enhance(box, doc) {
  const list = doc.getElementById(box.dataset.filterFor);
  const input = box.querySelector('.filter-box');
  const status = box.querySelector('[role="status"]');
  if (!list || !input || !status) return;
  const entries = [...list.querySelectorAll('li[data-filter-text]')];
  const groups = [...list.querySelectorAll('[data-filter-group]')];
  const apply = () => {
    const test = matcher(input.value);
    let shown = 0;
    for (const entry of entries) {
      const match = test === null || test(entry.dataset.filterText);
      entry.hidden = !match;
      if (match) shown += 1;
    }
    for (const group of groups) {
      group.hidden = !group.querySelector('li[data-filter-text]:not([hidden])');
    }
    status.textContent = statusText(input.value, shown, entries.length);
  };
  input.addEventListener('input', apply);
  box.hidden = false;
  if (input.value) apply(); // a value the browser restored on going back
}

if (typeof document !== 'undefined') {
  for (const box of document.querySelectorAll('[data-filter-for]')) enhance(box, document);
}
