// URL state, driven by the schema table itself: every row round-trips every allowed value through
// formatHash -> parseHash, and refuses bad values (falling back to its default with a problem that
// names the row). A row added to the schema is covered without touching this file.
import test from 'node:test';
import assert from 'node:assert/strict';
import { SCHEMA, adoptEngineSchema } from '../../web/src/state/schema.js';
import { defaults, formatHash, parseHash } from '../../web/src/state/url_state.js';
import { load } from './load_engine.mjs';

// The engine rows take their values, ranges and defaults from the engine, as the page does at boot.
adoptEngineSchema((await load()).configSchema);

// Allowed values of a row: its pick list, or its bounds and a middle value, or a few of each kind.
function allowed(row) {
  switch (row.type) {
    case 'enum': return row.values;
    case 'bool': return [true, false];
    case 'int':
    case 'float': {
      if (row.values) return row.values;
      const picks = row.choices ? [...row.choices] : [];
      if (row.min !== undefined) {
        if (!row.minOpen) picks.push(row.min);
        picks.push(row.max, row.type === 'int' ? Math.round((row.min + row.max) / 2) : (row.min + row.max) / 3);
      }
      return picks;
    }
    case 'list': {
      const pool = row.values ?? ['lr', 'optimizer', 'play'];
      const lists = [pool.slice(0, row.minLength), pool.slice(0, Math.min(row.maxLength, pool.length))];
      return row.values ? lists : lists.concat([pool.slice(1, 2)]);
    }
    case 'intlist': {
      const lengths = [row.minLength, Math.min(row.maxLength, 3), row.maxLength];
      return lengths.map((n) => Array.from({ length: n }, (_, k) => (k % 2 ? row.max : row.min)));
    }
    case 'string': return ['', 'x: scalar = 2\nx^2 & y = [1, 2]#?%'];
    default: throw new Error(`no allowed values for type ${row.type}`);
  }
}

// Bad text for a row: out of the pick list, out of bounds, of the wrong kind.
function bad(row) {
  switch (row.type) {
    case 'enum': return ['bogus', ''];
    case 'bool': return ['yes', '1'];
    case 'int': return ['1.5', 'NaN', 'Infinity', '', ...(row.values ? [String(Math.max(...row.values) + 1)] : row.min !== undefined ? [String(row.max * 2 + 1), String(row.min - 1)] : [])];
    case 'float': return ['abc', 'NaN', 'Infinity', '', ...(row.values ? ['0.123456'] : row.min !== undefined ? [String(row.max * 2 + 1)] : [])];
    case 'list': return row.values ? ['bogus', Array(row.maxLength + 1).fill(row.values[0]).join(',')] : [Array(row.maxLength + 1).fill('a').join(',')];
    case 'intlist': return [Array(row.maxLength + 1).fill(row.min).join(','), `${row.max + 1}`, `${row.min - 1}`, '1.5', 'a'];
    case 'string': return [];
    default: return [];
  }
}

test('every schema row round-trips every allowed value through the hash', () => {
  let checked = 0;
  for (const row of SCHEMA) {
    for (const value of allowed(row)) {
      const state = { ...defaults(), [row.name]: value };
      const { state: back, problems } = parseHash(formatHash(state));
      assert.deepEqual(problems, [], `${row.name}=${JSON.stringify(value)}`);
      assert.deepEqual(back[row.name], value, `${row.name}=${JSON.stringify(value)}`);
      checked++;
    }
  }
  assert.ok(checked >= SCHEMA.length * 2);
});

test('every schema row refuses bad values: the default stays and the problem names the row', () => {
  for (const row of SCHEMA) {
    for (const text of bad(row)) {
      const { state, problems } = parseHash(`#${row.name}=${encodeURIComponent(text)}`);
      assert.deepEqual(state[row.name], row.default, `${row.name}=${text}`);
      assert.equal(problems.length, 1, `${row.name}=${text}`);
      assert.ok(problems[0].startsWith(`${row.name}=`), problems[0]);
    }
  }
});

test('#features=bogus falls back to the default [x, y] and names the unknown feature; a known one is kept', () => {
  const features = SCHEMA.find((row) => row.name === 'features');
  assert.deepEqual(features.default, ['x', 'y'], 'the engine\'s default features');
  const { state, problems } = parseHash('#features=bogus');
  assert.deepEqual(state.features, ['x', 'y']);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^features=bogus: 'bogus' not in x, y, .*; using x,y$/);
  // one good name beside a typo: the good one stays (at least one feature remains)
  const partial = parseHash('#features=sinx,bogus');
  assert.deepEqual(partial.state.features, ['sinx']);
  assert.match(partial.problems[0], /'bogus' not in .*; using sinx$/);
});
