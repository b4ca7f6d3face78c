// Frame gaps of the page under heavy load: a 6 x 8 tanh network (six hidden layers of eight units),
// 1000 points, batch 1, playing, in headless Chromium against the built page (dist/). Prints the
// distribution of the gaps between animation frames, the main thread's long tasks (> 50 ms), and where
// the page's drawing time goes (heatmap, network, loss chart, ...), measured by the page itself when it
// is opened with ?profile (performance.measure entries named "draw:<part>"). Not a test: the figures
// depend on the machine. Run: npm run build && node tests/bench/page_frames.mjs [seconds] [speed]
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = process.env.MC_DIST ?? `${ROOT}dist`;
const SECONDS = Number(process.argv[2] ?? 8);
const SPEED = process.argv[3] ?? '1';
const HASH = `#dataset=spiral&points=1000&hidden=8,8,8,8,8,8&activation=tanh&batch=1&speed=${SPEED}`;

if (!existsSync(`${DIST}/index.html`)) {
  console.log('page_frames: dist/ is missing (run `npm run build` first); skipped');
  process.exit(0);
}

const server = await startServer({ root: DIST, base: '/mc/', port: 0 });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${server.url}?profile${HASH}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.waitForSelector('.network .node');
  await page.evaluate(() => {
    window.benchLongTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.benchLongTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: false });
    performance.clearMeasures();
  });
  await page.click('#play');
  const result = await page.evaluate((seconds) => new Promise((done) => {
    const gaps = [];
    let last = performance.now();
    const start = last;
    const tick = (t) => {
      gaps.push(t - last);
      last = t;
      if (t - start < seconds * 1000) requestAnimationFrame(tick);
      else {
        const parts = {};
        for (const m of performance.getEntriesByType('measure')) {
          if (!m.name.startsWith('draw:')) continue;
          const p = (parts[m.name.slice(5)] ??= { count: 0, ms: 0, max: 0 });
          p.count += 1;
          p.ms += m.duration;
          p.max = Math.max(p.max, m.duration);
        }
        done({ gaps, longTasks: window.benchLongTasks, parts, elapsed: t - start,
          counters: document.querySelector('#counters').textContent });
      }
    };
    requestAnimationFrame(tick);
  }), SECONDS);
  await page.click('#play');

  const g = result.gaps.slice(1).sort((a, b) => a - b);
  const q = (p) => g[Math.min(g.length - 1, Math.floor(p * g.length))].toFixed(1);
  const fps = (g.length / (result.elapsed / 1000)).toFixed(1);
  console.log(`page_frames: ${HASH}, ${SECONDS} s playing, 1440x900`);
  console.log(`  frames ${g.length} (${fps} fps); gap ms: median ${q(0.5)}, p90 ${q(0.9)}, p99 ${q(0.99)}, max ${g.at(-1).toFixed(1)}; gaps > 20 ms: ${g.filter((x) => x > 20).length}`);
  const lt = result.longTasks;
  console.log(`  long tasks (> 50 ms): ${lt.length}${lt.length ? `, max ${Math.max(...lt).toFixed(0)} ms, total ${lt.reduce((a, b) => a + b, 0).toFixed(0)} ms` : ''}`);
  console.log(`  trained to: ${result.counters}`);
  console.log('  drawing time by part (main thread):');
  for (const [name, p] of Object.entries(result.parts).sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`    ${name.padEnd(12)} ${p.count} calls, ${p.ms.toFixed(0)} ms in all (${(p.ms / result.elapsed * 100).toFixed(1)} % of the time), mean ${(p.ms / p.count).toFixed(2)} ms, max ${p.max.toFixed(1)} ms`);
  }
} finally {
  await browser.close();
  await server.close();
}
