// The lessons, numbered 3 to 11 in the paper's order (sections 2 to 6). Pure data, no maths:
// every number the page shows comes from the engine's calculator (run_lesson.js).
//
// A lesson:
//   item     the lesson's number (the `lesson` URL field)
//   section  the paper's section it follows (number and title)
//   title, text (paragraphs, our own words; $...$ is inline TeX)
//   vars     [[name, type]] declarations, type as in the language: 'scalar', 'vec(3)', 'mat(4,2)'
//   points   values for the vars ("try another point" walks this list in order)
//   body     definitions and expressions after the declarations (the language of engine/expr/parser.hpp)
//   checks   one per rule shown:
//     label    TeX of the derivative asked for, e.g. '\\partial f / \\partial x'
//     paper    TeX of the paper's closed form
//     output   the definition to differentiate
//     wrt      the variables; with several, the engine sets their Jacobians side by side (numerator
//              layout: one block of columns per variable), as the paper writes [df/dx, df/dy]
//     closed   the closed form written in the language: the engine evaluates it at the same point
//     defs     optional definitions the closed form needs (an identity matrix, or the paper's "where
//              z > 0" cases as the mask m = z > 0: 1 where z_i > 0, else 0, evaluated by the engine)
// Closed forms are Jacobians in numerator layout (a gradient of a scalar is a 1 x n row), as the
// paper writes them.

const I3 = 'I = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]';

