// The binding boundary as both wasm modules' clients see it (client.js, calculator_client.js): every
// call returns { value } or { error } (engine/bindings/guard.hpp); unwrap() turns an error into a
// thrown Error, so nothing ever unwinds through JavaScript (which would leak wasm memory).

export function unwrap(result) {
  if (result.error !== undefined) throw new Error(result.error);
  return result.value;
}

export const toJsonText = (x) => (typeof x === 'string' ? x : JSON.stringify(x ?? {}));
