// Views for data with any number of inputs (a table): which pair of inputs the decision plot shows (the
// other inputs held at their mean by the engine), a confusion matrix for classes, and predicted against
// target for regression. The engine computes every count and prediction (snapshot.evaluation); this only
// draws them.
import { el, fourDigits } from '../../views/dom.js';
import { divergingCss } from '../../views/colors.js';
import './table_views.css';

const PLOT = 140; // px, one predicted-vs-target plot

export function createTableViews(parent, { onPair, onOutput }) {
  const root = el('section', { className: 'table-views', hidden: true });
  root.setAttribute('aria-label', 'Inputs and evaluation of the data set');
  const pair = el('div', { className: 'input-pair row', hidden: true });
  const xSelect = el('select', { id: 'pair-x' });
  const ySelect = el('select', { id: 'pair-y' });
  pair.append(
    el('label', { textContent: 'Horizontal ' }, xSelect),
    el('label', { textContent: ' vertical ' }, ySelect),
    el('span', { className: 'note', textContent: ' (the other inputs at their mean)' }),
  );
  const change = () => onPair(Number(xSelect.value), Number(ySelect.value));
  xSelect.addEventListener('change', change);
  ySelect.addEventListener('change', change);
  const outputRow = el('div', { className: 'input-pair row', hidden: true });
  const outputSelect = el('select', { id: 'plot-output' });
  outputRow.append(el('label', { textContent: 'Plot shows output ' }, outputSelect));
  let chosenOutput = 0;
  outputSelect.addEventListener('change', () => { chosenOutput = Number(outputSelect.value); onOutput(); });
  const body = el('div', { className: 'evaluation' });
  root.append(pair, outputRow, body);
  parent.append(root);
  let namesKey = '';

  function drawPair(inputs, chosen) {
    pair.hidden = inputs.length <= 2;
    const key = inputs.join(',');
    if (key !== namesKey) {
      namesKey = key;
      for (const select of [xSelect, ySelect]) select.replaceChildren(...inputs.map((n, k) => new Option(n, String(k))));
    }
    if (chosen) {
      xSelect.value = String(chosen[0]);
      ySelect.value = String(chosen[1]);
    }
  }

  function confusionTable(counts, set) {
    const table = el('table', { className: `confusion confusion-${set}` });
    table.append(el('caption', { textContent: `${set === 'train' ? 'Training' : 'Test'} set: rows true class, columns predicted` }));
    const head = el('tr', {}, el('th', { textContent: '' }), ...counts.map((_, k) => el('th', { scope: 'col', textContent: `${k}` })));
    table.append(head);
    counts.forEach((row, i) => {
      const total = row.reduce((a, b) => a + b, 0) || 1;
      const tr = el('tr', {}, el('th', { scope: 'row', textContent: `${i}` }));
      row.forEach((n, j) => {
        const td = el('td', { textContent: String(n) });
        // right answers blue, wrong ones red, paler for a smaller share of the row
        if (n > 0) td.style.background = divergingCss(i === j ? 0.5 + 0.5 * (n / total) : 0.5 - 0.5 * (n / total));
        tr.append(td);
      });
      table.append(tr);
    });
    return table;
  }

  function scatter(name, train, test) {
    const canvas = el('canvas', { width: PLOT, height: PLOT, className: 'pred-vs-target' });
    canvas.setAttribute('aria-label', `${name}: predicted against target`);
    const all = [...train.target, ...train.predicted, ...test.target, ...test.predicted];
    let lo = Math.min(...all), hi = Math.max(...all);
    if (!(hi > lo)) { lo -= 1; hi += 1; }
    const at = (v) => 4 + ((v - lo) / (hi - lo)) * (PLOT - 8);
    const g = canvas.getContext('2d');
    g.strokeStyle = '#999';
    g.beginPath();
    g.moveTo(at(lo), PLOT - at(lo));
    g.lineTo(at(hi), PLOT - at(hi));
    g.stroke();
    const dots = (set, filled) => set.target.forEach((t, k) => {
      g.beginPath();
      g.arc(at(t), PLOT - at(set.predicted[k]), 2.5, 0, 2 * Math.PI);
      if (filled) { g.fillStyle = divergingCss(0.85); g.fill(); } else { g.strokeStyle = '#333'; g.stroke(); }
    });
    dots(train, true);
    dots(test, false);
    return el('figure', {}, canvas, el('figcaption', { textContent: `${name}: predicted (up) vs target (right), ${fourDigits(lo)} … ${fourDigits(hi)}` }));
  }

  let outputsKey = '';
  return {
    /** The plot's grid and points: for a regression with several outputs, the chosen output's channel
     *  (and each point's target for it); otherwise as the engine gave them. */
    plane(snapshot) {
      const { grid, points, evaluation: e } = snapshot;
      outputRow.hidden = !(e?.outputs && grid.channels > 1);
      if (outputRow.hidden) return { grid, points };
      if (e.outputs.join(',') !== outputsKey) {
        outputsKey = e.outputs.join(',');
        outputSelect.replaceChildren(...e.outputs.map((n, k) => new Option(n, String(k))));
        chosenOutput = 0;
      }
      outputSelect.value = String(chosenOutput);
      const k = chosenOutput;
      const values = grid.values.filter((_, i) => i % grid.channels === k);
      const pick = (p) => ({ ...p, label: p.out[k] });
      return { grid: { ...grid, channels: 1, values }, points: { train: points.train.map(pick), test: points.test.map(pick) } };
    },
    /** snapshot.evaluation is present for a table; the grid says which pair the plot shows. */
    draw(snapshot) {
      const e = snapshot.evaluation;
      root.hidden = !e;
      if (!e) return;
      drawPair(e.inputs, snapshot.grid?.pair);
      if (e.confusion) {
        body.replaceChildren(el('h3', { textContent: 'Confusion matrix' }), confusionTable(e.confusion.train, 'train'),
          confusionTable(e.confusion.test, 'test'));
      } else {
        const slice = (set, k) => ({ target: set.target[k], predicted: set.predicted[k] });
        body.replaceChildren(el('h3', { textContent: 'Predicted against target (filled: training, rings: test)' }),
          ...e.outputs.map((name, k) => scatter(name, slice(e.train, k), slice(e.test, k))));
      }
    },
  };
}
