// A computational graph drawn as SVG, laid out by dagre (@dagrejs/dagre).
//
//   const view = drawGraph(container, { nodes: [{ id, label, sublabel, kind }], edges: [{ from, to, label }] },
//                          { onSelect(id) })
//   view.highlight(id)        marks one node as current (null clears), scrolling it into view
//   view.mark(ids, className) adds a class to a set of nodes (e.g. the inputs of the current node)
//
// Why dagre rather than elkjs: the graphs here are small layered DAGs (tens to a few hundred nodes), which
// is exactly dagre's Sugiyama layout; dagre is ~50 KB minified, synchronous and pure JS, while elkjs is a
// ~1.5 MB GWT build that lays out asynchronously (a worker), far more than these graphs need.
//
// Keyboard: the graph is one tab stop; arrow keys move between nodes in the given order (Home / End to the
// ends), Enter or Space selects. `kind` ('variable' | 'constant' | 'op' | 'loss' | ...) only sets a class.
import { graphlib, layout } from '@dagrejs/dagre';
import './graph_view.css';

const SVG = 'http://www.w3.org/2000/svg';
const CHAR = 6.6; // px per character at the node font size (12px system-ui), for box widths
const PAD = 10;
let drawn = 0; // gives each drawing's arrow marker its own id

function el(name, attrs = {}, parent = null) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.append(e);
  return e;
}

