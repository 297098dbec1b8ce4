/**
 * Assertions with a strength. Every check is recorded; a failing MUST check also throws
 * CheckFailed, which ends the case (later steps usually depend on it). SHOULD and MAY checks
 * never throw.
 */
import type { Res } from '../http/client.js';
import type { AssertionResult, Strength } from '../types.js';

export class CheckFailed extends Error {
  constructor(readonly assertion: AssertionResult) {
    super(`${assertion.strength} ${assertion.label}: expected ${show(assertion.expected)}, got ${show(assertion.actual)}`);
  }
}

/** Thrown by t.skip(): the case cannot be judged on this target. */
export class CaseSkipped extends Error {}

export function show(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof RegExp) return String(v);
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Does `actual` contain everything in `expected` (objects: subset of keys, recursively; arrays: equal length, element-wise)? */
export function containsSubset(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return deepEqual(actual, expected);
  if (actual === null || typeof actual !== 'object') return false;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => containsSubset(actual[i], e));
  }
  return Object.entries(expected as Record<string, unknown>).every(([k, v]) =>
    v === undefined ? (actual as Record<string, unknown>)[k] === undefined : containsSubset((actual as Record<string, unknown>)[k], v),
  );
}

export class Checks {
  constructor(
    readonly strength: Strength,
    private readonly record: (a: AssertionResult) => void,
    private readonly lastExchange: () => number | undefined,
  ) {}

  private result(label: string, passed: boolean, expected: unknown, actual: unknown, exchangeId?: number): boolean {
    const a: AssertionResult = { strength: this.strength, label, passed, expected, actual, exchangeId: exchangeId ?? this.lastExchange() };
    this.record(a);
    if (!passed && this.strength === 'MUST') throw new CheckFailed(a);
    return passed;
  }

  /** A boolean fact; `actual` is shown in the report when it fails. */
  ok(label: string, condition: boolean, actual?: unknown, expected: unknown = true): boolean {
    return this.result(label, condition, expected, actual ?? condition);
  }

  equal(label: string, actual: unknown, expected: unknown): boolean {
    return this.result(label, deepEqual(actual, expected), expected, actual);
  }

  notEqual(label: string, actual: unknown, unexpected: unknown): boolean {
    return this.result(label, !deepEqual(actual, unexpected), `anything but ${show(unexpected)}`, actual);
  }

  /** `actual` has (at least) the keys and values of `expected`. */
  subset(label: string, actual: unknown, expected: unknown): boolean {
    return this.result(label, containsSubset(actual, expected), expected, actual);
  }

  match(label: string, actual: unknown, re: RegExp): boolean {
    return this.result(label, typeof actual === 'string' && re.test(actual), `matching ${String(re)}`, actual);
  }

  present(label: string, actual: unknown): boolean {
    return this.result(label, actual !== undefined && actual !== null && actual !== '', 'present', actual);
  }

  absent(label: string, actual: unknown): boolean {
    return this.result(label, actual === undefined || actual === null || actual === '', 'absent', actual);
  }

  includes(label: string, actual: unknown, item: unknown): boolean {
    return this.result(label, Array.isArray(actual) && actual.some((x) => deepEqual(x, item)), `a list containing ${show(item)}`, actual);
  }

  excludes(label: string, actual: unknown, item: unknown): boolean {
    return this.result(label, !Array.isArray(actual) || !actual.some((x) => deepEqual(x, item)), `a list without ${show(item)}`, actual);
  }

  /** The HTTP status code of a response. */
  status(res: Res, code: number): boolean {
    return this.result(`HTTP status of ${res.method} ${res.path}`, res.status === code, code, summary(res), res.id);
  }

  /**
   * A failure response is a metav1.Status (api-semantics.md 8.1): kind Status, apiVersion v1,
   * status Failure, code equal to the HTTP code, and the given reason.
   */
  statusError(res: Res, code: number, reason: string): boolean {
    const body = res.json;
    const got = {
      httpStatus: res.status,
      kind: body?.kind,
      apiVersion: body?.apiVersion,
      status: body?.status,
      code: body?.code,
      reason: body?.reason,
    };
    const want = { httpStatus: code, kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason };
    return this.result(`${code} ${reason} Status from ${res.method} ${res.path}`, deepEqual(got, want), want, got, res.id);
  }

  /** The Status message of a response (SHOULD strength by convention: use t.should.message). */
  message(res: Res, expected: string | RegExp): boolean {
    const msg = res.json?.message;
    const passed = typeof expected === 'string' ? msg === expected : typeof msg === 'string' && expected.test(msg);
    return this.result(
      `message of ${res.method} ${res.path}`,
      passed,
      typeof expected === 'string' ? expected : String(expected),
      msg,
      res.id,
    );
  }
}

function summary(res: Res): unknown {
  const j = res.json;
  if (j && j.kind === 'Status') return { status: res.status, reason: j.reason, message: j.message };
  return res.status;
}
