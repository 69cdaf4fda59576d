/* Filters and facet counts over a result set.
 *
 * Rules: an article has several entities and topics, so choosing some narrows
 * (it must have all of them); it has one date and one source, so choosing some
 * widens (any of them). Year and month (YYYY-MM) filter the same thing, the
 * date: an article passes when its year is a chosen year or its month a chosen
 * month (year=2018&month=2019-01 is 2018 and January 2019); an undated article
 * passes only year=undated. Counts are over the filtered results, but an any-of
 * filter's counts leave out its own filter (for the date: year and month both),
 * so its other values still say what choosing them would add. A chosen value is
 * always listed, even with no article (a URL may name one), and however far down
 * the list it falls; each list is capped at MAX_FACET_VALUES. Month lists only
 * its chosen values (links name them; the page shows them as removable filters).
 * Years and months run newest first, undated last; other values by count, then label.
 */

import { FILTER_NAMES, MONTH_NAMES, UNDATED } from './protocol.js';

export const MAX_FACET_VALUES = 100;

export const yearOf = (date) => (date ? date.slice(0, 4) : UNDATED);
/** The month (YYYY-MM) of a YYYY-MM-DD date; '' for an undated article. */
export const monthOf = (date) => (date ? date.slice(0, 7) : '');

/** 'YYYY-MM' as 'December 2018'; anything else unchanged. */
export function monthLabel(month) {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const name = m && MONTH_NAMES[Number(m[2]) - 1];
  return name ? `${name} ${m[1]}` : month;
}

/* One filter's table. dimension: the property it filters (year and month share
 * the date); all: whether choosing narrows; chosenOnly: list only chosen values. */
const table = (values, of, { all = false, dimension, label = (v) => v, chosenOnly = false }) => ({
  values, ids: new Map(values.map((v, n) => [v, n])), of, all, dimension, label, chosenOnly,
});

/** Each distinct key of dates, sorted, and per date the number of its key ([] for none).
 * Keyed once per distinct date (an archive has thousands of articles a year), and the
 * articles of one date share one list. */
function dateTable(dates, keyOf) {
  const keys = new Map();
  for (const date of dates) if (!keys.has(date)) keys.set(date, keyOf(date));
  const values = [...new Set([...keys.values()].filter(Boolean))].sort();
  const number = new Map(values.map((v, n) => [v, n]));
  const lists = new Map([...keys].map(([date, key]) => [date, number.has(key) ? [number.get(key)] : []]));
  return [values, dates.map((date) => lists.get(date))];
}

/* The filter tables of the source's facet data ({entities, tags, sources, dates,
 * sourceOf}) and members ({entityOf, tagOf}, from data unless given; null while
 * members.json loads): per
 * filter its values, their numbers, each article's value numbers (entity and tag:
 * null without members), what it filters, whether choosing narrows, labels. */
export function facetTables(data, members = data) {
  const entityNames = Object.fromEntries(data.entities);
  const tagNames = Object.fromEntries(data.tags);
  const [years, yearOfArticle] = dateTable(data.dates, yearOf);
  const [months, monthOfArticle] = dateTable(data.dates, monthOf);
  return {
    dates: data.dates,
    names: { entity: entityNames, tag: tagNames },
    entity: table(data.entities.map(([id]) => id), members && members.entityOf,
      { all: true, dimension: 'entity', label: (v) => entityNames[v] || v }),
    tag: table(data.tags.map(([id]) => id), members && members.tagOf,
      { all: true, dimension: 'tag', label: (v) => tagNames[v] || v }),
    year: table(years, yearOfArticle, { dimension: 'date', label: yearLabel }),
    month: table(months, monthOfArticle, { dimension: 'date', label: monthLabel, chosenOnly: true }),
    source: table(data.sources, Array.from(data.sourceOf, (n) => (n < 0 ? [] : [n])),
      { dimension: 'source' }),
  };
}

const yearLabel = (year) => (year === UNDATED ? 'Date unknown' : year);
const LABELS = { year: yearLabel, month: monthLabel };

/** Whether filters choose entities or topics, which only members.json can tell. */
export const needsMembers = (filters) => Boolean((filters.entity || []).length || (filters.tag || []).length);

