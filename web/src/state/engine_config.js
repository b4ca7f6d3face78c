// Maps the URL state (schema.js rows) onto the engine's Config (web/engine/client.d.ts). A renaming
// only: values are already in the engine's units, and the engine takes `hidden` (it knows the inputs
// and outputs of the data set).
export function engineConfig(state) {
  const config = {
    hidden: state.hidden,
    activation: state.activation,
    batch: state.batch,
    init: state.init,
    seed: state.seed,
    features: state.features,
    optimizer: { name: state.optimizer, lr: state.lr },
    regularization: { kind: state.reg, rate: state.reg === 'none' ? 0 : state.regRate },
    dataset: {
      name: state.dataset, n: state.points, noise: state.noise, seed: state.seed,
      train_fraction: state.trainFraction,
    },
  };
  if (state.output !== 'auto') config.output = state.output;
  if (state.loss !== 'auto') config.loss = state.loss;
  return config;
}

/** The live part of the config (rows the engine marks live): applied to the running network. */
export function liveSettings(state) {
  const { optimizer, regularization } = engineConfig(state);
  return { optimizer, regularization };
}

/** The rows whose change only needs a new network, not new data (the learner's points are kept). */
export const DATA_ROWS = ['dataset', 'noise', 'trainFraction', 'points', 'seed'];
