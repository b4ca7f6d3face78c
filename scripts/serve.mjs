// A small static file server for the built page (dist/), used by `npm start` and the browser tests.
// It serves the folder under a sub-path (default /mc-playground/) so that relative URLs are proven to
// work as they must on GitHub Pages (https://user.github.io/repo/). Binds 127.0.0.1 only.
//
//   node scripts/serve.mjs [--root dist] [--base /mc-playground/] [--port 8080]
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { resolve, join, extname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm', // emscripten streams-compiles only with this type
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/** Starts the server; resolves to { url, close() }. port 0 picks a free port. */
export function startServer({ root = 'dist', base = '/mc-playground/', port = 0, host = '127.0.0.1' } = {}) {
  const rootDir = resolve(root);
  if (!base.startsWith('/')) base = '/' + base;
  if (!base.endsWith('/')) base += '/';
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === base.slice(0, -1)) { // /repo -> /repo/ as GitHub Pages does
      res.writeHead(301, { Location: base });
      return res.end();
    }
    if (!path.startsWith(base)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end(`not found: ${path} (the page is served under ${base})`);
    }
    let file = join(rootDir, path.slice(base.length));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) {
      res.writeHead(403);
      return res.end();
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const size = statSync(file).size;
      res.writeHead(200, {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Content-Length': size,
        'Cache-Control': 'no-cache',
      });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end(`not found: ${path}`);
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: p } = server.address();
      ok({ url: `http://${host}:${p}${base}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { url } = await startServer({
    root: arg('root', 'dist'),
    base: arg('base', '/mc-playground/'),
    port: Number(arg('port', process.env.PORT ?? 8080)),
  });
  console.log(`serving the playground at ${url}  (Ctrl+C to stop)`);
}
