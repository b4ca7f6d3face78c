// The calculator's tape as a graph (views/graph_view.js): one box per node with its operation, shape
// and the paper's rule; selecting a node shows its value, the text it came from, and a link to the
// lesson of its rule.
import { drawGraph } from '../../views/graph_view.js';
import { renderTex } from '../../views/math.js';
import { shapeText, answerTex } from './answer.js';
import { el } from '../../views/dom.js';

const LESSON_ITEMS = new Set([3, 4, 5, 6, 7, 8, 9, 10, 11]);

function opText(n) {
  if (n.op === 'variable' || n.op === 'constant') return n.op;
  return n.param !== undefined ? `${n.op} ${n.param}` : n.op;
}

// "x" for a variable, "f = mul" for a named definition, "pow 2" otherwise.
function nodeName(n) {
  if (n.op === 'variable') return n.label;
  return `${n.label ? `${n.label} = ` : ''}${opText(n)}`;
}

export function createGraphPanel(container, { openLesson }) {
  const graphBox = el('div', { className: 'calc-graph', id: 'calc-graph' });
  const detail = el('div', { className: 'calc-node', id: 'calc-node', 'aria-live': 'polite' });
  container.append(graphBox, detail);
  let view = null;
  let nodes = [];

  async function select(id) {
    const n = nodes.find((x) => x.id === id);
    if (!n) return;
    view?.highlight(id);
    const value = el('div', { className: 'calc-math' });
    detail.replaceChildren(
      el('h3', { textContent: `Node ${n.id}: ${nodeName(n)}` }),
      el('p', {}, 'From ', el('code', { textContent: n.source || '(literal)' }), ` · shape ${shapeText(n.shape)}`,
        n.inputs.length ? ` · inputs: node ${n.inputs.join(', node ')}` : ''),
      el('p', {}, 'Rule: ', el('strong', { textContent: n.rule.name }),
        n.rule.paperItem ? ` (lesson ${n.rule.paperItem})` : ''),
      value);
    if (LESSON_ITEMS.has(n.rule.paperItem)) {
      const link = el('button', { type: 'button', className: 'link-button', textContent: `Open lesson ${n.rule.paperItem} on this rule` });
      link.addEventListener('click', () => openLesson(n.rule.paperItem));
      detail.append(link);
    }
    await renderTex(value, answerTex(n.value, { maxRows: 6, maxCols: 6, digits: 6 }), { display: true });
  }

  return {
    show(graph) {
      nodes = graph.nodes;
      const shown = nodes.filter((n) => n.reachesRoot || n.id === graph.wrt);
      const ids = new Set(shown.map((n) => n.id));
      const drawn = shown.map((n) => ({
        id: n.id,
        label: `${nodeName(n)}  (${shapeText(n.shape)})`,
        sublabel: n.rule.id === 'leaf' ? (n.id === graph.wrt ? 'variable (wrt)' : n.op) : n.rule.id,
        kind: n.op === 'variable' ? 'variable' : n.op === 'constant' ? 'constant' : n.id === graph.output ? 'loss' : 'op',
      }));
      const edges = shown.flatMap((n) => n.inputs.filter((i) => ids.has(i)).map((i) => ({ from: i, to: n.id })));
      view = drawGraph(graphBox, { nodes: drawn, edges }, { onSelect: select, label: 'Tape of the expression' });
      detail.replaceChildren(el('p', { className: 'calc-caption',
        textContent: `${shown.length} nodes feed the output${shown.length < nodes.length ? ` (${nodes.length - shown.length} others hidden)` : ''}. Select a node to see its value and rule.` }));
      return select(graph.output);
    },
    clear() { graphBox.replaceChildren(); detail.replaceChildren(); view = null; nodes = []; },
  };
}