/* The articles of items (ascending numbers) that pass the filters
 * ({filter: [values]}), and per filter its values [{value, label, count, selected}].
 * A filter whose table has no articles' values yet (entity and tag before
 * members.json) lists none; none of its values may be chosen (needsMembers). */
export function filterAndCount(items, filters, tables) {
  const chosen = {}; // filter -> chosen value numbers (-1: a value no article has)
  const counts = {};
  const known = FILTER_NAMES.filter((name) => tables[name].of);
  for (const name of FILTER_NAMES) {
    if (!tables[name].of && (filters[name] || []).length) {
      throw new Error(`facets: ${name} filters need members.json first`);
    }
    const { ids, values } = tables[name];
    chosen[name] = (filters[name] || []).map((value) => (ids.has(value) ? ids.get(value) : -1));
    counts[name] = new Uint32Array(values.length);
  }
  const dimensions = activeDimensions(chosen, tables);
  const kept = [];
  for (const ref of items) {
    let failed = null; // the one dimension this article fails, or MANY
    for (const dimension of dimensions) {
      if (passes(dimension, ref, chosen, tables)) continue;
      failed = failed === null ? dimension : MANY;
      if (failed === MANY) break;
    }
    if (failed === null) {
      kept.push(ref);
      countArticle(known, ref, tables, counts);
    } else if (failed !== MANY && !failed.all) {
      countArticle(failed.members, ref, tables, counts);
    }
  }
  const facets = {};
  for (const name of FILTER_NAMES) {
    facets[name] = tables[name].of ? facetList(tables[name], counts[name], filters[name] || []) : [];
  }
  return { kept, facets };
}

const MANY = Object.freeze({ many: true });

/* The dimensions some filter of chooses values in: {filters: those filters,
 * members: every filter of the dimension, all: whether choosing narrows}. */
function activeDimensions(chosen, tables) {
  const byName = new Map();
  for (const name of FILTER_NAMES) {
    const { dimension, all } = tables[name];
    if (!byName.has(dimension)) byName.set(dimension, { filters: [], members: [], all });
    byName.get(dimension).members.push(name);
    if (chosen[name].length) byName.get(dimension).filters.push(name);
  }
  return [...byName.values()].filter((dimension) => dimension.filters.length);
}

/** Whether article ref passes a dimension: has every chosen value, or any. */
function passes({ filters, all }, ref, chosen, tables) {
  const test = (name) => {
    const has = tables[name].of[ref];
    return all ? chosen[name].every((id) => has.includes(id)) : chosen[name].some((id) => has.includes(id));
  };
  return all ? filters.every(test) : filters.some(test);
}

// Indexed loops: this runs for every value of every match at each keystroke.
function countArticle(names, ref, tables, counts) {
  for (let n = 0; n < names.length; n++) {
    const values = tables[names[n]].of[ref];
    const count = counts[names[n]];
    for (let i = 0; i < values.length; i++) count[values[i]]++;
  }
}

// One collator for every sort: String.prototype.localeCompare sets one up per call, which
// made sorting a first query's facets cost more than ranking its articles.
const COLLATOR = new Intl.Collator();

function facetList({ values, ids, label, dimension, chosenOnly }, counts, selected) {
  const list = [];
  counts.forEach((n, id) => {
    const isChosen = selected.includes(values[id]);
    if (isChosen || (n && !chosenOnly)) {
      list.push({ value: values[id], label: label(values[id]), count: n, selected: isChosen });
    }
  });
  for (const value of selected) {
    if (!ids.has(value)) list.push({ value, label: label(value), count: 0, selected: true });
  }
  list.sort(
    dimension === 'date'
      ? (a, b) => (a.value === UNDATED) - (b.value === UNDATED) || COLLATOR.compare(b.value, a.value)
      : (a, b) => b.count - a.count || COLLATOR.compare(a.label, b.label)
  );
  return list.filter((v, i) => i < MAX_FACET_VALUES || v.selected);
}

/** The facets of a search that matched nothing: only what was chosen, at 0. */
export function noFacets(filters) {
  const facets = {};
  for (const name of FILTER_NAMES) {
    const label = LABELS[name] || ((value) => value);
    facets[name] = (filters[name] || []).map((value) => ({ value, label: label(value), count: 0, selected: true }));
  }
  return facets;
}

export const isFiltering = (filters) => FILTER_NAMES.some((name) => (filters[name] || []).length);
