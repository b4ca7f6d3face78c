// The data column: data-set thumbnails, noise, split, size, seed (regenerate), test points on/off,
// the class of points added by a click on the plot (or by the keyboard form), CSV import / export.
import { DATASETS } from '../../state/schema.js';
import { createDatasetPicker } from '../../views/dataset_thumbs.js';
import { addControl, addButton } from '../../views/controls.js';
import { downloadText, readFile } from './files.js';

export function createDataPanel(parent, { state, onAddPoint, onImportCsv, getPoints }) {
  const section = document.createElement('section');
  section.className = 'column data-column';
  section.setAttribute('aria-labelledby', 'data-heading');
  section.innerHTML = '<h2 id="data-heading">Data</h2>';
  parent.append(section);

  const picker = createDatasetPicker(section, {
    names: DATASETS, selected: state.get().dataset, onChange: (name) => state.set({ dataset: name }),
  });
  const count = document.createElement('output');
  count.id = 'point-count';
  count.className = 'point-count';
  section.append(count);
  const controls = {};
  for (const name of ['noise', 'trainFraction', 'points', 'showTest']) {
    controls[name] = addControl(section, name, (v) => state.set({ [name]: v }));
  }
  const seedRow = document.createElement('div');
  seedRow.className = 'row';
  section.append(seedRow);
  controls.seed = addControl(seedRow, 'seed', (v) => state.set({ seed: v }));
  addButton(seedRow, 'Regenerate', 'seed', () => state.set({ seed: (state.get().seed % 2147483646) + 1 }),
    { title: 'New data and weights from the next seed' });

  // Points added by the learner: the class (or target value) and, for the keyboard, a coordinate form.
  const add = document.createElement('fieldset');
  add.className = 'add-point';
  add.dataset.control = 'addPoint';
  add.innerHTML = `<legend>Add a point (or click on the plot)</legend>
    <div class="row"><label>Class / value <select class="add-class"></select>
      <input class="add-value" type="number" step="any" aria-label="Target value of added points" hidden></label></div>
    <form class="row add-form"><label>x <input name="x" type="number" step="any" value="0" required></label>
      <label>y <input name="y" type="number" step="any" value="0" required></label>
      <button type="submit">Add</button></form>`;
  section.append(add);
  const classSelect = add.querySelector('.add-class');
  const valueInput = add.querySelector('.add-value');
  classSelect.addEventListener('change', () => state.set({ addLabel: Number(classSelect.value) }));
  valueInput.addEventListener('change', () => {
    const v = Number(valueInput.value);
    if (!Number.isFinite(v)) return;
    try { // out of the row's range (e.g. 5000): the row's message, not an uncaught exception
      state.set({ addLabel: v });
      valueInput.setCustomValidity('');
    } catch (e) {
      valueInput.setCustomValidity(e.message);
      valueInput.reportValidity();
    }
  });
  add.querySelector('form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.target;
    onAddPoint(Number(f.x.value), Number(f.y.value));
  });

  const csv = document.createElement('div');
  csv.className = 'row';
  csv.dataset.control = 'csv';
  csv.innerHTML = `<label class="file-button">Import CSV<input type="file" accept=".csv,.txt,.json,text/csv" class="csv-input"></label>`;
  section.append(csv);
  csv.querySelector('input').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (file) onImportCsv(await readFile(file));
    e.target.value = '';
  });
  addButton(csv, 'Export CSV', null, () => {
    const { train, test, header } = getPoints(); // header: a table's column names (its inputs, then targets)
    const lines = header
      ? [header, ...[...train, ...test].map((p) => [...p.in, ...(p.out ?? [p.label])].join(','))]
      : ['x,y,label', ...[...train, ...test].map((p) => `${p.x},${p.y},${p.label}`)];
    downloadText('points.csv', lines.join('\n') + '\n', 'text/csv');
  });

  let classKey = '';
  return {
    /** Mirrors the state into the controls. */
    sync(s) {
      picker.select(s.dataset);
      for (const [name, c] of Object.entries(controls)) c.set(s[name]);
      if (classSelect.value !== String(s.addLabel)) classSelect.value = String(s.addLabel);
      valueInput.value = String(s.addLabel);
    },
    /** classes: null for regression, otherwise the list of class labels of this data set. */
    setClasses(classes, label) {
      const key = classes ? classes.join(',') : 'regression';
      if (key === classKey) return;
      classKey = key;
      classSelect.hidden = !classes;
      valueInput.hidden = !!classes;
      classSelect.replaceChildren(...(classes ?? []).map((c) => new Option(`class ${c}`, String(c))));
      if (classes && !classes.includes(label)) classSelect.value = String(classes.at(-1));
      else classSelect.value = String(label);
    },
    drawPreviews: (previews) => picker.draw(previews),
    setCounts({ train, test }) {
      count.textContent = `${train.length + test.length} points: ${train.length} train, ${test.length} test`;
    },
  };
}
