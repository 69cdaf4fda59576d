/* The search page's DOM pieces: a result, a facet's fieldset, a chosen filter's
 * removable chip, the progress bar and the error message, built from the worker's data.
 *
 * Rules: text from the index is only ever set as text (textContent, text nodes),
 * never parsed as HTML; links come from the page's addresses (links: see
 * url-state.js, siteLinks), never spelt here, so the URL scheme is written once
 * and the site works under any sub-path; counts say "article(s)" to screen readers.
 */
import { count, formatDate } from './format.js';

export const FACET_TOP = 10; // facet values shown before "Show all"
/** Per facet: its legend, and what its values are called ("Show all 40 topics"). */
export const FACET_TEXT = {
  entity: { legend: 'People, organisations and places', noun: 'people, organisations and places' },
  tag: { legend: 'Topics', noun: 'topics' },
  year: { legend: 'Year', noun: 'years' },
  source: { legend: 'Source', noun: 'sources' },
};

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

function link(href, text) {
  const a = el('a', null, text);
  a.href = href;
  return a;
}

/** Appends runs (alternately plain and marked text, plain first) to parent. */
function appendRuns(parent, runs) {
  runs.forEach((text, i) => {
    if (text) parent.append(i % 2 ? el('mark', null, text) : text);
  });
  return parent;
}

/** One result of the list (engine.js: present). */
export function resultItem(item, links) {
  const li = el('li', 'search-result');
  const article = el('article');
  const heading = el('h3', 'article-list-title');
  heading.append(appendRuns(link(links.site + item.url), item.title));
  const meta = el('p', 'meta');
  if (item.date) {
    const time = el('time', null, formatDate(item.date));
    time.dateTime = item.date;
    meta.append(time);
  } else {
    meta.append(el('span', 'date date-unknown', 'Date unknown'));
  }
  if (item.source) meta.append(' · ', el('span', 'source', item.source));
  article.append(heading, meta);
  if (item.without && item.without.length) {
    article.append(el('p', 'search-without', `without: ${item.without.join(', ')}`));
  }
  if (item.snippet.join('')) article.append(appendRuns(el('p', 'summary search-snippet'), item.snippet));
  const chips = chipList(item, links);
  if (chips.children.length) article.append(chips);
  li.append(article);
  return li;
}

function chipList(item, links) {
  const chips = el('ul', 'chip-list search-chips');
  chips.setAttribute('aria-label', 'Mentioned and topics');
  const chip = (href, className, name) => {
    const a = link(href);
    a.className = className;
    const li = el('li');
    li.append(appendRuns(a, name));
    chips.append(li);
  };
  for (const { id, name } of item.entities.shown) chip(links.entity(id), 'chip', name);
  for (const { id, name } of item.tags.shown) chip(links.tag(id), 'chip chip-tag', name);
  const hidden = item.entities.more + item.tags.more;
  if (hidden) chips.append(el('li', 'chip-more', `and ${hidden} more`));
  return chips;
}

/* A facet's fieldset of checkboxes: the top FACET_TOP values and every chosen
 * one, or all of them when open; with a "Show all" / "Show fewer" toggle. */
export function facetFieldset(name, values, open) {
  const { legend, noun } = FACET_TEXT[name];
  const fieldset = el('fieldset', 'search-facet');
  fieldset.append(el('legend', null, legend));
  const ul = el('ul', 'facet-list');
  values.forEach((value, i) => {
    if (!open && i >= FACET_TOP && !value.selected) return;
    const id = `facet-${name}-${i}`;
    const box = el('input');
    box.type = 'checkbox';
    box.id = id;
    box.name = name;
    box.value = value.value;
    box.checked = value.selected;
    const label = el('label', null, `${value.label} `);
    label.htmlFor = id;
    const number = el('span', 'count', count(value.count));
    number.append(el('span', 'visually-hidden', value.count === 1 ? ' article' : ' articles'));
    label.append(number);
    const li = el('li');
    li.append(box, label);
    ul.append(li);
  });
  fieldset.append(ul);
  if (values.length > FACET_TOP) {
    const toggle = el('button', 'facet-more', open ? 'Show fewer' : `Show all ${values.length}`);
    toggle.append(el('span', 'visually-hidden', ` ${noun}`)); // heard out of the fieldset too
    toggle.type = 'button';
    toggle.dataset.facet = name;
    toggle.setAttribute('aria-expanded', String(open));
    fieldset.append(toggle);
  }
  return fieldset;
}

