// The gradient of one weight or bias as the chain of factors from the loss down to it, read from the
// trace's `chains` (engine/trace/SCHEMA.md): factors[k] = d nodes[k](entries[k]) / d nodes[k+1](entries[k+1]),
// the product of a path's factors is `product`, and the paths' sum is the gradient. Formatting only.
import { numberTex, textTex } from '../../views/math.js';

const MAX_PATHS = 6; // paths written out; the sum line always uses the engine's pathSum

function paramOf(trace, key) {
  return trace.parameters.find((p) => p.layer === key.layer && p.role === (key.kind === 'bias' ? 'bias' : 'weight'));
}

/** "W1[1,2]" / "b2[1]" (1-based, as the network drawing names them). */
export function paramKeyName(trace, key) {
  const p = paramOf(trace, key);
  const base = p?.name ?? `${key.kind === 'bias' ? 'b' : 'W'}${key.layer + 1}`;
  return key.kind === 'bias' ? `${base}[${key.i + 1}]` : `${base}[${key.i + 1},${key.j + 1}]`;
}

/** The chain, gradient and finite-difference value of one parameter entry, or null if not traced. */
export function chainFor(trace, key) {
  const p = paramOf(trace, key);
  if (!p) return null;
  const r = key.i;
  const c = key.kind === 'bias' ? 0 : key.j;
  if (r >= p.gradient.rows || c >= p.gradient.cols) return null;
  const chain = trace.chains?.find((ch) => ch.variable === p.id && ch.entry[0] === r && ch.entry[1] === c) ?? null;
  const check = trace.gradientCheck?.variables?.find((v) => v.id === p.id);
  return {
    name: paramKeyName(trace, key), param: p, entry: [r, c], chain,
    gradient: p.gradient.data[r][c], numeric: check?.numeric?.data?.[r]?.[c] ?? null,
  };
}

// A node's entry, named with its layer as the graph names it: tanh^[2]_{1,1} is entry (1,1) of layer 2's tanh.
function entryTex(node, [r, c]) {
  const base = textTex(node.name || node.label || `${node.op} ${node.id}`);
  const layer = /(\d+)$/.exec(node.scope ?? '')?.[1];
  const name = layer ? `${base}^{[${layer}]}` : node.scope ? `${base}^{(${textTex(node.scope)})}` : base;
  return node.shape === '1x1' ? name : `${name}_{${r + 1},${c + 1}}`;
}

// A path's product is broken into lines of this many factors (an aligned block), never mid-factor.
const PER_LINE_SYMBOLS = 4;
const PER_LINE_NUMBERS = 6;

// "head a . b . c ... tail", broken into lines of `per` factors (an aligned block) when long.
function wrapped(head, factors, per, tail = '') {
  if (factors.length <= per) return `${head} ${factors.join(' \\cdot ')} ${tail}`;
  const rows = [];
  for (let k = 0; k < factors.length; k += per) rows.push(factors.slice(k, k + per).join(' \\cdot '));
  return `\\begin{aligned} ${head} & ${rows.join(' \\\\ & \\cdot ')} ${tail} \\end{aligned}`;
}

/** TeX lines (for display) and a whole LaTeX document (for export) of one entry's derivation. */
export function chainTex(trace, key, info) {
  const byId = new Map(trace.forward.map((f) => [f.id, f]));
  const rootNode = byId.get(trace.root);
  const C = textTex(rootNode.name || 'loss');
  const w = entryTex(byId.get(info.param.id), info.entry);
  const lines = [];
  const lhs = `\\frac{\\partial ${C}}{\\partial ${w}}`;
  if (!info.chain) {
    lines.push(`${lhs} = ${numberTex(info.gradient, 6)}`);
  } else {
    const paths = info.chain.paths; // each {nodes, entries, factors: numbers, product}
    lines.push(`${lhs} = \\sum_{\\text{paths } p} \\; \\prod_{k} \\frac{\\partial\\, (\\text{node } k \\text{ of } p)}{\\partial\\, (\\text{node } k{+}1)}`
      + `\\quad\\text{(${paths.length} path${paths.length === 1 ? '' : 's'})}`);
    paths.slice(0, MAX_PATHS).forEach((path, n) => {
      const symbols = path.factors.map((_, k) => {
        const top = entryTex(byId.get(path.nodes[k]), path.entries[k]);
        const bottom = entryTex(byId.get(path.nodes[k + 1]), path.entries[k + 1]);
        return `\\frac{\\partial ${top}}{\\partial ${bottom}}`;
      });
      const numbers = path.factors.map((f, k) => (k > 0 && f < 0 ? `(${numberTex(f, 4)})` : numberTex(f, 4)));
      lines.push(wrapped(`p_{${n + 1}} =`, symbols, PER_LINE_SYMBOLS));
      lines.push(wrapped(`\\phantom{p_{${n + 1}}} =`, numbers, PER_LINE_NUMBERS, `= ${numberTex(path.product, 6)}`));
    });
    const shown = paths.slice(0, MAX_PATHS).map((_, n) => `p_{${n + 1}}`);
    if (paths.length > MAX_PATHS) shown.push(`\\dots + p_{${paths.length}}`);
    if (info.chain.complete) {
      lines.push(`${lhs} = ${shown.join(' + ')} = ${numberTex(info.chain.pathSum, 6)}`);
    } else {
      // The engine listed only some of the paths: their sum is not the gradient, and must not say so.
      lines.push(`${shown.join(' + ')} = ${numberTex(info.chain.pathSum, 6)}\\quad\\text{(the listed paths only: the chain has more paths than the trace lists)}`);
    }
  }
  const fd = info.numeric === null ? '' : `\\quad\\text{(finite differences: }${numberTex(info.numeric, 6)}\\text{)}`;
  lines.push(`\\text{engine's gradient: } ${numberTex(info.gradient, 10)}${fd}`);
  const tex = lines.join(' \\\\\n');
  const document = [
    '% Derivation exported by the matrix-calculus playground; every number computed by the engine.',
    '\\documentclass{article}', '\\usepackage{amsmath}', '\\begin{document}',
    `\\section*{Gradient of ${info.name.replace(/[[\]]/g, (ch) => `{${ch}}`)}, step ${trace.step?.number ?? ''}}`,
    '\\begin{align*}', ...lines.map((l, k) => `  & ${l}${k < lines.length - 1 ? ' \\\\' : ''}`), '\\end{align*}',
    '\\end{document}', '',
  ].join('\n');
  return { tex, lines, document };
}
