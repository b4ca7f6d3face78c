// The message protocol between the page (main thread) and the engine worker, documented in ONE place.
// The worker (engine_worker.js) owns the wasm engine and the one Session; the page's side is owned by
// worker_client.js. Views never post messages themselves.
//
// Request  page -> worker : { id, type, ...args }
// Reply    worker -> page : { id, ok: true, result }  or  { id, ok: false, error: "<engine message>" }
//                           (+ position: { offset, line, column } for an error in calculate's program text;
//                            worker_client sets it on the rejected Error)
// Every request gets exactly one reply, in order. Typed arrays in results are transferred, not copied.
//
// type          args                                  result
// ------------  ------------------------------------  ---------------------------------------------
// init          {}                                    { version, configSchema }   (the engine's config fields)
// configure     { config, keepPoints }                Snapshot   (new session from an engine Config;
//                                                                 keepPoints: carry the user's points)
// applySettings { settings }                          Snapshot   (live fields only: optimizer and
//                                                                 regularization; network and step stay)
// train         { budgetMs, epochs, res, thumbRes }   Train      (steps by epoch until `epochs` are
//                                                                 done, budgetMs passes or the run
//                                                                 diverges; one history row per epoch)
// step          { granularity, res, thumbRes }        Train      (one sample | batch | epoch)
// stepTraced    { granularity, res, thumbRes }        { trace, snapshot }  (one traced sample | batch)
// snapshot      { res, thumbRes }                     Snapshot
// setWeight     { layer, i, j, value, res, thumbRes } Snapshot
// setBias       { layer, i, value, res, thumbRes }    Snapshot
// addPoint      { x, y, label, test, res, thumbRes }  Snapshot
// setPoints     { text, mode, res, thumbRes }         Snapshot   (CSV or JSON points; mode 'add' keeps
//                                                                 the current points; 'replace' rebuilds
//                                                                 the network on them: any number of inputs)
// setInputPair  { x, y, res, thumbRes }               Snapshot   (a table's input columns on the plot)
// whatIf        { weights, biases }                   Metrics    (of a copy with those parameters set)
// exportModel   {}                                    { json }
// exportScript  { framework }                         { text }   (a PyTorch / NumPy script of the network and one step)
// importModel   { json, res, thumbRes }               Snapshot
// reset         { seed, res, thumbRes }               Snapshot   (fresh weights; counters to 0)
// previews      { names, config }                     { [datasetName]: Point[] }  (thumbnails)
// calculate     { request }                           the engine's calculator answer (the calculator's own
//                                                                 wasm module, loaded on the first request)
//
// Snapshot = { metrics, grid, neuronGrids, weights, points, config, evaluation? }   (types: web/engine/client.d.ts;
//   evaluation, the confusion matrix or predicted vs target, only for a table: data with named columns)
// Train    = { status, message, step, epoch, history: HistoryRow[], snapshot }   (its snapshot has no
//            points: training does not change them, and 1000 of them per frame cost the page's thread)
// HistoryRow = { step, epoch, trainLoss, testLoss, trainLossReg, testLossReg, trainScore, testScore }
//   (score: accuracy for classification, R^2 for regression; all numbers from the engine's metrics())

export const REQUESTS = [
  'init', 'configure', 'applySettings', 'train', 'step', 'stepTraced', 'snapshot', 'setWeight', 'setBias', 'addPoint',
  'setPoints', 'setInputPair', 'whatIf', 'exportModel', 'exportScript', 'importModel', 'reset', 'previews', 'calculate',
];

/** Collects the ArrayBuffers of every typed array in a value, for postMessage's transfer list. */
export function transferables(value, out = [], seen = new Set()) {
  if (value && typeof value === 'object') {
    if (ArrayBuffer.isView(value)) {
      if (!seen.has(value.buffer)) { seen.add(value.buffer); out.push(value.buffer); }
    } else {
      for (const v of Object.values(value)) transferables(v, out, seen);
    }
  }
  return out;
}

/** The loss-curve row of the engine's metrics() (a renaming: every number is the engine's). */
export function historyRow(m) {
  const score = (s) => s.accuracy ?? s.r2;
  return {
    step: m.step, epoch: m.epoch,
    trainLoss: m.train.loss, testLoss: m.test.count ? m.test.loss : null,
    trainLossReg: m.train.lossWithReg, testLossReg: m.test.count ? m.test.lossWithReg : null,
    trainScore: score(m.train), testScore: m.test.count ? score(m.test) : null,
  };
}
