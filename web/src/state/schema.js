// The URL state schema: ONE table, one row per piece of state kept in the URL hash.
// Every control, the engine config and the share link derive from these rows; nothing else defines
// state. Values are stored in the units the engine takes (noise 0..1, train fraction 0..1), so no
// conversion happens in JavaScript.
//
// Row fields:
//   name     key in the hash (#name=value&...)
//   type     'enum' | 'int' | 'float' | 'bool' | 'list' (comma-separated enum values) |
//            'intlist' (comma-separated ints) | 'string'
//   default  the value when the hash does not give one (or gives a bad one)
//   values   allowed values (enum, list, and float/int pick lists)
//   min/max  bounds for int / intlist entries; minLength/maxLength for lists
//   label    what the control is called on the page (also its accessible name)
//   scope    'config' (changing it rebuilds the network), 'view' (display only), 'app' (other views)

// iris and linnerud are tables (4 and 3 input columns): their columns are the inputs, not the features
export const DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'spiral3', 'reg-plane', 'reg-gauss', 'neuron', 'iris', 'linnerud'];
export const FEATURES = ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny'];
export const VIEWS = ['playground', 'walkthrough', 'calculator', 'lessons'];

export const SCHEMA = [
  { name: 'dataset', type: 'enum', default: 'circle', values: DATASETS, label: 'Data set', scope: 'config' },
  { name: 'noise', type: 'float', default: 0, values: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1], label: 'Noise', scope: 'config' },
  { name: 'trainFraction', type: 'float', default: 0.5, values: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], label: 'Training fraction', scope: 'config' },
  { name: 'points', type: 'int', default: 300, values: [100, 200, 300, 500, 1000], label: 'Points', scope: 'config' },
  { name: 'seed', type: 'int', default: 1, min: 0, max: 2 ** 31 - 1, label: 'Seed', scope: 'config' },
  { name: 'features', type: 'list', default: ['x', 'y'], values: FEATURES, minLength: 1, maxLength: 7, label: 'Input features', scope: 'config' },
  { name: 'hidden', type: 'intlist', default: [4, 2], min: 1, max: 8, minLength: 0, maxLength: 6, label: 'Hidden layers', scope: 'config' },
  { name: 'activation', type: 'enum', default: 'tanh', values: ['tanh', 'relu', 'leaky_relu', 'sigmoid', 'linear'], label: 'Activation', scope: 'config' },
  { name: 'output', type: 'enum', default: 'auto', values: ['auto', 'sigmoid', 'tanh', 'linear', 'softmax', 'relu'], label: 'Output unit', scope: 'config' },
  { name: 'loss', type: 'enum', default: 'auto', values: ['auto', 'bce', 'mse', 'softmax_cross_entropy'], label: 'Loss', scope: 'config' },
  { name: 'optimizer', type: 'enum', default: 'sgd', values: ['sgd', 'momentum', 'adam'], label: 'Optimiser', scope: 'config' },
  { name: 'lr', type: 'float', default: 0.03, values: [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1, 3, 10], label: 'Learning rate', scope: 'config' },
  { name: 'batch', type: 'int', default: 10, values: [1, 2, 5, 10, 20, 30, 50, 100], label: 'Batch size', scope: 'config' },
  { name: 'reg', type: 'enum', default: 'none', values: ['none', 'l1', 'l2'], label: 'Regularisation', scope: 'config' },
  { name: 'regRate', type: 'float', default: 0, values: [0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10], label: 'Regularisation rate', scope: 'config' },
  { name: 'init', type: 'enum', default: 'xavier', values: ['xavier', 'he', 'uniform'], label: 'Initialisation', scope: 'config' },
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
