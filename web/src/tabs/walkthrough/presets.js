// Presets of the walk-through: they set the playground's URL state (so the network drawing, the link and
// the controls all follow), wait for the engine to rebuild the network, then set data / weights where the
// lesson needs exact numbers. Every number of the step itself is computed by the engine.

export const PRESETS = {
  neuron: {
    title: 'Single neuron: z = w·x + b, ReLU, MSE over a batch',
    note: 'One ReLU unit on the "neuron" data set (y = max(0, 0.8 x - 0.5 y + 1) + noise), MSE over a batch of 5: '
      + 'the walk-through shows the per-sample ReLU mask at the relu node.',
    // The paper's neuron (sections 5 and 6): one ReLU unit fitted to y = max(0, 0.8 x - 0.5 y + 1) + noise.
    state: {
      dataset: 'neuron', features: ['x', 'y'], hidden: [], output: 'relu', loss: 'mse', optimizer: 'sgd',
      lr: 0.01, batch: 5, reg: 'none', noise: 0.1, points: 100, trainFraction: 0.5,
    },
    matches: (c) => c.dataset?.name === 'neuron' && c.layers.length === 2 && c.output === 'relu' && c.batch === 5,
    granularity: 'batch',
  },
  classic: {
    title: '2-2-1 sigmoid network with two biases (the classic hand-worked example)',
    note: 'Input (0.05, 0.10), target 0.01, W1 = [[0.15, 0.20], [0.25, 0.30]], W2 = [0.40, 0.45]; the two biases 0.35 and 0.60 '
      + 'are set on every unit of their layer (here each unit has its own bias: the gradient of one shared bias would be the sum of its entries). '
      + 'The loss is the engine\'s MSE, (y - t)^2 without the 1/2, so its gradients are twice the 1/2-convention ones.',
    // The hand-worked example's numbers: input (0.05, 0.10), target 0.01, W1 = [[.15 .20] [.25 .30]],
    // b1 = .35 for both hidden units, W2 = [.40 .45], b2 = .60 (learning rate 0.3: the page's pick list
    // has no 0.5; the gradients do not depend on it).
    state: {
      dataset: 'reg-plane', features: ['x', 'y'], hidden: [2], activation: 'sigmoid', output: 'sigmoid',
      loss: 'mse', optimizer: 'sgd', lr: 0.3, batch: 1, reg: 'none', trainFraction: 0.5,
    },
    matches: (c) => c.dataset?.name === 'reg-plane' && c.layers.join() === '2,2,1' && c.output === 'sigmoid' && c.batch === 1,
    // Two copies of the one point: half go to the training set, half to the test set.
    points: '[[0.05, 0.10, 0.01], [0.05, 0.10, 0.01]]',
    weights: [[0, 0, 0, 0.15], [0, 0, 1, 0.20], [0, 1, 0, 0.25], [0, 1, 1, 0.30], [1, 0, 0, 0.40], [1, 0, 1, 0.45]],
    biases: [[0, 0, 0.35], [0, 1, 0.35], [1, 0, 0.60]],
    granularity: 'sample',
  },
  mazur: {
    title: 'Mazur\'s 2-2-2 step by step (two sigmoid outputs, his published numbers beside ours)',
    note: 'Matt Mazur\'s "A Step by Step Backpropagation Example": input (0.05, 0.10), targets (0.01, 0.99), '
      + 'sigmoid hidden and output units, E = Σ ½(target − out)², learning rate 0.5. The engine\'s MSE is the mean over '
      + 'the N × m entries: with one sample and two outputs that is exactly his ½ Σ.',
    state: {
      dataset: 'reg-plane', features: ['x', 'y'], hidden: [2], activation: 'sigmoid', output: 'sigmoid',
      loss: 'mse', optimizer: 'sgd', lr: 0.5, batch: 1, reg: 'none', trainFraction: 0.5,
    },
    matches: (c) => c.dataset?.name === 'reg-plane' && c.layers.join() === '2,2,1' && c.output === 'sigmoid' &&
      c.batch === 1 && c.optimizer.lr === 0.5,
    // Two copies of his one sample (two inputs, two targets): one for training, one for the test set.
    points: JSON.stringify([{ x: [0.05, 0.10], y: [0.01, 0.99] }, { x: [0.05, 0.10], y: [0.01, 0.99] }]),
    weights: [[0, 0, 0, 0.15], [0, 0, 1, 0.20], [0, 1, 0, 0.25], [0, 1, 1, 0.30],
      [1, 0, 0, 0.40], [1, 0, 1, 0.45], [1, 1, 0, 0.50], [1, 1, 1, 0.55]],
    // his one bias per layer, set on every unit of the layer
    biases: [[0, 0, 0.35], [0, 1, 0.35], [1, 0, 0.60], [1, 1, 0.60]],
    granularity: 'sample',
    published: 'mazur', // published_view.js shows his numbers beside the engine's
  },
};

function waitForConfig(ctx, matches, timeoutMs = 15000) {
  const now = ctx.playground?.latest()?.snapshot;
  if (now && matches(now.config)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { ctx.bus.removeEventListener('snapshot', on); reject(new Error('the network was not rebuilt in time')); }, timeoutMs);
    function on(e) {
      if (!matches(e.detail.snapshot.config)) return;
      clearTimeout(timer);
      ctx.bus.removeEventListener('snapshot', on);
      resolve(e.detail.snapshot);
    }
    ctx.bus.addEventListener('snapshot', on);
  });
}

/** Applies a preset; resolves with the granularity its walk-through uses. */
export async function applyPreset(ctx, name) {
  const preset = PRESETS[name];
  ctx.playground.pause();
  ctx.state.set(preset.state);
  await waitForConfig(ctx, preset.matches);
  if (preset.points) await ctx.client.call('setPoints', { text: preset.points, mode: 'replace' });
  for (const [layer, i, j, value] of preset.weights ?? []) await ctx.client.call('setWeight', { layer, i, j, value });
  for (const [layer, i, value] of preset.biases ?? []) await ctx.client.call('setBias', { layer, i, value });
  return preset.granularity;
}
