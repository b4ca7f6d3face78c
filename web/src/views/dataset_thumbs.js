// The data-set picker: one radio button per data set, each with a thumbnail of its points (the
// engine's own generated points, given by the caller). Arrow keys move between them (native radios).
import { divergingCss, classCss } from './colors.js';

const TITLES = {
  circle: 'Circle', xor: 'XOR', gauss: 'Gaussian clusters', spiral: 'Spiral', spiral3: '3-class spiral',
  'reg-plane': 'Regression: plane', 'reg-gauss': 'Regression: Gaussian bumps',
  iris: 'Iris (4 inputs, 3 classes)', linnerud: 'Linnerud (3 inputs, 3 targets)',
};
const SHORT = { // the visible caption under each thumbnail
  circle: 'circle', xor: 'XOR', gauss: 'clusters', spiral: 'spiral', spiral3: '3 spirals',
  'reg-plane': 'plane', 'reg-gauss': 'bumps', neuron: 'neuron',
};
const SIZE = 44;

export function createDatasetPicker(container, { names, selected, onChange }) {
  const fieldset = document.createElement('fieldset');
  fieldset.className = 'dataset-picker';
  const legend = document.createElement('legend');
  legend.textContent = 'Data set';
  fieldset.append(legend);
  const canvases = {};
  for (const name of names) {
    const label = document.createElement('label');
    label.className = 'dataset-option';
    label.title = TITLES[name] ?? name;
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'dataset';
    input.value = name;
    input.checked = name === selected;
    input.setAttribute('aria-label', TITLES[name] ?? name);
    input.addEventListener('change', () => input.checked && onChange(name));
    const canvas = document.createElement('canvas');
    canvas.width = SIZE;
    canvas.height = SIZE;
    canvas.setAttribute('aria-hidden', 'true');
    canvases[name] = canvas;
    const caption = document.createElement('span');
    caption.className = 'dataset-name';
    caption.textContent = SHORT[name] ?? name;
    caption.setAttribute('aria-hidden', 'true'); // the radio's aria-label names it
    label.append(input, canvas, caption);
    fieldset.append(label);
  }
  container.append(fieldset);

  return {
    select(name) {
      for (const input of fieldset.querySelectorAll('input')) input.checked = input.value === name;
    },
    /** previews: { name: Point[] } (the engine's coordinates). */
    draw(previews) {
      for (const [name, points] of Object.entries(previews)) {
        const ctx = canvases[name]?.getContext('2d');
        if (!ctx) continue;
        ctx.fillStyle = '#f6f6f6';
        ctx.fillRect(0, 0, SIZE, SIZE);
        const labels = points.map((p) => p.label);
        const lo = Math.min(...labels);
        const hi = Math.max(...labels);
        const multiclass = hi > 1 && labels.every(Number.isInteger);
        const span = Math.max(...points.map((p) => Math.max(Math.abs(p.x), Math.abs(p.y))), 1);
        for (const p of points) {
          ctx.fillStyle = multiclass ? classCss(p.label) : divergingCss((p.label - lo) / (hi - lo || 1));
          ctx.fillRect(((p.x + span) / (2 * span)) * SIZE - 1, ((span - p.y) / (2 * span)) * SIZE - 1, 2.2, 2.2);
        }
      }
    },
  };
}
