// Form controls made from schema rows: a labelled <select> for rows with a list of allowed values, a
// checkbox for booleans, a number field otherwise. Each control sits in an element with
// data-control="<row name>", which classroom mode (#hide=...) hides.
import { FIELD } from '../state/schema.js';

const OPTION_TEXT = {
  none: 'none', l1: 'L1', l2: 'L2', sgd: 'SGD', momentum: 'momentum', adam: 'Adam', bce: 'binary cross-entropy',
  mse: 'mean squared error', softmax_cross_entropy: 'softmax cross-entropy', auto: 'auto (from the data set)',
  max: 'as many as fit', leaky_relu: 'leaky ReLU', relu: 'ReLU', xavier: 'Xavier', he: 'He', uniform: 'uniform ±0.5',
};

let counter = 0;

function addOption(select, v) {
  const option = document.createElement('option');
  option.value = String(v);
  option.textContent = OPTION_TEXT[v] ?? String(v);
  select.append(option);
}

/** Adds a control for schema row `name` to `parent`; returns { set(value), element }. */
export function addControl(parent, name, onChange) {
  const row = FIELD[name];
  const wrap = document.createElement('div');
  wrap.className = 'control';
  wrap.dataset.control = name;
  const id = `ctl-${name}-${++counter}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = row.label;
  let input;
  if (row.type === 'bool') {
    input = document.createElement('input');
    input.type = 'checkbox';
    input.addEventListener('change', () => onChange(input.checked));
    wrap.classList.add('checkbox');
    wrap.append(input, label);
  } else if (row.values || row.choices) {
    input = document.createElement('select');
    for (const v of row.values ?? row.choices) addOption(input, v);
    input.addEventListener('change', () => onChange(row.type === 'enum' ? input.value : Number(input.value)));
    wrap.append(label, input);
  } else {
    input = document.createElement('input');
    input.type = row.type === 'string' ? 'text' : 'number';
    if (row.min !== undefined) { input.min = row.min; input.max = row.max; }
    input.addEventListener('change', () => {
      const v = row.type === 'string' ? input.value : Number(input.value);
      if (row.type !== 'string' && !Number.isFinite(v)) return;
      // A typed value out of the row's range (e.g. seed -1) is refused with the row's message.
      try {
        onChange(v);
        input.setCustomValidity('');
      } catch (e) {
        input.setCustomValidity(e.message);
        input.reportValidity();
      }
    });
    wrap.append(label, input);
  }
  input.id = id;
  parent.append(wrap);
  return {
    element: wrap,
    set(value) {
      if (row.type === 'bool') input.checked = value;
      else {
        // a number in range but not among the choices (e.g. lr=0.05 from a link) gets an option of its own
        if (input.tagName === 'SELECT' && ![...input.options].some((o) => o.value === String(value))) addOption(input, value);
        input.value = String(value);
      }
    },
  };
}

/** Hides the controls named in `names` (classroom mode) and shows the others, under `root`. */
export function applyHidden(root, names) {
  for (const el of root.querySelectorAll('[data-control]')) el.hidden = names.includes(el.dataset.control);
}

/** A plain button with a data-control name (for classroom mode). */
export function addButton(parent, text, control, onClick, { title } = {}) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = text;
  if (control) button.dataset.control = control;
  if (title) button.title = title;
  button.addEventListener('click', onClick);
  parent.append(button);
  return button;
}
