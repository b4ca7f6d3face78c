// The JavaScript API of the calculator's WebAssembly module (web/engine/calculator_client.js), apart
// from the playground's engine (client.d.ts) so the page loads it on first use. Hand-written: the single
// source of truth for what calculator_client.js offers. No DOM use: works in a Worker and in Node.

export interface CalculatorOptions {
  /** The bytes of mc_calculator.wasm. Node: `await readFile(new URL('./mc_calculator.wasm', ...))`. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to fetch files the module asks for (e.g. 'mc_calculator.wasm'); default: beside mc_calculator.js. */
  locateFile?: (path: string, prefix: string) => string;
}

/** Instantiates the calculator's wasm module. */
export function loadCalculator(options?: CalculatorOptions): Promise<Calculator>;

export interface Calculator {
  /** The language's functions, alphabetical (each op named in the language, and the language's own). */
  calculate(request: { functions: true }): { functions: { name: string; arity: number; summary: string }[] };
  /**
   * The matrix-calculus calculator: value, gradient / Jacobian of an expression at a point, reverse and
   * forward mode, a finite-difference check, the closed form with its steps and checks, the Hessian.
   * Request and answer fields: engine/expr/calculator.cpp, engine/symbolic/answer.hpp and
   * engine/api/closed_form_check.hpp. A bad request or program throws a CalcError (an Error; `position`
   * set when the program text is at fault); the module keeps working.
   */
  calculate(request: CalcRequest | string): CalcResult;
  /** Current size of the wasm linear memory in bytes (grows, never shrinks): for leak tests. */
  memoryBytes(): number;
  /** Bytes currently allocated on the module's heap (malloc'd, not yet freed): for leak tests. */
  heapBytesInUse(): number;
}

/** A matrix of the answer: data[r][c], null for a non-finite entry. */
export interface CalcMatrix { rows: number; cols: number; data: (number | null)[][] }

/**
 * symbolic (default true): the closed form with steps and checks; hessian (default false): the Hessian;
 * closedForm: a closed form written in the language (one line) that the engine compares with the
 * derivative, after its definitions (at most 16 lines `name = expression`, e.g. the mask `m = z > 0`).
 */
export type CalcRequest = {
  source: string; symbolic?: boolean; hessian?: boolean;
  closedForm?: { text: string; definitions?: string[] };
  [k: string]: unknown;
};

/** The engine's comparison of a closedForm with derivative.jacobian (numerator layout). */
export interface ClosedFormCheck {
  text: string;
  value?: CalcMatrix;
  shape?: { rows: number; cols: number };
  jacobianShape?: { rows: number; cols: number };
  definitions: { name: string; text: string; value: CalcMatrix }[];
  tolerance: number;
  maxDifference?: number | null;
  passed: boolean;
  /** Why it did not pass ('' when it did): different shapes, different entries, or the error below with
   *  the part of the request its line is in (the program, definition k, the closed form's text). */
  why?: string;
  /** The calculator's message when the closed form itself could not be evaluated. */
  error?: string;
}

/** Thrown by calculate: where in the program text the problem is, when it is there. */
export interface CalcError extends Error { position?: { offset: number; line: number; column: number } }
export type CalcResult = { closedForm?: ClosedFormCheck; [k: string]: unknown };
