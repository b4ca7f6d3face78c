// The network drawing: one column per layer (input features first), each neuron shown with its own
// output over the plane as a thumbnail (the engine's neuronGrids), links coloured by the weight's sign
// and as wide as its size, a bias marker per neuron. Hover or focus a link / bias for its value and
// current gradient; click (or Enter) selects it (onSelect): editing is the caller's second action.
// Draws what it is given.
//
// Keys used by `highlight` and the callbacks: weight {kind:'weight', layer, i, j} (W[i][j] of weight
// layer `layer`, from neuron j of column `layer` to neuron i of column layer+1), bias {kind:'bias',
// layer, i}, neuron {kind:'neuron', column, i} (column 0 = the input features).
import { paintGrid, divergingCss } from './colors.js';
import { fourDigits as FORMAT } from './dom.js';
import { timed } from './timing.js';

const SVG = 'http://www.w3.org/2000/svg';
const NODE = 40;
const ROW = 52;
const PAINT_MS = 100; // links and thumbnails repaint at most this often while frames come faster

// A weight's colour on the diverging scale, in 64 steps (finer steps change no visible pixel but make
// every link's style change at every paint while training).
const shade = (w) => Math.round((0.5 + 0.5 * Math.max(-1, Math.min(1, w))) * 64) / 64;

// Colour-scale domain of a neuron's thumbnail: what its activation can output, as the engine states it
// (outputRange, null for no bound); unbounded or the inputs: symmetric around the largest value.
function thumbDomain(outputRange, values) {
  if (outputRange && outputRange[0] !== null && outputRange[1] !== null) return outputRange;
  let m = 0;
  for (const v of values) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  return [-(m || 1), m || 1];
}

