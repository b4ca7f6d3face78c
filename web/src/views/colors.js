// Colour scales for every view, from d3-scale-chromatic: a diverging red-blue scale for signed values
// and the two classes, a categorical scheme for multiclass labels. Precomputed as lookup tables so
// that painting a grid is one table read per pixel.
import { interpolateRdBu, schemeTableau10 } from 'd3-scale-chromatic';

const LUT_SIZE = 256;

// d3's interpolators give "rgb(r, g, b)", its schemes "#rrggbb".
function parseRgb(css) {
  if (css.startsWith('#')) return [1, 3, 5].map((k) => parseInt(css.slice(k, k + 2), 16));
  const m = css.match(/\d+(\.\d+)?/g).map(Number);
  return [m[0], m[1], m[2]];
}

// RdBu runs red (0) -> white (0.5) -> blue (1); class 0 / negative values are red, class 1 / positive blue.
const diverging = new Uint8ClampedArray(LUT_SIZE * 3);
for (let i = 0; i < LUT_SIZE; i++) {
  const [r, g, b] = parseRgb(interpolateRdBu(0.1 + (0.8 * i) / (LUT_SIZE - 1))); // skip the darkest ends
  diverging.set([r, g, b], i * 3);
}

/** [r, g, b] of t in [0, 1] on the diverging scale (clamped). */
export function divergingRgb(t) {
  const i = Math.max(0, Math.min(LUT_SIZE - 1, Math.round((Number.isFinite(t) ? t : 0.5) * (LUT_SIZE - 1))));
  return [diverging[i * 3], diverging[i * 3 + 1], diverging[i * 3 + 2]];
}

export function divergingCss(t) {
  const [r, g, b] = divergingRgb(t);
  return `rgb(${r}, ${g}, ${b})`;
}

export const CLASS_COLORS = schemeTableau10.map(parseRgb);
export const classCss = (k) => `rgb(${CLASS_COLORS[k % CLASS_COLORS.length].join(', ')})`;

/**
 * Paints a scalar grid (row-major, `channels` values per cell) into an ImageData-sized buffer.
 * channels == 1: value v maps to (v - lo) / (hi - lo) on the diverging scale.
 * channels > 1: the class colours mixed by the outputs, faded toward white where the largest is small.
 */
export function paintGrid(ctx2d, values, rows, cols, channels, domain, reuse = null) {
  const img = reuse && reuse.width === cols && reuse.height === rows ? reuse : ctx2d.createImageData(cols, rows);
  paintInto(img.data, values, rows * cols, channels, domain);
  return img;
}

// The pixels of paintGrid, written straight from the lookup table (no allocation per pixel: the network
// drawing paints some fifty thumbnails per frame).
function paintInto(px, values, cells, channels, [lo, hi]) {
  const scale = (LUT_SIZE - 1) / (hi - lo || 1);
  for (let cell = 0; cell < cells; cell++) {
    const o = cell * 4;
    if (channels === 1) {
      const v = values[cell];
      const t = Number.isFinite(v) ? Math.round((v - lo) * scale) : (LUT_SIZE - 1) / 2;
      const i = (t < 0 ? 0 : t > LUT_SIZE - 1 ? LUT_SIZE - 1 : Math.round(t)) * 3;
      px[o] = diverging[i];
      px[o + 1] = diverging[i + 1];
      px[o + 2] = diverging[i + 2];
    } else {
      // Mix the class colours by the outputs (probabilities), then toward white where no class is sure.
      let r = 0;
      let g = 0;
      let b = 0;
      let sum = 0;
      let top = 0;
      for (let k = 0; k < channels; k++) {
        const p = Math.max(0, values[cell * channels + k]);
        const c = CLASS_COLORS[k % CLASS_COLORS.length];
        r += p * c[0];
        g += p * c[1];
        b += p * c[2];
        sum += p;
        top = Math.max(top, p);
      }
      const a = sum > 0 ? Math.min(1, top / sum) * 0.8 : 0;
      const mix = (v) => 255 - (255 - (sum > 0 ? v / sum : 255)) * a;
      px[o] = mix(r);
      px[o + 1] = mix(g);
      px[o + 2] = mix(b);
    }
    px[o + 3] = 255;
  }
}
