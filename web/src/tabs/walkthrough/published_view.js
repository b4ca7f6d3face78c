// A published worked example beside the engine's numbers: Matt Mazur's "A Step by Step Backpropagation
// Example" (2-2-2 sigmoid network). His numbers are quoted as printed (9 decimals); every other number
// is the engine's, read from the traced step or asked of the engine (the error after the step with his
// biases). Nothing is computed here.
import { el } from '../../views/dom.js';
import './published_view.css';

// His printed numbers, as he prints them.
const MAZUR = {
  outH1: 0.593269992, outH2: 0.596884378, outO1: 0.75136507, outO2: 0.772928465, eTotal: 0.298371109,
  dEdOutO1: 0.74136507, dOutO1dNetO1: 0.186815602, dNetO1dW5: 0.593269992, dEdW5: 0.082167041,
  dEo1dOutH1: 0.055399425, dEo2dOutH1: -0.019049119, dEdOutH1: 0.036350306,
  w5: 0.35891648, w6: 0.408666186, w7: 0.511301270, w8: 0.561370121,
  w1: 0.149780716, w2: 0.19956143, w3: 0.24975114, w4: 0.29950229,
  errorAfterPublished: 0.291027924, errorAfterMethod: 0.29102777369,
};

const asPrinted = (v) => (typeof v === 'number' ? String(v) : v); // his digits, as he printed them
const digits = (v, n) => (typeof v === 'number' ? v.toFixed(n) : v);
const nine = (v) => digits(v, 9);

function at(matrix, i, j = 0) { return matrix.data[i][j]; }

// The engine's numbers of the traced step, by the names of his article.
function engineNumbers(trace) {
  const layer1 = trace.nodes.layers[0];
  const layer2 = trace.nodes.layers[1];
  const hidden = trace.forward[layer1.activation].value;
  const out = trace.forward[trace.nodes.output].value;
  const chain = trace.chains.find((c) => c.variable === layer2.weight && c.entry[0] === 0 && c.entry[1] === 0);
  const dOutH = trace.backward.find((b) => b.id === layer1.activation).upstream;
  const W1 = trace.parameters.find((p) => p.name === 'W1').after;
  const W2 = trace.parameters.find((p) => p.name === 'W2').after;
  return {
    outH1: at(hidden, 0), outH2: at(hidden, 1), outO1: at(out, 0), outO2: at(out, 1), eTotal: trace.dataLoss,
    chainFactors: chain.paths[0].factors.filter((f) => f !== 1), dEdW5: chain.gradient, dEdOutH1: at(dOutH, 0),
    w5: at(W2, 0, 0), w6: at(W2, 0, 1), w7: at(W2, 1, 0), w8: at(W2, 1, 1),
    w1: at(W1, 0, 0), w2: at(W1, 0, 1), w3: at(W1, 1, 0), w4: at(W1, 1, 1),
  };
}

function row(name, label, his, ours, places = 9) {
  const tr = el('tr', { className: 'wt-published-row' });
  tr.dataset.name = name;
  if (typeof ours === 'number') tr.dataset.engine = String(ours); // full precision, for scripts and tests
  if (typeof his === 'number') tr.dataset.published = String(his);
  tr.append(el('th', { scope: 'row', textContent: label }), el('td', { textContent: asPrinted(his) }),
    el('td', { textContent: digits(ours, places) }));
  return tr;
}

/** Shows Mazur's numbers beside the engine's for this traced step (of the "mazur" preset). */
export async function showMazur(parent, ctx, trace) {
  const e = engineNumbers(trace);
  // The error after the step with his biases (0.35, 0.60 held, as his network does not update them),
  // and with ours (updated): both computed by the engine.
  const held = await ctx.client.call('whatIf', { biases: [[0, 0, 0.35], [0, 1, 0.35], [1, 0, 0.6], [1, 1, 0.6]] });
  const ours = ctx.playground.latest().snapshot.metrics;
  const table = el('table', { className: 'wt-published-table' },
    el('caption', { textContent: 'His published numbers, as printed, beside the engine\'s (9 decimals)' }),
    el('tr', {}, el('th', { textContent: '' }), el('th', { scope: 'col', textContent: 'Mazur' }), el('th', { scope: 'col', textContent: 'engine' })),
    row('outH1', 'out_h1', MAZUR.outH1, e.outH1),
    row('outH2', 'out_h2', MAZUR.outH2, e.outH2),
    row('outO1', 'out_o1', MAZUR.outO1, e.outO1),
    row('outO2', 'out_o2', MAZUR.outO2, e.outO2),
    row('eTotal', 'E_total', MAZUR.eTotal, e.eTotal),
    row('chainW5', '∂E/∂w5 as a chain', `${MAZUR.dEdOutO1} × ${MAZUR.dOutO1dNetO1} × ${MAZUR.dNetO1dW5}`,
      e.chainFactors.map(nine).join(' × ')),
    row('dEdW5', '∂E/∂w5', MAZUR.dEdW5, e.dEdW5),
    row('dEdOutH1', '∂E_total/∂out_h1 (sum over o1, o2)', MAZUR.dEdOutH1, e.dEdOutH1),
    row('dEdOutH1Sum', '… its two terms', `${MAZUR.dEo1dOutH1} + (${MAZUR.dEo2dOutH1})`, 'summed inside W2ᵀ δ (the product\'s VJP)'),
    ...['w5', 'w6', 'w7', 'w8', 'w1', 'w2', 'w3', 'w4'].map((w) => row(w, `${w} after one step`, MAZUR[w], e[w])),
    row('errorAfter', 'E_total after one step, his biases held', MAZUR.errorAfterMethod, held.train.loss, 11),
    row('errorAfterPublished', 'E_total after one step, as printed', MAZUR.errorAfterPublished, '–'),
    row('errorAfterOurs', 'E_total after one step, our biases updated', '–', ours.train.loss),
  );
  const notes = el('div', { className: 'wt-published-notes' },
    el('p', { textContent: 'His network shares one bias per layer (b1 = 0.35, b2 = 0.60) and does not update biases; ours gives '
      + 'every unit its own bias (set to the same values) and updates them with the weights. The weights still match: '
      + 'every weight\'s gradient is taken at the weights and biases before the step, so updating the biases changes none of them.' }),
    el('p', { textContent: 'His published one-step error 0.291027924 comes from an earlier update order; the method as described '
      + 'gives 0.29102777369 (the engine, with his biases held: the row above). With our biases updated as well, the error '
      + 'after the step is lower (last row).' }),
  );
  const box = el('section', { className: 'wt-published', id: 'wt-published' },
    el('h3', { textContent: 'Mazur\'s numbers beside the engine\'s' }), table, notes);
  parent.replaceChildren(box);
  return box;
}