export function createNetworkView(container, { onSelect } = {}) {
  container.classList.add('network');
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('aria-label', 'Network: links are weights, small squares are biases');
  svg.setAttribute('role', 'group');
  const nodesLayer = document.createElement('div');
  nodesLayer.className = 'network-nodes';
  const tooltip = document.createElement('div');
  tooltip.className = 'tooltip';
  tooltip.setAttribute('role', 'status');
  tooltip.hidden = true;
  container.append(svg, nodesLayer, tooltip);

  let signature = '';
  let knownWidth = null;
  let lastArgs = null;
  new ResizeObserver(([entry]) => {
    const changed = entry.contentRect.width !== knownWidth;
    knownWidth = entry.contentRect.width;
    if (changed && lastArgs && knownWidth > 0) draw(lastArgs); // laid out anew at the new width
  }).observe(container);
  let data = null;
  let links = []; // { g, vis, key }
  let biases = [];
  let thumbs = []; // [column][i] canvas
  let nodes = [];

  const readout = (key) => {
    const L = data.weights.layers[key.layer];
    if (key.kind === 'weight') {
      const k = key.i * L.cols + key.j;
      return { name: `W${key.layer + 1}[${key.i + 1},${key.j + 1}]`, value: L.weights[k], grad: L.weightGrads[k] };
    }
    return { name: `b${key.layer + 1}[${key.i + 1}]`, value: L.bias[key.i], grad: L.biasGrads[key.i] };
  };

  function showTooltip(key, x, y) {
    const r = readout(key);
    tooltip.textContent = `${r.name} = ${FORMAT(r.value)}   ∂loss/∂${r.name} = ${FORMAT(r.grad)}`;
    tooltip.style.left = `${x + 12}px`;
    tooltip.style.top = `${y + 12}px`;
    tooltip.hidden = false;
  }

  function interactive(el, key, pos) {
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'button');
    el.addEventListener('mouseenter', () => showTooltip(key, ...pos()));
    el.addEventListener('mouseleave', () => { tooltip.hidden = true; });
    el.addEventListener('focus', () => showTooltip(key, ...pos()));
    el.addEventListener('blur', () => { tooltip.hidden = true; });
    el.addEventListener('click', () => onSelect?.(key));
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect?.(key); }
    });
  }

  function build(columns, width) {
    svg.replaceChildren();
    nodesLayer.replaceChildren();
    links = []; biases = []; thumbs = []; nodes = [];
    const rowsMax = Math.max(...columns.map((c) => c.length));
    const height = rowsMax * ROW + 10;
    const step = columns.length > 1 ? (width - NODE - 40) / (columns.length - 1) : 0;
    const xy = columns.map((col, c) =>
      col.map((_, i) => [20 + c * step, 5 + (height - col.length * ROW) / 2 + i * ROW]));
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    container.style.height = `${height}px`;

    data.weights.layers.forEach((L, l) => {
      for (let i = 0; i < L.rows; i++) {
        for (let j = 0; j < L.cols; j++) {
          const [x1, y1] = xy[l][j];
          const [x2, y2] = xy[l + 1][i];
          const d = `M${x1 + NODE},${y1 + NODE / 2} C${(x1 + NODE + x2) / 2},${y1 + NODE / 2} ${(x1 + NODE + x2) / 2},${y2 + NODE / 2} ${x2},${y2 + NODE / 2}`;
          const g = document.createElementNS(SVG, 'g');
          const hit = document.createElementNS(SVG, 'path');
          hit.setAttribute('d', d);
          hit.setAttribute('class', 'link-hit');
          const vis = document.createElementNS(SVG, 'path');
          vis.setAttribute('d', d);
          vis.setAttribute('class', 'link');
          g.append(hit, vis);
          const key = { kind: 'weight', layer: l, i, j };
          interactive(g, key, () => [(x1 + NODE + x2) / 2, (y1 + y2) / 2 + NODE / 2]);
          svg.append(g);
          links.push({ g, vis, key });
        }
      }
    });
    data.weights.layers.forEach((L, l) => {
      for (let i = 0; i < L.rows; i++) {
        const [x, y] = xy[l + 1][i];
        const rect = document.createElementNS(SVG, 'rect');
        rect.setAttribute('x', x - 7);
        rect.setAttribute('y', y + NODE - 7);
        rect.setAttribute('width', 9);
        rect.setAttribute('height', 9);
        rect.setAttribute('class', 'bias');
        const key = { kind: 'bias', layer: l, i };
        interactive(rect, key, () => [x, y + NODE]);
        svg.append(rect);
        biases.push({ rect, key });
      }
    });
    columns.forEach((col, c) => {
      thumbs.push([]);
      nodes.push([]);
      col.forEach((label, i) => {
        const [x, y] = xy[c][i];
        const node = document.createElement('div');
        node.className = 'node';
        node.style.left = `${x}px`;
        node.style.top = `${y}px`;
        const canvas = document.createElement('canvas');
        canvas.width = data.neuronGrids.cols;
        canvas.height = data.neuronGrids.rows;
        canvas.title = label;
        const caption = document.createElement('span');
        caption.textContent = label;
        node.append(canvas, caption);
        nodesLayer.append(node);
        thumbs[c].push(canvas);
        nodes[c].push(node);
      });
    });
  }

  /**
   * weights: client.d.ts Weights; neuronGrids: NeuronGrids; features: input names;
   * highlight: optional list of keys (see top) to emphasise, e.g. the walk-through's current node.
   */
  function draw(args) {
    const { weights, neuronGrids, features, highlight = [] } = args;
    lastArgs = args;
    data = { weights, neuronGrids };
    const columns = [features.map((f) => f)];
    weights.layers.forEach((L, l) => {
      const last = l === weights.layers.length - 1;
      columns.push(Array.from({ length: L.rows }, (_, i) => (last ? `out ${i + 1}` : `h${l + 1}.${i + 1}`)));
    });
    knownWidth ??= container.clientWidth; // read once, then from the observer (no layout read per frame)
    const width = Math.max(320, knownWidth || 560);
    const sig = `${columns.map((c) => c.join('|')).join('/')}@${width}:${neuronGrids.rows}`;
    if (sig !== signature) { build(columns, width); signature = sig; lastPaint = -Infinity; }

    // While training, frames come faster than anyone reads a 6 x 8 network's 350 links and 50
    // thumbnails: they are painted at most every PAINT_MS (the last state always), highlights at once.
    paint(weights, neuronGrids);
    const highlightSig = `${signature}|${JSON.stringify(highlight)}`;
    if (highlightSig !== lastHighlight) {
      lastHighlight = highlightSig;
      const keys = new Set(highlight.map((k) => JSON.stringify(k)));
      for (const { g, key } of links) g.classList.toggle('highlight', keys.has(JSON.stringify(key)));
      for (const { rect, key } of biases) rect.classList.toggle('highlight', keys.has(JSON.stringify(key)));
      nodes.forEach((col, c) => col.forEach((node, i) =>
        node.classList.toggle('highlight', keys.has(JSON.stringify({ kind: 'neuron', column: c, i })))));
    }
  }

  // Links, biases, their accessible names and the neurons' thumbnails (from the worker's typed arrays,
  // into reused ImageData): at most every PAINT_MS, with a trailing paint so the last state is shown.
  // Only what changed is written (attribute and style writes cost layout and accessibility work).
  let lastPaint = -Infinity;
  let pendingPaint = null;
  let lastHighlight = '';
  function paint(weights, neuronGrids) {
    const now = performance.now();
    clearTimeout(pendingPaint);
    if (now - lastPaint < PAINT_MS) {
      pendingPaint = setTimeout(() => paint(weights, neuronGrids), PAINT_MS - (now - lastPaint));
      return;
    }
    lastPaint = now;
    timed('network-paint', () => paintNow(neuronGrids, weights));
  }

  function paintNow(neuronGrids, weights) {
    for (const link of links) {
      const { value: w } = readout(link.key);
      const stroke = divergingCss(shade(w));
      const width = (0.5 + Math.min(Math.abs(w), 3) * 1.5).toFixed(1);
      if (stroke !== link.stroke) { link.vis.style.stroke = stroke; link.stroke = stroke; }
      if (width !== link.width) { link.vis.style.strokeWidth = width; link.width = width; }
    }
    for (const bias of biases) {
      const { value } = readout(bias.key);
      const fill = divergingCss(shade(value));
      if (fill !== bias.fill) { bias.rect.style.fill = fill; bias.fill = fill; }
    }
    // The accessible names with the values (read when a link is focused) change with the thumbnails.
    for (const link of links) {
      const { value, name } = readout(link.key);
      const label = `weight ${name} = ${FORMAT(value)}, select`;
      if (label !== link.label) { link.g.setAttribute('aria-label', label); link.label = label; }
    }
    for (const bias of biases) {
      const { value, name } = readout(bias.key);
      const label = `bias ${name} = ${FORMAT(value)}, select`;
      if (label !== bias.label) { bias.rect.setAttribute('aria-label', label); bias.label = label; }
    }
    neuronGrids.layers.forEach((grids, c) => {
      const outputRange = c === 0 ? null : weights.layers[c - 1].outputRange;
      grids.forEach((values, i) => {
        const canvas = thumbs[c]?.[i];
        if (!canvas) return;
        const g = canvas.getContext('2d');
        canvas.image = paintGrid(g, values, neuronGrids.rows, neuronGrids.cols, 1, thumbDomain(outputRange, values), canvas.image);
        g.putImageData(canvas.image, 0, 0);
      });
    });
  }

  return { draw, readout: (key) => (data ? readout(key) : null) };
}
