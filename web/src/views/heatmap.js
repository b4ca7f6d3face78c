// The decision boundary: the engine's predictGrid painted as a heatmap, the data points on top, axes.
// Draws what it is given; a click on the plot reports the data coordinates of the click.
import { paintGrid, divergingCss, classCss } from './colors.js';
import { fourDigits } from './dom.js';

const PAD = 26; // room for the axis labels (left and bottom)
const RIGHT = 8; // room for the last tick label

export function createHeatmap(container, { size = 320, onClickPoint } = {}) {
  container.classList.add('heatmap');
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'Decision boundary and data points');
  const dpr = window.devicePixelRatio || 1;
  const full = size + PAD;
  canvas.width = (full + RIGHT) * dpr;
  canvas.height = full * dpr;
  canvas.style.width = `${full + RIGHT}px`;
  canvas.style.height = `${full}px`;
  // The legend: what the colours and the point outlines mean.
  const legend = document.createElement('div');
  legend.className = 'heat-legend';
  legend.id = 'heat-legend';
  const bar = document.createElement('span');
  bar.className = 'heat-bar';
  const lo = document.createElement('span');
  const hi = document.createElement('span');
  const outlines = document.createElement('span');
  outlines.className = 'heat-outlines';
  legend.append('Network output: ', lo, bar, hi, outlines);
  container.append(canvas, legend);
  const ctx = canvas.getContext('2d');
  const gridCanvas = document.createElement('canvas');
  let extent = null;
  let image = null; // reused from frame to frame

  canvas.addEventListener('click', (event) => {
    if (!extent || !onClickPoint) return;
    const r = canvas.getBoundingClientRect();
    const px = event.clientX - r.left - PAD;
    const py = event.clientY - r.top;
    if (px < 0 || px > size || py < 0 || py > size) return;
    // Pixel -> data coordinates of the plotted extent (row 0 at the top, as the grid is given).
    const x = extent.xMin + (px / size) * (extent.xMax - extent.xMin);
    const y = extent.yMax - (py / size) * (extent.yMax - extent.yMin);
    onClickPoint(x, y);
  });

  const overlay = document.createElement('canvas');
  overlay.width = canvas.width;
  overlay.height = canvas.height;
  const o = overlay.getContext('2d');
  let overlayPoints = null;
  let overlayKey = '';
  function drawOverlay(grid, points, domain, showTest) {
    o.setTransform(dpr, 0, 0, dpr, 0, 0);
    o.clearRect(0, 0, full + RIGHT, full);
    const sx = (x) => PAD + ((x - grid.xMin) / (grid.xMax - grid.xMin)) * size;
    const sy = (y) => ((grid.yMax - y) / (grid.yMax - grid.yMin)) * size;
    const fill = (label) =>
      grid.channels > 1 ? classCss(label) : divergingCss((label - domain[0]) / (domain[1] - domain[0] || 1));
    const dot = (p, test) => {
      o.beginPath();
      o.arc(sx(p.x), sy(p.y), 3.5, 0, 2 * Math.PI);
      o.fillStyle = fill(p.label);
      o.fill();
      o.lineWidth = test ? 1.6 : 0.8;
      o.strokeStyle = test ? '#111' : '#fff';
      o.stroke();
    };
    o.save();
    o.beginPath();
    o.rect(PAD, 0, size, size);
    o.clip();
    for (const p of points.train) dot(p, false);
    if (showTest) for (const p of points.test) dot(p, true);
    o.restore();

    // Axes: ticks at the integers the extent spans, every 2 units.
    o.fillStyle = '#333';
    o.strokeStyle = '#999';
    o.font = '10px system-ui, sans-serif';
    o.textAlign = 'center';
    for (let t = Math.ceil(grid.xMin / 2) * 2; t <= grid.xMax; t += 2) {
      o.fillText(String(t), sx(t), size + 14);
    }
    o.textAlign = 'right';
    for (let t = Math.ceil(grid.yMin / 2) * 2; t <= grid.yMax; t += 2) {
      o.fillText(String(t), PAD - 4, Math.min(size - 2, Math.max(8, sy(t) + 3)));
    }
    o.strokeRect(PAD + 0.5, 0.5, size - 1, size - 1);

  }

  /**
   * grid: client.d.ts Grid; points: {train, test}; domain: [lo, hi] of the output for the colour scale;
   * classes: 1 (two classes or regression) or k; showTest: draw the test points too.
   */
  function draw({ grid, points, domain, showTest }) {
    extent = grid;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, full + RIGHT, full);
    if (gridCanvas.width !== grid.cols) gridCanvas.width = grid.cols;
    if (gridCanvas.height !== grid.rows) gridCanvas.height = grid.rows;
    const g = gridCanvas.getContext('2d');
    image = paintGrid(g, grid.values, grid.rows, grid.cols, grid.channels, domain, image);
    g.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(gridCanvas, PAD, 0, size, size);

    // The points and axes change only when the data (or the view) does: drawn once into an overlay,
    // then copied over the heatmap each frame (1000 points are 1000 arcs).
    const key = `${grid.xMin},${grid.xMax},${grid.yMin},${grid.yMax},${grid.channels},${domain},${showTest}`;
    if (points !== overlayPoints || key !== overlayKey) {
      overlayPoints = points;
      overlayKey = key;
      drawOverlay(grid, points, domain, showTest);
    }
    ctx.drawImage(overlay, 0, 0, full + RIGHT, full);

    const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => divergingCss(t)).join(', ');
    bar.style.background = grid.channels > 1
      ? `linear-gradient(to right, ${Array.from({ length: grid.channels }, (_, k) => classCss(k)).join(', ')})`
      : `linear-gradient(to right, ${stops})`;
    lo.textContent = grid.channels > 1 ? 'class 1 ' : `${fourDigits(domain[0])} `;
    hi.textContent = grid.channels > 1 ? ` class ${grid.channels}` : ` ${fourDigits(domain[1])}`;
    outlines.textContent = showTest ? ' · dots: white outline = training point, black outline = test point'
      : ' · dots: training points (white outline)';
  }

  return { draw, element: canvas };
}
