// The code the calculator offers to copy: the engine's closed forms (answer.symbolic.tree, trees
// {k, r, c, a, v} from engine/symbolic/answer.cpp) printed as NumPy or PyTorch, inside a NumPy function
// giving the value and the derivative with shape asserts and a finite-difference check, and a PyTorch
// script that checks the closed form against autograd. Text only: the page computes nothing. Every
// array is 2-D (a vector is n x 1), as in the engine.
import { dims as dimsOf } from './answer.js';

const dims = ([r, c]) => `(${r}, ${c})`;
const num = (x) => String(x);

// Python's binding strengths: 1 sum, 2 product, 3 unary minus, 4 power, 6 atom.
function prec(t) {
  switch (t.k) {
    case 'add': return 1;
    case 'scale': case 'matmul': case 'hadamard': case 'divide': return 2;
    case 'number': return t.v < 0 ? 3 : 6;
    case 'power': return 4;
    default: return 6;
  }
}

/** A tree as Python; lib is 'numpy' or 'torch'. */
export function python(t, lib) {
  const np = lib === 'numpy' ? 'np' : 'torch';
  const f64 = lib === 'torch' ? ', dtype=torch.float64' : '';
  const p = (x) => python(x, lib);
  const wrap = (x, atLeast) => (prec(x) >= atLeast ? p(x) : `(${p(x)})`);
  const size = lib === 'numpy' ? `(${t.r}, ${t.c})` : `${t.r}, ${t.c}`;
  const a = t.a ?? [];
  switch (t.k) {
    case 'variable': return t.v;
    case 'number': return num(t.v);
    case 'literal': return `${lib === 'numpy' ? 'np.array' : 'torch.tensor'}(${JSON.stringify(t.v).replaceAll(',', ', ')}${f64})`;
    case 'zero': return `${np}.zeros(${size}${f64})`;
    case 'ones': return `${np}.ones(${size}${f64})`;
    case 'identity': return `${np}.eye(${t.r}${f64})`;
    case 'add': return a.map((x, i) => {
      const minus = (x.k === 'scale' || x.k === 'number') && x.v < 0;
      const term = !minus ? wrap(x, 2) : x.k === 'number' ? num(-x.v) : wrap({ ...x, v: -x.v }, 2);
      return i === 0 ? (minus ? `-${term}` : term) : `${minus ? ' - ' : ' + '}${term}`;
    }).join('');
    case 'scale': return t.v === 1 ? p(a[0]) : `${t.v === -1 ? '-' : `${num(t.v)} * `}${wrap(a[0], 3)}`;
    case 'matmul': return a.map((x, i) => wrap(x, i === 0 ? 2 : 3)).join(' @ ');
    case 'hadamard': return `${wrap(a[0], 2)} * ${wrap(a[1], 3)}`;
    case 'divide': return `${wrap(a[0], 2)} / ${wrap(a[1], 3)}`;
    case 'power': return `${wrap(a[0], 6)} ** ${num(t.v)}`;
    case 'transpose': return `${wrap(a[0], 6)}.T`;
    case 'apply':
      if (t.v === 'sigmoid') return lib === 'numpy' ? `1 / (1 + np.exp(-${wrap(a[0], 6)}))` : `torch.sigmoid(${p(a[0])})`;
      if (t.v === 'relu') return lib === 'numpy' ? `np.maximum(${p(a[0])}, 0)` : `torch.relu(${p(a[0])})`;
      if (t.v === 'step') return `(${p(a[0])} > 0)${lib === 'numpy' ? '.astype(float)' : '.double()'}`;
      return `${np}.${t.v}(${p(a[0])})`;
    case 'sum': return `${np}.sum(${p(a[0])})`;
    case 'stack': return `${np}.vstack([${p(a[0])}, ${p(a[1])}])`;
    // .flatten() binds tighter than the operators inside the argument: the argument is wrapped unless an atom
    case 'diag': return lib === 'numpy' ? `np.diagflat(${p(a[0])})` : `torch.diag(${wrap(a[0], 6)}.flatten())`;
    default: throw new Error(`code export: unknown node kind ${t.k}`);
  }
}

