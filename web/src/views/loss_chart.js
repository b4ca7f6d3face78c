// Train and test loss over the training steps, with and without the regularisation term, drawn with
// uPlot (a ~20 KB gzip canvas chart made for fast-growing time series; its legend is the hover readout
// of every series at the cursor). Draws the history rows it is given (protocol.js HistoryRow).
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const SERIES = [
  { key: 'trainLoss', label: 'train loss', stroke: '#1f5fa8', width: 2 },
  { key: 'testLoss', label: 'test loss', stroke: '#c2410c', width: 2 },
  { key: 'trainLossReg', label: 'train + reg.', stroke: '#1f5fa8', width: 1, dash: [4, 4] },
  { key: 'testLossReg', label: 'test + reg.', stroke: '#c2410c', width: 1, dash: [4, 4] },
];
import { fourDigits } from './dom.js';

// A diverging run's losses span hundreds of orders of magnitude (3.9, then 7e189): the curves are then
// drawn as log10(loss) on a linear axis whose labels give the losses themselves.
const LOG_SPAN = 1e4; // max / min of the losses beyond which the y axis is logarithmic
const DRAW_MS = 200; // a curve redrawn five times a second looks the same as at every frame

// [lo, hi] around the finite losses shown: padded by 5 %, widened when they are all equal, [0, 1] when
// there are none.
function yRange(min, max) {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) {
    const d = Math.abs(min) * 0.1 || 1;
    return [min - d, max + d];
  }
  const pad = (max - min) * 0.05;
  return Number.isFinite(pad) ? [min - pad, max + pad] : [min, max];
}

export function createLossChart(container, { width = 320, height = 150 } = {}) {
  container.classList.add('loss-chart');
  container.setAttribute('role', 'figure');
  container.setAttribute('aria-label', 'Loss curves: train and test, with and without regularisation');
  const columns = [[], ...SERIES.map(() => [])];
  let logMode = false;
  const shown = (v) => (v == null ? v : logMode ? 10 ** v : v); // a plotted value -> the loss
  const fmt = (u, v) => fourDigits(shown(v));
  const plot = new uPlot({
    width,
    height,
    // The y range is set here, not left to the chart: with one finite value, or a diverging run's huge
    // one, the automatic range came out empty and the axis lost its labels.
    scales: { x: { time: false }, y: { range: (u, min, max) => yRange(min, max) } },
    axes: [
      { label: 'step', size: 34, labelSize: 14, font: '10px system-ui', labelFont: '11px system-ui' },
      // The tick labels drawn are kept in data-y-ticks (for scripts and tests: the canvas has no text).
      { size: 44, font: '10px system-ui', values: (u, ticks) => {
        const labels = ticks.map((t) => (logMode ? shown(t).toExponential(0) : Number(t).toPrecision(2)));
        container.dataset.yTicks = labels.join(' ');
        return labels;
      } },
    ],
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
    series: [
      { label: 'step', value: (u, v) => (v == null ? '–' : String(v)) },
      ...SERIES.map((s) => ({ label: s.label, stroke: s.stroke, width: s.width, dash: s.dash, value: fmt })),
    ],
  }, columns, container);
  let hovering = false;
  let lastDraw = -Infinity;
  let pending = null;
  plot.over.addEventListener('mouseenter', () => { hovering = true; });
  plot.over.addEventListener('mouseleave', () => { hovering = false; });

  return {
    /** Replaces the curves with these history rows; at most every DRAW_MS (the last rows always). */
    draw(all) {
      const now = performance.now();
      clearTimeout(pending);
      if (now - lastDraw < DRAW_MS) {
        pending = setTimeout(() => this.draw(all), DRAW_MS - (now - lastDraw));
        return;
      }
      lastDraw = now;
      // At most about two rows per pixel of width (and always the latest): the curves look the same,
      // and a long run does not redraw thousands of points a frame.
      const every = Math.max(1, Math.ceil(all.length / (2 * width)));
      const history = every === 1 ? all : all.filter((_, k) => k % every === 0 || k === all.length - 1);
      columns[0] = history.map((r) => r.step);
      // A diverged step's loss is infinite or missing: a gap in its curve (an infinite value would
      // stretch the y scale to nothing and take the axis labels with it).
      const finite = history.flatMap((r) => SERIES.map((s) => r[s.key])).filter(Number.isFinite);
      const lo = Math.min(...finite);
      logMode = finite.length > 1 && lo > 0 && Math.max(...finite) / lo > LOG_SPAN;
      container.dataset.yScale = logMode ? 'log' : 'linear';
      const plotted = (v) => (!Number.isFinite(v) ? null : logMode ? (v > 0 ? Math.log10(v) : null) : v);
      SERIES.forEach((s, k) => { columns[k + 1] = history.map((r) => plotted(r[s.key])); });
      plot.setData(columns);
      // The latest values, once the chart has taken the new data (it commits in a microtask).
      if (!hovering && history.length) queueMicrotask(() => plot.setLegend({ idx: history.length - 1 }));
    },
    resize(w) { plot.setSize({ width: w, height }); },
  };
}
