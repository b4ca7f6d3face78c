// Drives the playground's network through the worker: one queue of requests (so replies apply in
// order), the play loop (one time-boxed `train` request per animation frame: the worker computes, the
// main thread only draws), and the loss history. Reports every new snapshot through onUpdate.
import { historyRow } from '../../worker/protocol.js';
import { timed } from '../../views/timing.js';

const MAX_HISTORY = 5000; // rows kept for the chart; older rows are thinned (every other one dropped)

export function createRunner(client, { onUpdate, onError, onPlayChange, speed = () => 'max', res = 64, thumbRes = 24 }) {
  let queue = Promise.resolve();
  let history = [];
  let latest = null;
  let playing = false;
  const sizes = { res, thumbRes };

  function enqueue(type, args = {}) {
    const result = queue.then(() => client.call(type, { ...args, ...sizes }));
    queue = result.catch(() => {});
    return result;
  }

  function addRows(rows) {
    for (const row of rows) {
      if (history.length && history.at(-1).step === row.step) history[history.length - 1] = row;
      else history.push(row);
    }
    if (history.length > MAX_HISTORY) history = history.filter((_, k) => k % 2 === 0 || k === history.length - 1);
  }

  function apply(snapshot, rows) {
    if (!snapshot.points) snapshot.points = latest?.points ?? { train: [], test: [] }; // a training reply: unchanged
    latest = snapshot;
    timed('history', () => addRows(rows ?? [historyRow(snapshot.metrics)]));
    timed('total', () => onUpdate(snapshot, history));
  }

  function setPlaying(p) {
    if (playing === p) return;
    playing = p;
    onPlayChange?.(p);
    if (p) loop();
  }

  function handleTrain(r) {
    apply(r.snapshot, r.history);
    if (r.status !== 'ok') {
      setPlaying(false);
      onError(r.message || 'training diverged');
    }
    return r;
  }

  async function loop() {
    while (playing) {
      try {
        const epochs = speed() === 'max' ? undefined : Number(speed());
        handleTrain(await enqueue('train', { budgetMs: 25, epochs }));
      } catch (e) {
        setPlaying(false);
        onError(e.message);
      }
      await new Promise((ok) => requestAnimationFrame(ok));
    }
  }

  // Runs a request whose result is a snapshot; errors go to onError and leave the page as it was.
  async function update(type, args, { resetHistory = false } = {}) {
    try {
      const snapshot = await enqueue(type, args);
      if (resetHistory) history = [];
      apply(snapshot);
      return snapshot;
    } catch (e) {
      onError(e.message);
      return null;
    }
  }

  return {
    get playing() { return playing; },
    latest: () => ({ snapshot: latest, history }),
    play: () => setPlaying(true),
    pause: () => setPlaying(false),
    toggle: () => setPlaying(!playing),
    configure: (config, keepPoints) => update('configure', { config, keepPoints }, { resetHistory: true }),
    // Live settings keep the network, its step counter and the loss history.
    applySettings: (settings) => update('applySettings', { settings }),
    reset: (seed) => update('reset', { seed }, { resetHistory: true }),
    setWeight: (layer, i, j, value) => update('setWeight', { layer, i, j, value }),
    setBias: (layer, i, value) => update('setBias', { layer, i, value }),
    addPoint: (x, y, label) => update('addPoint', { x, y, label }),
    setPoints: (text, mode = 'add') => update('setPoints', { text, mode }),
    // Imported points replace the data set; the network is rebuilt for their inputs and outputs.
    importPoints: (text) => update('setPoints', { text, mode: 'replace' }, { resetHistory: true }),
    setInputPair: (x, y) => update('setInputPair', { x, y }),
    importModel: (json) => update('importModel', { json }, { resetHistory: true }),
    exportModel: () => enqueue('exportModel').then((r) => r.json),
    exportScript: (framework) => enqueue('exportScript', { framework }).then((r) => r.text),
    async step(granularity) {
      try {
        return handleTrain(await enqueue('step', { granularity }));
      } catch (e) {
        onError(e.message);
        return null;
      }
    },
    async stepTraced(granularity) {
      const r = await enqueue('stepTraced', { granularity });
      apply(r.snapshot, r.history);
      return r;
    },
    previews: (names, config) => enqueue('previews', { names, config }),
  };
}
