// The calculator's wasm module (web/engine/calculator_client.js), imported by the engine worker only
// when the first calculate request arrives: Vite makes this a chunk of its own, so neither it nor
// mc_calculator.wasm is part of the page's first load.
import { loadCalculator } from '../../engine/calculator_client.js';
import wasmUrl from '../../engine/mc_calculator.wasm?url';

export const load = () => loadCalculator({ locateFile: (path) => (path.endsWith('.wasm') ? wasmUrl : path) });