function code(answer, lib) {
  const t = answer.symbolic.tree;
  return {
    where: t.where.map(([name, tree]) => [name, python(tree, lib)]),
    value: python(t.value, lib),
    derivative: python(t.derivative, lib),
  };
}

function variablesOf(answer) {
  return answer.variables.map((v) => ({ name: v.name, dims: dimsOf(v.value) }));
}

/** A NumPy script: value_and_derivative(...) and a central-difference check at a random point. */
export function numpySnippet(answer) {
  const py = code(answer, 'numpy');
  const vars = variablesOf(answer);
  const wrt = answer.derivative.wrt;
  const gradient = answer.derivative.kind === 'gradient';
  const args = vars.map((v) => v.name).join(', ');
  const swap = (w) => vars.map((v) => (v.name === wrt ? w : v.name)).join(', ');
  return [
    'import numpy as np', '', '',
    `def value_and_derivative(${args}):`,
    ...vars.map((v) => `    assert ${v.name}.shape == ${dims(v.dims)}`),
    ...py.where.map(([name, code]) => `    ${name} = ${code}`),
    `    value = ${py.value}`,
    `    derivative = ${py.derivative}  # ${gradient ? `the gradient, shaped like ${wrt}` : 'the Jacobian, numerator layout'}`,
    '    return value, derivative', '', '',
    '# a finite-difference check at a random point',
    'rng = np.random.default_rng(0)',
    ...vars.map((v) => `${v.name} = rng.uniform(0.2, 1.2, ${dims(v.dims)})`),
    `value, derivative = value_and_derivative(${args})`,
    'h = 1e-6',
    `numeric = np.zeros((np.size(value), ${wrt}.size))`,
    `for j in range(${wrt}.size):`,
    `    step = np.zeros(${wrt}.size)`,
    '    step[j] = h',
    `    step = step.reshape(${wrt}.shape, order='F')`,
    `    numeric[:, j] = ((value_and_derivative(${swap(`${wrt} + step`)})[0] - value_and_derivative(${swap(`${wrt} - step`)})[0]) / (2 * h)).flatten(order='F')`,
    gradient ? "assert np.allclose(derivative.flatten(order='F'), numeric.flatten(), rtol=1e-5, atol=1e-7)"
      : 'assert np.allclose(derivative, numeric, rtol=1e-5, atol=1e-7)',
    "print('the closed form agrees with central differences')", '',
  ].join('\n');
}

/** A PyTorch script: the closed form against autograd at a random point. */
export function torchSnippet(answer) {
  const py = code(answer, 'torch');
  const vars = variablesOf(answer);
  const wrt = answer.derivative.wrt;
  const lines = ['import torch', '', 'torch.manual_seed(0)',
    ...vars.map((v) => `${v.name} = (0.2 + torch.rand(${v.dims[0]}, ${v.dims[1]}, dtype=torch.float64))${v.name === wrt ? '.requires_grad_()' : ''}`),
    ...py.where.map(([name, code]) => `${name} = ${code}`),
    `value = ${py.value}`];
  if (answer.derivative.kind === 'gradient') {
    lines.push('value.sum().backward()', 'with torch.no_grad():', `    closed = ${py.derivative}`,
      `assert torch.allclose(${wrt}.grad, closed), (${wrt}.grad, closed)`);
  } else {
    lines.push(`autograd = torch.autograd.functional.jacobian(lambda v: (lambda ${wrt}: ${py.value})(v).flatten(), ${wrt}).reshape(value.numel(), -1)`,
      'with torch.no_grad():', `    closed = ${py.derivative}`, 'assert torch.allclose(autograd, closed), (autograd, closed)');
  }
  lines.push("print('the closed form agrees with autograd')", '');
  return lines.join('\n');
}
