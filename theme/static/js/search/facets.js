/* Filters and facet counts over a result set.
 *
 * Rules: an article has several entities and topics, so choosing some narrows
 * (it must have all of them); it has one year and one source, so choosing some
 * widens (any of them). Counts are over the filtered results, but an any-of
 * facet's counts leave out its own filter, so its other values still say what
 * choosing them would add. A chosen value is always listed, even with no
 * article (a URL may name one), and however far down the list it falls; each
 * list is capped at MAX_FACET_VALUES. Years run newest first, undated last;
 * other values by count, then label.
 */

import { FACET_NAMES, UNDATED } from './protocol.js';

export const MAX_FACET_VALUES = 100;

export const yearOf = (date) => (date ? date.slice(0, 4) : UNDATED);

const table = (values, of, all, label) => ({
  values, ids: new Map(values.map((v, n) => [v, n])), of, all, label,
});

/* The facet tables of the source's facet data ({entities, tags, sources, dates,
 * entityOf, tagOf, sourceOf}): per facet its values, their numbers, each
 * article's value numbers, whether choosing narrows (all), and labels. */
export function facetTables(data) {
  const entityNames = Object.fromEntries(data.entities);
  const tagNames = Object.fromEntries(data.tags);
  const years = [...new Set(data.dates.map(yearOf))].sort();
  const yearNumber = new Map(years.map((y, n) => [y, n]));
  return {
    dates: data.dates,
    names: { entity: entityNames, tag: tagNames },
    entity: table(data.entities.map(([id]) => id), data.entityOf, true, (v) => entityNames[v] || v),
    tag: table(data.tags.map(([id]) => id), data.tagOf, true, (v) => tagNames[v] || v),
    year: table(years, data.dates.map((date) => [yearNumber.get(yearOf(date))]), false,
      (v) => (v === UNDATED ? 'Date unknown' : v)),
    source: table(data.sources, Array.from(data.sourceOf, (n) => (n < 0 ? [] : [n])), false, (v) => v),
  };
}

/* The articles of items (ascending numbers) that pass the filters
 * ({facet: [values]}), and per facet its values [{value, label, count, selected}]. */
export function filterAndCount(items, filters, tables) {
  const chosen = {}; // facet -> chosen value numbers (-1: a value no article has)
  const counts = {};
  for (const name of FACET_NAMES) {
    const { ids, values } = tables[name];
    chosen[name] = (filters[name] || []).map((value) => (ids.has(value) ? ids.get(value) : -1));
    counts[name] = new Uint32Array(values.length);
  }
  const active = FACET_NAMES.filter((name) => chosen[name].length);
  const kept = [];
  for (const ref of items) {
    let failed = null; // the one facet this article fails, or '*' for more than one
    for (const name of active) {
      const has = tables[name].of[ref];
      const ok = tables[name].all
        ? chosen[name].every((id) => has.includes(id))
        : chosen[name].some((id) => has.includes(id));
      if (!ok) {
        failed = failed === null ? name : '*';
        if (failed === '*') break;
      }
    }
    if (failed === null) {
      kept.push(ref);
      for (const name of FACET_NAMES) for (const id of tables[name].of[ref]) counts[name][id]++;
    } else if (failed !== '*' && !tables[failed].all) {
      for (const id of tables[failed].of[ref]) counts[failed][id]++;
    }
  }
  const facets = {};
  for (const name of FACET_NAMES) facets[name] = facetList(tables[name], counts[name], filters[name] || [], name);
  return { kept, facets };
}

function facetList({ values, ids, label }, counts, selected, name) {
  const list = [];
  counts.forEach((n, id) => {
    if (n || selected.includes(values[id])) {
      list.push({ value: values[id], label: label(values[id]), count: n, selected: selected.includes(values[id]) });
    }
  });
  for (const value of selected) {
    if (!ids.has(value)) list.push({ value, label: label(value), count: 0, selected: true });
  }
  list.sort(
    name === 'year'
      ? (a, b) => (a.value === UNDATED) - (b.value === UNDATED) || b.value.localeCompare(a.value)
      : (a, b) => b.count - a.count || a.label.localeCompare(b.label)
  );
  return list.filter((v, i) => i < MAX_FACET_VALUES || v.selected);
}

/** The facets of a search that matched nothing: only what was chosen, at 0. */
export function noFacets(filters) {
  const facets = {};
  for (const name of FACET_NAMES) {
    facets[name] = (filters[name] || []).map((value) => ({ value, label: value, count: 0, selected: true }));
  }
  return facets;
}

export const isFiltering = (filters) => FACET_NAMES.some((name) => (filters[name] || []).length);