export const LESSONS = [
  {
    item: 3,
    section: '2 Review: Scalar derivative rules',
    title: 'Scalar derivative rules',
    text: [
      'Everything later is built from a handful of rules for functions of one number. A constant does not change, so its derivative is 0. A constant factor stays in front: $(cf)\' = c f\'$. A power loses one degree and brings it down: $(x^n)\' = n x^{n-1}$. Sums and differences are differentiated term by term.',
      'A product needs both factors in turn: $(fg)\' = f g\' + f\' g$. For a function of a function, $f(g(x))$, name the inside $u = g(x)$ and multiply the two slopes: $\\frac{df}{du}\\frac{du}{dx}$ (the chain rule).',
      'The engine never uses these formulas as text: it records each operation on a tape and applies the local rule of each one. Below, its answers stand next to the rules evaluated at the same $x$.',
    ],
    vars: [['x', 'scalar']],
    points: [{ x: 2 }, { x: -1.5 }, { x: 0.7 }, { x: 3 }],
    body: [
      'c = 5 + 0x      # a constant (0x only makes it a function of x)',
      'a = 4x^3        # c f with f = x^3',
      'p = x^5',
      's = x^2 + sin(x)',
      'd = x^3 - 2x',
      'g = x^2 sin(x)  # a product',
      'h = sin(x^2)    # a chain: u = x^2',
    ],
    checks: [
      { label: '\\frac{d}{dx}\\,5', paper: '0', output: 'c', wrt: ['x'], closed: '0' },
      { label: '\\frac{d}{dx}\\,4x^3', paper: '4 \\cdot 3x^2', output: 'a', wrt: ['x'], closed: '4 * 3x^2' },
      { label: '\\frac{d}{dx}\\,x^5', paper: '5x^4', output: 'p', wrt: ['x'], closed: '5x^4' },
      { label: '\\frac{d}{dx}(x^2 + \\sin x)', paper: '2x + \\cos x', output: 's', wrt: ['x'], closed: '2x + cos(x)' },
      { label: '\\frac{d}{dx}(x^3 - 2x)', paper: '3x^2 - 2', output: 'd', wrt: ['x'], closed: '3x^2 - 2' },
      { label: '\\frac{d}{dx}\\,x^2 \\sin x', paper: 'x^2 \\cos x + 2x \\sin x', output: 'g', wrt: ['x'], closed: 'x^2 cos(x) + 2x sin(x)' },
      { label: '\\frac{d}{dx}\\sin(x^2)', paper: '\\cos(x^2) \\cdot 2x', output: 'h', wrt: ['x'], closed: 'cos(x^2) * 2x' },
    ],
  },
  {
    item: 4,
    section: '3 Introduction to vector calculus and partial derivatives',
    title: 'Partial derivatives and the gradient',
    text: [
      'With two inputs, ask how the function moves when only one of them moves: hold $y$ fixed and differentiate in $x$, then the other way round. These are the partial derivatives.',
      'For $f(x, y) = 3x^2 y$: treating $y$ as a constant gives $\\partial f/\\partial x = 6xy$; treating $x$ as a constant gives $\\partial f/\\partial y = 3x^2$. Written side by side they form the gradient $\\nabla f = [6xy,\\ 3x^2]$. The same for $g(x, y) = 2x + y^8$ gives $[2,\\ 8y^7]$.',
      'The engine is asked for the derivative by both variables at once and puts the two partials side by side, in the order the paper writes them.',
    ],
    vars: [['x', 'scalar'], ['y', 'scalar']],
    points: [{ x: 2, y: 3 }, { x: -1, y: 0.5 }, { x: 0.3, y: -1.2 }, { x: 1.5, y: 1.1 }],
    body: ['f = 3x^2 y', 'g = 2x + y^8'],
    checks: [
      { label: '\\nabla f(x, y)', paper: '[6xy,\\ 3x^2]', output: 'f', wrt: ['x', 'y'], closed: "[6x y, 3x^2]'" },
      { label: '\\nabla g(x, y)', paper: '[2,\\ 8y^7]', output: 'g', wrt: ['x', 'y'], closed: "[2, 8y^7]'" },
    ],
  },
  {
    item: 5,
    section: '4.1 Generalization of the Jacobian',
    title: 'The Jacobian',
    text: [
      'Several functions of the same inputs give several gradients. Stack them as rows and you have the Jacobian matrix: row $i$ belongs to output $i$, column $j$ to input $j$. With $m$ outputs and $n$ inputs it is $m \\times n$; the paper calls this the numerator layout.',
      'For $f = 3x^2 y$ and $g = 2x + y^8$ the Jacobian of $[f, g]$ is $\\begin{bmatrix} 6xy & 3x^2 \\\\ 2 & 8y^7 \\end{bmatrix}$.',
      'The simplest vector function, the identity $f(\\mathbf{v}) = \\mathbf{v}$, has the identity matrix $I$ as its Jacobian: output $i$ moves one for one with input $i$ and ignores the rest.',
    ],
    vars: [['x', 'scalar'], ['y', 'scalar'], ['v', 'vec(3)']],
    points: [
      { x: 2, y: 1, v: [1, 2, 3] },
      { x: 1, y: -1, v: [-0.5, 4, 2] },
      { x: 0.5, y: 1.5, v: [0, 1, -1] },
      { x: -2, y: 0.8, v: [3, 3, 3] },
    ],
    body: ['F = [3x^2 y, 2x + y^8]', 'id = v'],
    checks: [
      { label: '\\frac{\\partial [f, g]}{\\partial [x, y]}', paper: '\\begin{bmatrix} 6xy & 3x^2 \\\\ 2 & 8y^7 \\end{bmatrix}', output: 'F', wrt: ['x', 'y'], closed: '[[6x y, 3x^2], [2, 8y^7]]' },
      { label: '\\frac{\\partial \\mathbf{v}}{\\partial \\mathbf{v}}', paper: 'I', output: 'id', wrt: ['v'], closed: 'I', defs: [I3] },
    ],
  },
  {
    item: 6,
    section: '4.2 Derivatives of vector element-wise binary operators',
    title: 'Element-wise binary operations',
    text: [
      'Adding, subtracting, multiplying or dividing two vectors entry by entry pairs entry $i$ with entry $i$ only. So output $i$ depends on input $i$ alone, and every Jacobian of such an operation is diagonal.',
      'For $\\mathbf{w} + \\mathbf{x}$ both Jacobians are $I$; for $\\mathbf{w} - \\mathbf{x}$ the one for $\\mathbf{x}$ is $-I$. For the product $\\mathbf{w} \\otimes \\mathbf{x}$ the diagonal holds the other factor: $\\mathrm{diag}(\\mathbf{x})$ for $\\mathbf{w}$ and $\\mathrm{diag}(\\mathbf{w})$ for $\\mathbf{x}$. Division gives $\\mathrm{diag}(1/x_i)$ and $\\mathrm{diag}(-w_i/x_i^2)$.',
      'The language has no diag, so the closed forms write $\\mathrm{diag}(\\mathbf{x})$ as $I \\otimes (\\mathbf{x}\\,\\mathbf{1}^T)$: the identity keeps only the diagonal of a matrix whose row $i$ is all $x_i$.',
    ],
    vars: [['w', 'vec(3)'], ['x', 'vec(3)']],
    points: [
      { w: [1, 2, 3], x: [4, 5, 6] },
      { w: [-1, 0.5, 2], x: [2, -3, 0.25] },
      { w: [0, 1, -2], x: [1, 1, 1] },
      { w: [2.5, -1, 1], x: [-0.5, 2, 3] },
    ],
    body: ['add = w + x', 'sub = w - x', 'mul = w * x', 'div = w / x'],
    checks: [
      { label: '\\frac{\\partial (\\mathbf{w}+\\mathbf{x})}{\\partial \\mathbf{w}}', paper: 'I', output: 'add', wrt: ['w'], closed: 'I', defs: [I3] },
      { label: '\\frac{\\partial (\\mathbf{w}+\\mathbf{x})}{\\partial \\mathbf{x}}', paper: 'I', output: 'add', wrt: ['x'], closed: 'I', defs: [I3] },
      { label: '\\frac{\\partial (\\mathbf{w}-\\mathbf{x})}{\\partial \\mathbf{w}}', paper: 'I', output: 'sub', wrt: ['w'], closed: 'I', defs: [I3] },
      { label: '\\frac{\\partial (\\mathbf{w}-\\mathbf{x})}{\\partial \\mathbf{x}}', paper: '-I', output: 'sub', wrt: ['x'], closed: '-I', defs: [I3] },
      { label: '\\frac{\\partial (\\mathbf{w}\\otimes\\mathbf{x})}{\\partial \\mathbf{w}}', paper: '\\mathrm{diag}(\\mathbf{x})', output: 'mul', wrt: ['w'], closed: "I * (x @ [1, 1, 1]')", defs: [I3] },
      { label: '\\frac{\\partial (\\mathbf{w}\\otimes\\mathbf{x})}{\\partial \\mathbf{x}}', paper: '\\mathrm{diag}(\\mathbf{w})', output: 'mul', wrt: ['x'], closed: "I * (w @ [1, 1, 1]')", defs: [I3] },
      { label: '\\frac{\\partial (\\mathbf{w}\\oslash\\mathbf{x})}{\\partial \\mathbf{w}}', paper: '\\mathrm{diag}(1/x_i)', output: 'div', wrt: ['w'], closed: "I * ((1/x) @ [1, 1, 1]')", defs: [I3] },
      { label: '\\frac{\\partial (\\mathbf{w}\\oslash\\mathbf{x})}{\\partial \\mathbf{x}}', paper: '\\mathrm{diag}(-w_i/x_i^2)', output: 'div', wrt: ['x'], closed: "I * ((-w/x^2) @ [1, 1, 1]')", defs: [I3] },
    ],
  },
  {
    item: 7,
    section: '4.3 Derivatives involving scalar expansion',
    title: 'Scalar expansion',
    text: [
      'Adding a single number $z$ to a vector $\\mathbf{x}$ means adding it to every entry: the scalar is silently expanded to a vector of copies. The derivatives follow from that picture.',
      'For $\\mathbf{y} = \\mathbf{x} + z$: each $y_i$ moves one for one with $x_i$, so $\\partial \\mathbf{y}/\\partial \\mathbf{x} = I$; and every $y_i$ moves one for one with $z$, so $\\partial \\mathbf{y}/\\partial z$ is a column of ones.',
      'For $\\mathbf{y} = \\mathbf{x} z$: $\\partial \\mathbf{y}/\\partial \\mathbf{x} = zI$ and $\\partial \\mathbf{y}/\\partial z = \\mathbf{x}$.',
    ],
    vars: [['x', 'vec(3)'], ['z', 'scalar']],
    points: [
      { x: [1, 2, 3], z: 2 },
      { x: [-1, 0.5, 4], z: -0.5 },
      { x: [0, 2, -2], z: 3 },
      { x: [1.5, 1.5, -1], z: 0.1 },
    ],
    body: ['ya = x + z', 'ym = x * z'],
    checks: [
      { label: '\\frac{\\partial (\\mathbf{x}+z)}{\\partial \\mathbf{x}}', paper: 'I', output: 'ya', wrt: ['x'], closed: 'I', defs: [I3] },
      { label: '\\frac{\\partial (\\mathbf{x}+z)}{\\partial z}', paper: '\\vec{1}', output: 'ya', wrt: ['z'], closed: '[1, 1, 1]' },
      { label: '\\frac{\\partial (\\mathbf{x}z)}{\\partial \\mathbf{x}}', paper: 'zI', output: 'ym', wrt: ['x'], closed: 'z I', defs: [I3] },
      { label: '\\frac{\\partial (\\mathbf{x}z)}{\\partial z}', paper: '\\mathbf{x}', output: 'ym', wrt: ['z'], closed: 'x' },
    ],
  },
  {
    item: 8,
    section: '4.4 Vector sum reduction',
    title: 'Vector sum reduction',
    text: [
      'Summing the entries of a vector function, $y = \\sum_i f_i(\\mathbf{x})$, turns many outputs into one. Its derivative by $x_j$ is the sum of the derivatives of every $f_i$ by $x_j$, so the result is a row: one entry per input.',
      'With $f_i = x_i$ that row is all ones, $\\mathbf{1}^T$. With $f_i = x_i^2$ it is $2\\mathbf{x}^T$. With $f_i = x_i z$ each entry is $z$, and by the scalar $z$ the derivative is $\\sum_i x_i$.',
    ],
    vars: [['x', 'vec(3)'], ['z', 'scalar']],
    points: [
      { x: [1, 2, 3], z: 2 },
      { x: [-1, 0.5, 4], z: -0.5 },
      { x: [0, 2, -2], z: 3 },
      { x: [1.5, 1.5, -1], z: 0.1 },
    ],
    body: ['s = sum(x)', 'q = sum(x^2)', 'sz = sum(x * z)'],
    checks: [
      { label: '\\frac{\\partial\\, \\mathrm{sum}(\\mathbf{x})}{\\partial \\mathbf{x}}', paper: '\\mathbf{1}^T', output: 's', wrt: ['x'], closed: "[1, 1, 1]'" },
      { label: '\\frac{\\partial\\, \\mathrm{sum}(\\mathbf{x}^2)}{\\partial \\mathbf{x}}', paper: '2\\mathbf{x}^T', output: 'q', wrt: ['x'], closed: "2x'" },
      { label: '\\frac{\\partial\\, \\mathrm{sum}(\\mathbf{x}z)}{\\partial \\mathbf{x}}', paper: '[z, z, z]', output: 'sz', wrt: ['x'], closed: "z * [1, 1, 1]'" },
      { label: '\\frac{\\partial\\, \\mathrm{sum}(\\mathbf{x}z)}{\\partial z}', paper: '\\mathrm{sum}(\\mathbf{x})', output: 'sz', wrt: ['z'], closed: 'sum(x)' },
    ],
  },
  {
    item: 9,
    section: '4.5 The Chain Rules',
    title: 'Chain rules',
    text: [
      'To differentiate a nested expression, give the inner parts names. For $y = \\sin(x^2)$ let $u = x^2$; then $dy/dx = \\frac{dy}{du}\\frac{du}{dx} = \\cos(u)\\, 2x$.',
      'When $x$ reaches the output along more than one path, add the paths up (the total-derivative rule): for $y = x u$ with $u = x^2$, $\\frac{dy}{dx} = \\frac{\\partial y}{\\partial x} + \\frac{\\partial y}{\\partial u}\\frac{du}{dx} = u + x \\cdot 2x$.',
      'For vectors the same rule multiplies Jacobians: $\\frac{\\partial \\mathbf{y}}{\\partial x} = \\frac{\\partial \\mathbf{y}}{\\partial \\mathbf{g}}\\frac{\\partial \\mathbf{g}}{\\partial x}$. The paper\'s example is $\\mathbf{y} = [\\ln(x^2), \\sin(3x)]$ with $\\mathbf{g} = [x^2, 3x]$; the closed form below is literally that product of a diagonal $2 \\times 2$ and a $2 \\times 1$ Jacobian.',
    ],
    vars: [['x', 'scalar']],
    points: [{ x: 2 }, { x: -0.8 }, { x: 1.3 }, { x: 0.4 }],
    body: ['u = x^2', 'h = sin(u)', 'p = x u', 'Y = [ln(x^2), sin(3x)]'],
    checks: [
      { label: '\\frac{d}{dx}\\sin(x^2)', paper: '\\cos(u)\\, 2x', output: 'h', wrt: ['x'], closed: 'cos(x^2) * 2x' },
      { label: '\\frac{d}{dx}\\, x u', paper: 'u + x \\cdot 2x', output: 'p', wrt: ['x'], closed: 'x^2 + x * 2x' },
      { label: '\\frac{\\partial}{\\partial x}[\\ln(x^2), \\sin(3x)]', paper: '\\begin{bmatrix} 1/g_1 & 0 \\\\ 0 & \\cos g_2 \\end{bmatrix} \\begin{bmatrix} 2x \\\\ 3 \\end{bmatrix}', output: 'Y', wrt: ['x'], closed: '[[1/x^2, 0], [0, cos(3x)]] @ [2x, 3]' },
    ],
  },
  {
    item: 10,
    section: '5 The gradient of neuron activation',
    title: "Gradient of a neuron's activation",
    text: [
      'A neuron computes $z = \\mathbf{w} \\cdot \\mathbf{x} + b$ and then $a = \\max(0, z)$. Write the dot product as two steps: $\\mathbf{u} = \\mathbf{w} \\otimes \\mathbf{x}$, then $y = \\mathrm{sum}(\\mathbf{u})$. The rules for element-wise products and for sums give $\\partial y/\\partial \\mathbf{w} = \\mathbf{x}^T$ and $\\partial y/\\partial \\mathbf{x} = \\mathbf{w}^T$.',
      'The rectifier passes its input through where $z > 0$ and flattens it elsewhere, so $\\partial a/\\partial \\mathbf{w}$ is $\\mathbf{x}^T$ where $z > 0$ and $\\mathbf{0}^T$ otherwise; $\\partial a/\\partial b$ is 1 or 0 in the same way.',
      'The closed forms below use $m = 1$ if the engine\'s $z$ is positive and $0$ if not; try the next points to see both cases.',
    ],
    vars: [['w', 'vec(3)'], ['x', 'vec(3)'], ['b', 'scalar']],
    points: [
      { w: [1, 2, 3], x: [0.5, -1, 2], b: 0.5 },
      { w: [1, -2, 0.5], x: [1, 2, -1], b: 0.5 },
      { w: [0.2, 0.4, -0.3], x: [2, 1, 1], b: -0.1 },
      { w: [-1, 1, 1], x: [3, 1, 0.5], b: 0.25 },
    ],
    body: ['u = w * x', 'y = sum(u)', 'z = y + b', 'a = max(0, z)'],
    checks: [
      { label: '\\frac{\\partial (\\mathbf{w}\\cdot\\mathbf{x})}{\\partial \\mathbf{w}}', paper: '\\mathbf{x}^T', output: 'y', wrt: ['w'], closed: "x'" },
      { label: '\\frac{\\partial (\\mathbf{w}\\cdot\\mathbf{x})}{\\partial \\mathbf{x}}', paper: '\\mathbf{w}^T', output: 'y', wrt: ['x'], closed: "w'" },
      { label: '\\frac{\\partial a}{\\partial \\mathbf{w}}', paper: '\\begin{cases} \\mathbf{0}^T & z \\le 0 \\\\ \\mathbf{x}^T & z > 0 \\end{cases}', output: 'a', wrt: ['w'], closed: "m x'", defs: ['m = z > 0'] },
      { label: '\\frac{\\partial a}{\\partial b}', paper: '\\begin{cases} 0 & z \\le 0 \\\\ 1 & z > 0 \\end{cases}', output: 'a', wrt: ['b'], closed: 'm', defs: ['m = z > 0'] },
    ],
  },
  {
    item: 11,
    section: '6 The gradient of the neural network loss function',
    title: 'Gradient of the loss',
    text: [
      'Training compares the neuron\'s outputs on $N$ inputs $\\mathbf{x}_i$ with targets $y_i$ through the mean squared error $C(\\mathbf{w}, b) = \\frac{1}{N}\\sum_i (y_i - \\max(0, \\mathbf{w}\\cdot\\mathbf{x}_i + b))^2$. Here the inputs are the rows of $X$ ($N = 4$).',
      'Samples with $z_i \\le 0$ are cut off by the rectifier and contribute nothing. The others give $\\frac{\\partial C}{\\partial \\mathbf{w}} = \\frac{2}{N}\\sum_{z_i > 0} (\\mathbf{w}\\cdot\\mathbf{x}_i + b - y_i)\\, \\mathbf{x}_i^T$ and $\\frac{\\partial C}{\\partial b} = \\frac{2}{N}\\sum_{z_i > 0} (\\mathbf{w}\\cdot\\mathbf{x}_i + b - y_i)$.',
      'In the closed forms, $m_i$ is 1 where the engine\'s $z_i > 0$ and 0 elsewhere, and the sum over samples is a product with $X$. Each point below is a different $(\\mathbf{w}, b)$: a different moment of training.',
    ],
    vars: [['X', 'mat(4,2)'], ['y', 'vec(4)'], ['w', 'vec(2)'], ['b', 'scalar']],
    points: [
      { X: [[1, 2], [2, -1], [-1.5, 0.5], [0.5, 3]], y: [3, 1, 0, 4], w: [0.8, 0.5], b: 0.1 },
      { X: [[1, 2], [2, -1], [-1.5, 0.5], [0.5, 3]], y: [3, 1, 0, 4], w: [-0.4, 1.2], b: -0.3 },
      { X: [[1, 2], [2, -1], [-1.5, 0.5], [0.5, 3]], y: [3, 1, 0, 4], w: [1.5, -0.2], b: 0.6 },
      { X: [[1, 2], [2, -1], [-1.5, 0.5], [0.5, 3]], y: [3, 1, 0, 4], w: [0.1, 0.1], b: -2 },
    ],
    body: ['z = X @ w + b', 'C = mean((y - max(0, z))^2)'],
    checks: [
      { label: '\\frac{\\partial C}{\\partial \\mathbf{w}}', paper: '\\frac{2}{N}\\sum_{z_i > 0} (\\mathbf{w}\\cdot\\mathbf{x}_i + b - y_i)\\, \\mathbf{x}_i^T', output: 'C', wrt: ['w'], closed: "(2/4) * ((m * (X @ w + b - y))' @ X)", defs: ['m = z > 0'] },
      { label: '\\frac{\\partial C}{\\partial b}', paper: '\\frac{2}{N}\\sum_{z_i > 0} (\\mathbf{w}\\cdot\\mathbf{x}_i + b - y_i)', output: 'C', wrt: ['b'], closed: '(2/4) * sum(m * (X @ w + b - y))', defs: ['m = z > 0'] },
    ],
  },
];

export const lessonByItem = (item) => LESSONS.find((l) => String(l.item) === String(item)) ?? null;
