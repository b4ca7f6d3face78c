// The network's shape: which input features, how many hidden layers (0..6) and neurons per layer
// (1..8). Every change goes to the URL state (rows 'features' and 'hidden'); bounds come from schema.js.
import { FIELD } from '../../state/schema.js';
import { addButton } from '../../views/controls.js';

const FEATURE_TEXT = { x: 'x', y: 'y', x2: 'x²', y2: 'y²', xy: 'x·y', sinx: 'sin x', siny: 'sin y' };

export function createArchitecture(parent, { state }) {
  const hiddenRow = FIELD.hidden;
  const FEATURES = FIELD.features.values; // the engine's feature names (adoptEngineSchema)
  const features = document.createElement('fieldset');
  features.className = 'features';
  features.dataset.control = 'features';
  features.innerHTML = '<legend>Input features</legend>';
  const boxes = {};
  for (const f of FEATURES) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = f;
    box.addEventListener('change', () => {
      const chosen = FEATURES.filter((g) => (g === f ? box.checked : state.get().features.includes(g)));
      if (chosen.length === 0) { box.checked = true; return; } // at least one input
      state.set({ features: chosen });
    });
    boxes[f] = box;
    label.append(box, ` ${FEATURE_TEXT[f]}`);
    features.append(label);
  }

  const layers = document.createElement('div');
  layers.className = 'layer-controls';
  layers.dataset.control = 'hidden';
  const head = document.createElement('div');
  head.className = 'row';
  const count = document.createElement('span');
  count.setAttribute('aria-live', 'polite');
  const setHidden = (h) => state.set({ hidden: h });
  const addLayer = addButton(head, '+ layer', null, () => setHidden([...state.get().hidden, 2]));
  addLayer.setAttribute('aria-label', 'Add a hidden layer');
  const removeLayer = addButton(head, '− layer', null, () => setHidden(state.get().hidden.slice(0, -1)));
  removeLayer.setAttribute('aria-label', 'Remove the last hidden layer');
  head.append(count);
  const perLayer = document.createElement('div');
  perLayer.className = 'per-layer';
  layers.append(head, perLayer);
  parent.append(features, layers);

  return {
    sync(s) {
      for (const f of FEATURES) boxes[f].checked = s.features.includes(f);
      const h = s.hidden;
      count.textContent = `${h.length} hidden layer${h.length === 1 ? '' : 's'}`;
      addLayer.disabled = h.length >= hiddenRow.maxLength;
      removeLayer.disabled = h.length <= hiddenRow.minLength;
      const key = h.join(',');
      if (key === perLayer.dataset.key) return;
      perLayer.dataset.key = key;
      const focused = perLayer.contains(document.activeElement) ? document.activeElement.getAttribute('aria-label') : null;
      perLayer.replaceChildren();
      h.forEach((n, l) => {
        const group = document.createElement('div');
        group.className = 'layer-group';
        group.setAttribute('role', 'group');
        group.setAttribute('aria-label', `Hidden layer ${l + 1}`);
        const more = addButton(group, '+', null, () => setHidden(h.map((m, k) => (k === l ? m + 1 : m))));
        more.setAttribute('aria-label', `Add a neuron to hidden layer ${l + 1}`);
        more.disabled = n >= hiddenRow.max;
        const less = addButton(group, '−', null, () => setHidden(h.map((m, k) => (k === l ? m - 1 : m))));
        less.setAttribute('aria-label', `Remove a neuron from hidden layer ${l + 1}`);
        less.disabled = n <= hiddenRow.min;
        const text = document.createElement('span');
        text.textContent = `${n} neuron${n === 1 ? '' : 's'}`;
        group.append(text);
        perLayer.append(group);
      });
      if (focused) {
        const again = [...perLayer.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === focused);
        (again && !again.disabled ? again : addLayer).focus();
      }
    },
  };
}
