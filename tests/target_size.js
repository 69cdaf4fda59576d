// WCAG 2.2 success criterion 2.5.8, Target Size (Minimum), on the page as laid out.
// Evaluated by tests/test_layout_browser.py: `(minimum) => offenders`.
//
// A target is a visible control a pointer hits: a link, button, input, select, textarea,
// summary, ARIA button/link/checkbox/tab, and a label of a checkbox or radio button (a
// labelled checkbox counts through its label, the larger equivalent target: the
// "Equivalent" exception). Each must be at least `minimum` CSS px wide and high, except:
// - Inline: the target is laid out inline and shares a line box with words that are not a
//   target (a link inside a sentence: its size is set by the line-height of that text). A
//   count or a date in figures beside a link does not make a list of links a sentence.
// - Spacing: a 24 px circle centred on its bounding box meets no other target and no
//   other undersized target's circle.
// The "user agent control" and "essential" exceptions cannot be read off a page: not applied.
// Visible: rendered (checkVisibility, opacity and visibility included), larger than 1x1 px
// (the visually-hidden pattern) and not moved off the page (a skip link before focus).
(minimum) => {
  const ROLES = new Set(['button', 'link', 'checkbox', 'radio', 'tab', 'menuitem', 'switch']);
  const CHOICES = new Set(['checkbox', 'radio']);
  const EPSILON = 0.01; // sub-pixel layout: 23.996 px is 24 px

  const isControl = (el) => {
    const tag = el.localName;
    if (tag === 'a') return el.hasAttribute('href');
    if (tag === 'input') return el.type !== 'hidden';
    if (['button', 'select', 'textarea'].includes(tag)) return true;
    if (tag === 'summary') return el.parentElement?.localName === 'details';
    if (tag === 'label') return Boolean(el.control && CHOICES.has(el.control.type));
    return ROLES.has(el.getAttribute('role'));
  };
  const labelled = (el) =>
    el.localName === 'input' && CHOICES.has(el.type) && el.labels && el.labels.length > 0;

  const visible = (el) => {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;
    return r.right + scrollX > 0 && r.bottom + scrollY > 0;
  };

  const describe = (el) => {
    const parts = [];
    for (let node = el; node && parts.length < 4; node = node.parentElement) {
      if (node.id) { parts.unshift(`${node.localName}#${CSS.escape(node.id)}`); break; }
      const classes = [...node.classList].slice(0, 2).map((c) => `.${CSS.escape(c)}`).join('');
      const siblings = node.parentElement
        ? [...node.parentElement.children].filter((s) => s.localName === node.localName)
        : [];
      const nth = siblings.length > 1 ? `:nth-of-type(${siblings.indexOf(node) + 1})` : '';
      parts.unshift(`${node.localName}${classes}${nth}`);
    }
    return parts.join(' > ');
  };
  const label = (el) =>
    (el.innerText || el.value || el.getAttribute('aria-label') || el.getAttribute('title') ||
      el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60);

  const controlAncestor = (node, block) => {
    for (let el = node.parentElement; el && el !== block; el = el.parentElement) {
      if (isControl(el)) return el;
    }
    return null;
  };
  const blockOf = (el) => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const display = getComputedStyle(node).display;
      if (!display.startsWith('inline') && display !== 'contents') return node;
    }
    return null;
  };
  const sameLine = (a, b) => {
    const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return overlap > 0.5 * Math.min(a.height, b.height);
  };
  const textRects = (node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
  };

  // Inline exception: laid out inline, on a line with text of its block that no target holds.
  // SVG has no line boxes: a link drawn in a chart is never in a sentence.
  const HTML = 'http://www.w3.org/1999/xhtml';
  const WORD = /\p{L}/u;
  const inSentence = (el) => {
    if (el.namespaceURI !== HTML || getComputedStyle(el).display !== 'inline') return false;
    const block = blockOf(el);
    if (!block) return false;
    const lines = [...el.getClientRects()];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!WORD.test(node.data) || el.contains(node) || controlAncestor(node, block)) continue;
      if (node.parentElement.namespaceURI !== HTML) continue;
      if (!node.parentElement.checkVisibility({ visibilityProperty: true })) continue;
      if (textRects(node).some((t) => lines.some((l) => sameLine(l, t)))) return true;
    }
    return false;
  };

  const targets = [...document.querySelectorAll('*')]
    .filter((el) => isControl(el) && !labelled(el) && visible(el))
    .map((el) => {
      const r = el.getBoundingClientRect();
      return {
        el, rect: r, cx: r.left + r.width / 2, cy: r.top + r.height / 2,
        small: r.width + EPSILON < minimum || r.height + EPSILON < minimum,
      };
    });
  // A target inside another (a link in a summary) is part of it, not its neighbour.
  const nested = (a, b) => a.el.contains(b.el) || b.el.contains(a.el);
  const distanceToRect = (t, r) => Math.hypot(
    Math.max(r.left - t.cx, 0, t.cx - r.right), Math.max(r.top - t.cy, 0, t.cy - r.bottom));
  const radius = minimum / 2;
  // Spacing exception: the circle meets a target, or another undersized target's circle.
  const crowding = (t) => targets.find((o) => o !== t && !nested(o, t) && (o.small
    ? Math.hypot(o.cx - t.cx, o.cy - t.cy) < 2 * radius
    : distanceToRect(t, o.rect) < radius));

  const offenders = [];
  for (const t of targets) {
    if (!t.small || inSentence(t.el)) continue;
    const near = crowding(t);
    if (!near) continue;
    offenders.push({
      selector: describe(t.el),
      text: label(t.el),
      width: Math.round(t.rect.width * 10) / 10,
      height: Math.round(t.rect.height * 10) / 10,
      near: `${describe(near.el)} "${label(near.el).slice(0, 30)}"`,
    });
  }
  return offenders;
}
