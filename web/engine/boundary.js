// The binding boundary as both wasm modules' clients see it (client.js, calculator_client.js): every
// call returns { value } or { error } (engine/bindings/guard.hpp); unwrap() turns an error into a
// thrown Error, so nothing ever unwinds through JavaScript (which would leak wasm memory).

export function unwrap(result) {
  if (result.error !== undefined) throw new Error(result.error);
  return result.value;
}

export const toJsonText = (x) => (typeof x === 'string' ? x : JSON.stringify(x ?? {}));

/** The options a module's factory takes from its loader's: the .wasm bytes (Node) and where to fetch it. */
export function factoryOptions({ wasmBinary, locateFile } = {}) {
  const options = {};
  if (wasmBinary) options.wasmBinary = wasmBinary;
  if (locateFile) options.locateFile = locateFile;
  return options;
}
