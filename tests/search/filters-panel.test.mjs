// filters-panel.js: the filters as a disclosure on a phone, a sidebar on a wide screen.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SIDEBAR, filtersPanel, toggleLabel } from '../../theme/static/js/search/filters-panel.js';

/* Stand-ins for the panel's elements: focus goes to one document-wide `focused`. */
function elements({ wide = false, controls = true } = {}) {
  const page = { focused: null, scrolledTo: null };
  const element = (name) => ({
    name,
    dataset: {},
    attributes: {},
    listeners: {},
    setAttribute(key, value) { this.attributes[key] = value; },
    addEventListener(type, handler) { this.listeners[type] = handler; },
    focus(options) { page.focused = name; page.focusOptions = options; },
    scrollIntoView(options) { page.scrolledTo = [name, options.block]; },
  });
  const checkbox = element('first checkbox');
  const panel = element('panel');
  panel.querySelector = () => (controls ? checkbox : null);
  const parts = {
    panel, toggle: element('toggle'), status: element('status'), heading: element('heading'),
    sidebar: { media: SIDEBAR, matches: wide },
  };
  return { page, parts, panel: filtersPanel(parts) };
}

const expanded = ({ panel, toggle }) => [panel.dataset.open, toggle.attributes['aria-expanded']];

test('the panel starts closed, and its button opens and closes it', () => {
  const { parts, panel } = elements();
  assert.deepEqual(expanded(parts), ['false', 'false']);
  parts.toggle.listeners.click();
  assert.deepEqual(expanded(parts), ['true', 'true']);
  assert.ok(panel.isOpen());
  parts.toggle.listeners.click();
  assert.deepEqual(expanded(parts), ['false', 'false']);
});

test('on a phone, a choice closes the panel and brings the result count into view, focused', () => {
  const { page, parts, panel } = elements();
  panel.open(true);
  panel.afterChoice();
  assert.deepEqual(expanded(parts), ['false', 'false']);
  assert.equal(page.focused, 'status');
  assert.deepEqual(page.focusOptions, { preventScroll: true });
  assert.deepEqual(page.scrolledTo, ['status', 'start']);
});

test('on a wide screen, a choice leaves the panel and the focus alone', () => {
  const { page, parts, panel } = elements({ wide: true });
  panel.open(true);
  panel.afterChoice();
  assert.deepEqual(expanded(parts), ['true', 'true']);
  assert.equal(page.focused, null);
  assert.equal(page.scrolledTo, null);
});

test('on a wide screen, the result count is focused without a jump to the top', () => {
  const { page, panel } = elements({ wide: true });
  panel.focusStatus();
  assert.equal(page.focused, 'status');
  assert.equal(page.focusOptions, undefined); // the browser scrolls only if it must
  assert.equal(page.scrolledTo, null);
});

test('skipping to the filters opens them at their first control, or their heading', () => {
  const withControls = elements();
  withControls.panel.focusFilters();
  assert.deepEqual(expanded(withControls.parts), ['true', 'true']);
  assert.equal(withControls.page.focused, 'first checkbox');
  const empty = elements({ controls: false });
  empty.panel.focusFilters();
  assert.equal(empty.page.focused, 'heading');
});

test('the button says how many filters are chosen', () => {
  assert.equal(toggleLabel(0), 'Filters');
  assert.equal(toggleLabel(1), 'Filters (1)');
  assert.equal(toggleLabel(1200), 'Filters (1,200)');
  assert.equal(SIDEBAR, '(min-width: 60rem)');
});