/* A chosen filter as a button that removes it: the value's label (the worker's:
 * "Kim Jong Un", "December 2018"), heard as "Remove filter: …". */
export function activeFilterItem(name, value, label) {
  return chipItem('search-active-chip', name, value, ['Remove filter: ', label, mark('search-active-x', '×')]);
}

/* A list item holding a chip button for filter=value; parts: what it says, in
 * order (strings, and marks screen readers skip). */
function chipItem(className, filter, value, [spoken, ...parts]) {
  const button = el('button', className);
  button.type = 'button';
  button.dataset.filter = filter;
  button.dataset.value = value;
  button.append(el('span', 'visually-hidden', spoken), ...parts);
  const li = el('li');
  li.append(button);
  return li;
}

function mark(className, text) {
  const node = el('span', className, text);
  node.setAttribute('aria-hidden', 'true');
  return node;
}

/* The years the query's own words set ("missile 2019"; fromQuery: {year, text}
 * or null), but not chosen already, as chips whose button takes those words out
 * of the search box (data-query-text: the words). */
export function queryFilterItems(fromQuery, chosen) {
  return (fromQuery ? fromQuery.year : []).filter((year) => !chosen.includes(year)).map((year) => {
    const li = activeFilterItem('year', year, year);
    li.firstElementChild.dataset.queryText = fromQuery.text.join(' ');
    return li;
  });
}

/* An entity the query names, offered as a filter: a button that adds it, heard
 * as "Add filter: Hanoi summit" (offer: {value, label}). */
export function offeredFilterItem({ value, label }) {
  return chipItem('search-offer-chip', 'entity', value, ['Add filter: ', mark('search-offer-plus', '+'), label]);
}

/* "Showing results for biegun": the query as the engine read it when a word
 * matched only through a correction (corrected: {q, words: [[typed, read]]}). */
export function correctedLine(corrected) {
  const line = document.createDocumentFragment();
  line.append('Showing results for ', el('strong', null, corrected.q), '. ');
  const typed = corrected.words.map(([word]) => word).join(', ');
  line.append(`No article has ${typed}.`);
  return line;
}

/* What the engine read in the query (message null: nothing): a corrected word,
 * and the entities it names offered as filters. nodes: {corrected, offerBox, offerList}. */
export function drawRead({ corrected, offerBox, offerList }, message) {
  const correction = message && message.corrected;
  corrected.replaceChildren(...(correction ? [correctedLine(correction)] : []));
  corrected.hidden = !correction;
  const offers = (message && message.named) || [];
  offerList.replaceChildren(...offers.map(offeredFilterItem));
  offerBox.hidden = !offers.length;
}

/** A key naming a facet control (a checkbox or a toggle) across rebuilds. */
export function facetControlKey(node) {
  return node.type === 'checkbox' ? `${node.name}\n${node.value}` : `more\n${node.dataset.facet}`;
}

/* Shows progress ({phase, loaded, total}: files) in the loading box:
 * {loading, progress, text} elements. */
export function drawProgress({ loading, progress, text }, { phase, loaded, total }) {
  loading.hidden = false;
  if (phase === 'prepare') {
    progress.removeAttribute('value');
    text.textContent = 'Preparing the index…';
  } else if (total) {
    const percent = Math.min(99, Math.floor((100 * loaded) / total));
    progress.value = percent;
    text.textContent = `${percent}%`;
  } else {
    progress.removeAttribute('value'); // indeterminate: the size is not known
    text.textContent = 'Starting…';
  }
}

/** The paragraphs saying search is not available, and where to browse instead. */
export function failureMessage(reason, links) {
  const help = el('p', null, 'Reload the page to try again, or browse the ');
  help.append(
    link(links.archives, 'articles by year and month'), ', the ',
    link(links.entities, 'people, organisations and places'), ' or the ',
    link(links.tags, 'topics'), '.'
  );
  return [el('p', null, `Search is not available: ${reason}.`), help];
}
