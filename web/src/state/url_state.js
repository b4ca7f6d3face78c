// The one owner of URL state. Reads and writes the hash through the rows of schema.js; everybody else
// calls get() / set(patch) / subscribe(fn). The whole state (config + seed) is in the hash, so a link
// reproduces a run; a bad value in a hand-edited link falls back to the row's default and is reported.
import { SCHEMA, FIELD } from './schema.js';

function parseValue(row, text) {
  const fail = (why) => { throw new Error(`${row.name}=${text}: ${why}`); };
  if (row.engine && !row.adopted) throw new Error(`URL row '${row.name}': call adoptEngineSchema (schema.js) before reading the URL`);
  switch (row.type) {
    case 'enum':
      if (!row.values.includes(text)) fail(`allowed: ${row.values.join(', ')}`);
      return text;
    case 'bool':
      if (text !== 'true' && text !== 'false') fail('allowed: true, false');
      return text === 'true';
    case 'int':
    case 'float': {
      const v = Number(text);
      if (text.trim() === '' || !Number.isFinite(v)) fail('not a number');
      if (row.type === 'int' && !Number.isInteger(v)) fail('not an integer');
      if (row.values && !row.values.includes(v)) fail(`allowed: ${row.values.join(', ')}`);
      if (row.min !== undefined && (v < row.min || v > row.max || (row.minOpen && v === row.min)))
        fail(`allowed: ${row.minOpen ? 'above ' : ''}${row.min} .. ${row.max}`);
      return v;
    }
    case 'list':
    case 'intlist': {
      const items = text === '' ? [] : text.split(',');
      if (items.length < row.minLength || items.length > row.maxLength)
        fail(`between ${row.minLength} and ${row.maxLength} entries`);
      if (row.type === 'list') {
        const known = row.values ? row.values.filter((v) => items.includes(v)) : items; // canonical order
        const unknown = row.values ? items.filter((item) => !row.values.includes(item)) : [];
        if (unknown.length) {
          // The known names are kept (a typo in one name must not undo the others), unless too few
          // remain for the row (#features=bogus): then the row's default, like any other bad value.
          const e = new Error(`${row.name}=${text}: '${unknown.join("', '")}' not in ${row.values.join(', ')}`);
          if (known.length >= row.minLength) e.partial = known;
          throw e;
        }
        return known;
      }
      return items.map((item) => {
        const v = Number(item);
        if (!Number.isInteger(v) || v < row.min || v > row.max) fail(`entries are integers ${row.min} .. ${row.max}`);
        return v;
      });
    }
    case 'string':
      return text;
    default:
      throw new Error(`schema row ${row.name}: unknown type ${row.type}`);
  }
}

function formatValue(row, value) {
  if (row.type === 'list' || row.type === 'intlist') return value.join(',');
  return String(value);
}

const clone = (v) => (Array.isArray(v) ? v.slice() : v);

export function defaults() {
  return Object.fromEntries(SCHEMA.map((row) => [row.name, clone(row.default)]));
}

/** Parses a location hash ("#a=1&b=2"); returns { state, problems } (problems: readable strings). */
export function parseHash(hash) {
  const state = defaults();
  const problems = [];
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  for (const [name, text] of params) {
    const row = FIELD[name];
    if (!row) { problems.push(`unknown setting '${name}' ignored`); continue; }
    try {
      state[name] = parseValue(row, text);
    } catch (e) {
      if (e.partial) state[name] = e.partial;
      problems.push(`${e.message}; using ${formatValue(row, e.partial ?? row.default) || '(empty)'}`);
    }
  }
  return { state, problems };
}

/** The hash for a state: every config row (so the link pins the run), other rows when not default. */
export function formatHash(state) {
  const params = new URLSearchParams();
  for (const row of SCHEMA) {
    const text = formatValue(row, state[row.name]);
    if (row.scope === 'config' || text !== formatValue(row, row.default)) params.set(row.name, text);
  }
  return '#' + params.toString().replace(/%2C/g, ',');
}

/** Checks one value against its row; returns the canonical value or throws an Error naming the row. */
export function validate(name, value) {
  const row = FIELD[name];
  if (!row) throw new Error(`unknown setting '${name}'`);
  return parseValue(row, formatValue(row, value));
}

export class UrlState {
  constructor(win = window) {
    this.win = win;
    this.listeners = new Set();
    const { state, problems } = parseHash(win.location.hash);
    this.state = state;
    this.problems = problems;
    this.lastHash = formatHash(state);
    win.history.replaceState(null, '', this.lastHash);
    win.addEventListener('hashchange', () => this.reloadFromHash());
    win.addEventListener('popstate', () => this.reloadFromHash()); // Back / Forward between views
  }

  get() { return this.state; }

  /** Applies a patch ({name: value}); validates, writes the hash, tells subscribers which rows changed. */
  set(patch) {
    const changed = [];
    const next = { ...this.state };
    for (const [name, value] of Object.entries(patch)) {
      const v = validate(name, value);
      if (formatValue(FIELD[name], v) !== formatValue(FIELD[name], next[name])) {
        next[name] = v;
        changed.push(name);
      }
    }
    if (changed.length === 0) return;
    this.state = next;
    this.lastHash = formatHash(next);
    // A change of view is a place the browser's Back button returns to; every other change replaces.
    if (changed.includes('view')) this.win.history.pushState(null, '', this.lastHash);
    else this.win.history.replaceState(null, '', this.lastHash);
    this.emit(changed);
  }

  /** fn(state, changedNames); returns an unsubscribe function. */
  subscribe(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The full link of the current state (for "share"). */
  link() { return this.win.location.href.replace(/#.*$/, '') + this.lastHash; }

  /** A hash edited by hand while the page is open: applied like a link (problems kept in `problems`). */
  reloadFromHash() {
    if (this.win.location.hash === this.lastHash) return; // already applied (popstate, then hashchange)
    this.problems = [];
    const { state, problems } = parseHash(this.win.location.hash);
    this.problems = problems;
    const changed = SCHEMA.map((r) => r.name)
      .filter((n) => formatValue(FIELD[n], state[n]) !== formatValue(FIELD[n], this.state[n]));
    this.state = state;
    this.lastHash = formatHash(state);
    this.win.history.replaceState(null, '', this.lastHash);
    if (changed.length) this.emit(changed);
  }

  emit(changed) {
    for (const fn of this.listeners) fn(this.state, changed);
  }
}