export function drawGraph(container, { nodes, edges }, { onSelect, rankdir = 'LR', label = 'Computational graph' } = {}) {
  const g = new graphlib.Graph();
  g.setGraph({ rankdir, nodesep: 14, ranksep: 34, edgesep: 8, marginx: 6, marginy: 6 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) {
    const chars = Math.max(String(n.label ?? '').length, String(n.sublabel ?? '').length, 2);
    g.setNode(String(n.id), { width: chars * CHAR + 2 * PAD, height: n.sublabel ? 36 : 24 });
  }
  for (const e of edges) g.setEdge(String(e.from), String(e.to), e.label ? { label: e.label } : {});
  layout(g);

  // dagre's size covers the nodes, but an edge that skips ranks may bend outside it: the view covers both.
  const { width, height } = g.graph();
  let [minX, minY, maxX, maxY] = [0, 0, width, height];
  for (const e of g.edges()) {
    for (const p of g.edge(e).points ?? []) {
      minX = Math.min(minX, p.x - PAD); minY = Math.min(minY, p.y - PAD);
      maxX = Math.max(maxX, p.x + PAD); maxY = Math.max(maxY, p.y + PAD);
    }
  }
  [minX, minY] = [Math.floor(minX), Math.floor(minY)];
  const [viewWidth, viewHeight] = [Math.ceil(maxX) - minX, Math.ceil(maxY) - minY];
  container.classList.add('graph-view');
  container.replaceChildren();
  const svg = el('svg', {
    viewBox: `${minX} ${minY} ${viewWidth} ${viewHeight}`, width: viewWidth, height: viewHeight,
    role: 'group', 'aria-label': `${label}: ${nodes.length} nodes; arrow keys move, Enter selects`,
  }, container);
  const defs = el('defs', {}, svg);
  const marker = el('marker', {
    id: `graph-arrow-${++drawn}`, viewBox: '0 0 10 10', refX: 9, refY: 5,
    markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse',
  }, defs);
  el('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'graph-arrow' }, marker);

  const edgeEls = new Map(); // "from>to" -> path
  const edgeLayer = el('g', { class: 'graph-edges', 'aria-hidden': 'true' }, svg);
  for (const e of edges) {
    const pts = g.edge(String(e.from), String(e.to))?.points ?? [];
    if (!pts.length) continue;
    const d = pts.map((p, k) => `${k ? 'L' : 'M'} ${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ');
    const path = el('path', { d, class: 'graph-edge', 'marker-end': `url(#${marker.id})` }, edgeLayer);
    edgeEls.set(`${e.from}>${e.to}`, path);
  }

  const order = [];
  const nodeEls = new Map();
  const idOf = new Map(); // string key -> the caller's id (number or string)
  const nodeLayer = el('g', { class: 'graph-nodes' }, svg);
  for (const n of nodes) {
    const box = g.node(String(n.id));
    const group = el('g', {
      class: `graph-node graph-node-${n.kind ?? 'op'}`, transform: `translate(${box.x - box.width / 2} ${box.y - box.height / 2})`,
      role: 'button', tabindex: -1, 'data-id': n.id,
      // the accessible name is the visible text, word for word (axe: label-content-name-mismatch)
      'aria-label': [n.label, n.sublabel].filter(Boolean).join(' '),
    }, nodeLayer);
    el('rect', { width: box.width, height: box.height, rx: 5 }, group);
    const t = el('text', { x: box.width / 2, y: n.sublabel ? 15 : 16, 'text-anchor': 'middle' }, group);
    t.textContent = n.sublabel ? `${n.label} ` : n.label; // the space keeps label and sublabel apart when read
    if (n.sublabel) {
      const s = el('text', { x: box.width / 2, y: 29, 'text-anchor': 'middle', class: 'graph-sublabel' }, group);
      s.textContent = n.sublabel;
    }
    group.addEventListener('click', () => { focusNode(n.id); onSelect?.(n.id); });
    nodeEls.set(String(n.id), group);
    idOf.set(String(n.id), n.id);
    order.push(String(n.id));
  }
  if (order.length) nodeEls.get(order[0]).setAttribute('tabindex', '0');

  let focused = order[0] ?? null;
  function focusNode(id, move = false) {
    const key = String(id);
    if (!nodeEls.has(key)) return;
    nodeEls.get(focused)?.setAttribute('tabindex', '-1');
    focused = key;
    const node = nodeEls.get(key);
    node.setAttribute('tabindex', '0');
    if (move) node.focus();
  }
  svg.addEventListener('keydown', (e) => {
    const k = order.indexOf(focused);
    if (k < 0) return;
    const next = {
      ArrowRight: k + 1, ArrowDown: k + 1, ArrowLeft: k - 1, ArrowUp: k - 1, Home: 0, End: order.length - 1,
    }[e.key];
    if (next !== undefined) {
      e.preventDefault();
      e.stopPropagation(); // the walk-through's own arrow keys must not also fire
      focusNode(order[Math.max(0, Math.min(order.length - 1, next))], true);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      onSelect?.(idOf.get(focused));
    }
  });

  const marked = new Map(); // className -> Set of ids
  return {
    highlight(id) {
      for (const node of nodeEls.values()) {
        node.classList.remove('current');
        node.removeAttribute('aria-current');
      }
      for (const path of edgeEls.values()) path.classList.remove('current');
      if (id === null || id === undefined) return;
      const node = nodeEls.get(String(id));
      if (!node) return;
      node.classList.add('current');
      node.setAttribute('aria-current', 'step');
      for (const [key, path] of edgeEls) {
        const [from, to] = key.split('>');
        if (from === String(id) || to === String(id)) path.classList.add('current');
      }
      focusNode(id);
      // Scroll the container (not the page) so the current node is visible.
      const box = g.node(String(id));
      if (container.scrollWidth > container.clientWidth || container.scrollHeight > container.clientHeight) {
        container.scrollTo({
          left: Math.max(0, box.x - minX - container.clientWidth / 2), top: Math.max(0, box.y - minY - container.clientHeight / 2),
        });
      }
    },
    mark(ids, className) {
      for (const old of marked.get(className) ?? []) nodeEls.get(old)?.classList.remove(className);
      const set = new Set((ids ?? []).map(String));
      for (const key of set) nodeEls.get(key)?.classList.add(className);
      marked.set(className, set);
    },
    element: svg,
  };
}
