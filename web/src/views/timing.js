// Where the page's drawing time goes: with ?profile in the page's address, timed(name, fn) records a
// performance.measure "draw:<name>" per call (read by tests/bench/page_frames.mjs); otherwise it only
// calls fn (no entries pile up in a normal session).
const PROFILE = typeof location !== 'undefined' && new URLSearchParams(location.search).has('profile');

export function timed(name, fn) {
  if (!PROFILE) return fn();
  const start = performance.now();
  const result = fn();
  performance.measure(`draw:${name}`, { start, end: performance.now() });
  return result;
}
