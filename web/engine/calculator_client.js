// The one module that owns the calculator's wasm module (mc_calculator: the expression language, the
// closed forms with their steps and checks; engine/bindings/calculator_bindings.cpp). A module of its
// own, apart from the playground's mc_engine, so the page's first screen does not download it: the page
// loads it when the calculator or the lessons are first opened. Types: calculator_client.d.ts.
// No DOM use: runs in a Worker and in Node.
import createMcCalculator from './mc_calculator.js';
import { unwrap, toJsonText, factoryOptions } from './boundary.js';

class Calculator {
  #module;

  constructor(module) {
    this.#module = module;
  }

  calculate(request) {
    const answer = JSON.parse(unwrap(this.#module.calculate(toJsonText(request))));
    if (answer.error !== undefined) {
      const error = new Error(answer.error);
      if (answer.position !== undefined) error.position = answer.position;
      throw error;
    }
    return answer;
  }

  memoryBytes() {
    return this.#module.memoryBytes();
  }

  heapBytesInUse() {
    return this.#module.heapBytesInUse();
  }
}

export async function loadCalculator(options = {}) {
  return new Calculator(await createMcCalculator(factoryOptions(options)));
}
