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

const fmt = (u, v) => fourDigits(v);
const DRAW_MS = 200; // a curve redrawn five times a second looks the same as at every frame

export function createLossChart(container, { width = 320, height = 150 } = {}) {
  container.classList.add('loss-chart');
  container.setAttribute('role', 'figure');
  container.setAttribute('aria-label', 'Loss curves: train and test, with and without regularisation');
  const columns = [[], ...SERIES.map(() => [])];
  const plot = new uPlot({
    width,
    height,
    scales: { x: { time: false } },
    axes: [
      { label: 'step', size: 34, labelSize: 14, font: '10px system-ui', labelFont: '11px system-ui' },
      { size: 44, font: '10px system-ui', values: (u, ticks) => ticks.map((t) => Number(t).toPrecision(2)) },
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
      SERIES.forEach((s, k) => { columns[k + 1] = history.map((r) => (Number.isFinite(r[s.key]) ? r[s.key] : null)); });
      plot.setData(columns);
      container.dataset.yRange = `${plot.scales.y.min},${plot.scales.y.max}`; // for scripts and tests
      if (!hovering && history.length) plot.setLegend({ idx: history.length - 1 }); // latest values
    },
    resize(w) { plot.setSize({ width: w, height }); },
  };
}
