// The URL state schema: ONE table, one row per piece of state kept in the URL hash.
// Every control, the engine config and the share link derive from these rows; nothing else defines
// state. Values are stored in the units the engine takes (noise 0..1, train fraction 0..1), so no
// conversion happens in JavaScript.
//
// Row fields:
//   name     key in the hash (#name=value&...)
//   type     'enum' | 'int' | 'float' | 'bool' | 'list' (comma-separated enum values) |
//            'intlist' (comma-separated ints) | 'string'
//   engine   the engine config field the row sets ('optimizer.lr'): its allowed values, range and
//            default come from the engine's published schema (adoptEngineSchema, before the URL is read)
//   default  the value when the hash does not give one (or gives a bad one); an engine row's own
//            default is a choice of the page (e.g. fewer points than the engine's default)
//   values   allowed values (enum, list); extraValues: page-only values put first (output 'auto')
//   choices  the control's pick list for a number row (a value in range but not in it is still allowed)
//   min/max  bounds for int / float / intlist entries (minOpen: min itself refused); minLength/maxLength for lists
//   live     (engine rows, from the engine) a change applies to the running network, no rebuild
//   label    what the control is called on the page (also its accessible name)
//   scope    'config' (changing it rebuilds the network), 'view' (display only), 'app' (other views)

// iris and linnerud are tables (4 and 3 input columns): their columns are the inputs, not the features
export const DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'spiral3', 'reg-plane', 'reg-gauss', 'neuron', 'iris', 'linnerud'];
export const VIEWS = ['playground', 'walkthrough', 'calculator', 'lessons'];

export const SCHEMA = [
  { name: 'dataset', type: 'enum', default: 'circle', values: DATASETS, label: 'Data set', scope: 'config' },
  { name: 'noise', type: 'float', engine: 'dataset.noise', choices: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1], label: 'Noise', scope: 'config' },
  { name: 'trainFraction', type: 'float', engine: 'dataset.train_fraction', choices: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], label: 'Training fraction', scope: 'config' },
  { name: 'points', type: 'int', engine: 'dataset.n', default: 300, choices: [100, 200, 300, 500, 1000], label: 'Points', scope: 'config' },
  { name: 'seed', type: 'int', engine: 'seed', label: 'Seed', scope: 'config' },
  { name: 'features', type: 'list', engine: 'features', label: 'Input features', scope: 'config' },
  { name: 'hidden', type: 'intlist', default: [4, 2], min: 1, max: 8, minLength: 0, maxLength: 6, label: 'Hidden layers', scope: 'config' },
  { name: 'activation', type: 'enum', engine: 'activation', label: 'Activation', scope: 'config' },
  { name: 'output', type: 'enum', engine: 'output', default: 'auto', extraValues: ['auto'], label: 'Output unit', scope: 'config' },
  { name: 'loss', type: 'enum', engine: 'loss', default: 'auto', extraValues: ['auto'], label: 'Loss', scope: 'config' },
  { name: 'optimizer', type: 'enum', engine: 'optimizer.name', label: 'Optimiser', scope: 'config' },
  { name: 'lr', type: 'float', engine: 'optimizer.lr', choices: [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1, 3, 10], label: 'Learning rate', scope: 'config' },
  { name: 'batch', type: 'int', engine: 'batch', choices: [1, 2, 5, 10, 20, 30, 50, 100], label: 'Batch size', scope: 'config' },
  { name: 'reg', type: 'enum', engine: 'regularization.kind', label: 'Regularisation', scope: 'config' },
  { name: 'regRate', type: 'float', engine: 'regularization.rate', choices: [0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10], label: 'Regularisation rate', scope: 'config' },
  { name: 'init', type: 'enum', engine: 'init', label: 'Initialisation', scope: 'config' },
  { name: 'speed', type: 'enum', default: '1', values: ['1', '10', 'max'], label: 'Epochs per frame', scope: 'view' },
  { name: 'showTest', type: 'bool', default: false, label: 'Show test points', scope: 'view' },
  { name: 'addLabel', type: 'float', default: 1, min: -1000, max: 1000, label: 'Class of added points', scope: 'view' },
  // Classroom mode: names of controls (HIDEABLE below: rows above, buttons, tabs, the tab bar) to hide,
  // e.g. #hide=optimizer,lr,reg,regRate or #hide=tabs,calculator
  { name: 'hide', type: 'list', default: [], values: null, minLength: 0, maxLength: 64, label: 'Hidden controls', scope: 'app' },
  { name: 'view', type: 'enum', default: 'playground', values: VIEWS, label: 'View', scope: 'app' },
  // For the calculator and lesson views: the expression text and the chosen lesson.
  { name: 'expr', type: 'string', default: '', label: 'Expression', scope: 'app' },
  { name: 'lesson', type: 'string', default: '', label: 'Lesson', scope: 'app' },
  // A walk-through link: open this preset (walkthrough/presets.js), take one traced step, show this stop
  // (0 = the first forward node). Read once when the page opens, then cleared.
  { name: 'preset', type: 'string', default: '', label: 'Walk-through preset', scope: 'app' },
  { name: 'stop', type: 'int', default: 0, min: 0, max: 100000, label: 'Walk-through stop', scope: 'app' },
];

// What `hide` may name: every control row, the buttons and file controls, each tab, and the tab bar.
export const HIDEABLE = [
  ...SCHEMA.filter((row) => row.scope !== 'app').map((row) => row.name),
  'play', 'step', 'reset', 'share', 'model', 'csv', 'hint', 'tabs', ...VIEWS,
];
SCHEMA.find((row) => row.name === 'hide').values = HIDEABLE;

export const FIELD = Object.fromEntries(SCHEMA.map((row) => [row.name, row]));

/**
 * Fills the engine rows from the engine's config schema ({fields: [{path, type, values, min, max,
 * minOpen, minLength, maxLength, default, live}]}, web/engine/client.d.ts ConfigField): the engine is
 * the one place that says what a value may be. Call once, before the URL is read.
 */
export function adoptEngineSchema({ fields }) {
  const byPath = Object.fromEntries(fields.map((f) => [f.path, f]));
  for (const row of SCHEMA.filter((r) => r.engine)) {
    const f = byPath[row.engine];
    if (!f) throw new Error(`the engine publishes no config field '${row.engine}' (URL row '${row.name}')`);
    if (f.values) row.values = [...(row.extraValues ?? []), ...f.values];
    if (f.minLength !== undefined) Object.assign(row, { minLength: f.minLength, maxLength: f.maxLength });
    if (f.min !== undefined) Object.assign(row, { min: f.min, max: f.max, minOpen: f.minOpen === true });
    if (!('default' in row)) row.default = Array.isArray(f.default) ? f.default.slice() : f.default;
    row.live = f.live;
    row.adopted = true;
  }
}
