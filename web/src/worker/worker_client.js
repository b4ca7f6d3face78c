// The page's side of the engine worker (the only module that talks to it; protocol in protocol.js).
// call(type, args) returns a Promise of the worker's result, or rejects with an Error carrying the
// engine's message.
import { REQUESTS } from './protocol.js';

export class EngineClient {
  constructor() {
    this.worker = new Worker(new URL('./engine_worker.js', import.meta.url), { type: 'module' });
    this.pending = new Map();
    this.nextId = 1;
    this.worker.onmessage = ({ data }) => {
      const p = this.pending.get(data.id);
      if (!p) return;
      this.pending.delete(data.id);
      if (data.ok) p.resolve(data.result);
      else p.reject(Object.assign(new Error(data.error), data.position ? { position: data.position } : {}));
    };
    this.worker.onerror = (event) => {
      const error = new Error(`the engine worker failed: ${event.message || 'could not load'}`);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
  }

  call(type, args = {}) {
    if (!REQUESTS.includes(type)) return Promise.reject(new Error(`unknown request '${type}'`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, type, ...args });
    });
  }
}
