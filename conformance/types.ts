/**
 * The conformance suite's vocabulary: areas, assertion strengths, case definitions and results.
 *
 * Invariants:
 * - A case passes on a target when it ran to the end and every MUST assertion held; SHOULD and MAY
 *   failures are recorded but never fail a case (api-semantics.md section 0).
 * - A skipped case neither passed nor failed (it could not be judged on that target).
 */
import type { CaseContext } from './harness/context.js';

export const AREAS = [
  'crud',
  'rv',
  'list',
  'pagination',
  'watch',
  'bookmarks',
  'streaming-list',
  'selectors',
  'patch-json',
  'patch-merge',
  'patch-strategic',
  'apply',
  'delete',
  'finalizers',
  'gc',
  'namespaces',
  'crd',
  'discovery',
  'openapi',
  'table',
  'errors',
  'dry-run',
  'field-validation',
] as const;

export type Area = (typeof AREAS)[number];

/** MUST fails the case; SHOULD (message text) and MAY (timing) are reported only. */
export type Strength = 'MUST' | 'SHOULD' | 'MAY';

export interface CaseDefinition {
  /** Unique, kebab-case; used by --case, deviations.ts and known-fake-gaps.ts. */
  name: string;
  area: Area;
  /** One sentence: what the real server does. */
  description: string;
  /** Section(s) of api-semantics.md this case checks, e.g. "1.2" or "13.3". */
  spec?: string;
  /** Default 30 s. The harness aborts the case after this long. */
  timeoutMs?: number;
  /** Runs with no other case in flight on the same target (it compacts or otherwise disturbs the server). */
  exclusive?: boolean;
  /** The case's observations are not comparable across servers (default true: compare). */
  differential?: boolean;
  run(t: CaseContext): Promise<void>;
}

export interface AssertionResult {
  strength: Strength;
  label: string;
  passed: boolean;
  expected?: unknown;
  actual?: unknown;
  /** The exchange (request/response) the assertion looked at, when known. */
  exchangeId?: number;
}

/** One HTTP request and its response as recorded for the report (bodies truncated). */
export interface Exchange {
  id: number;
  method: string;
  path: string;
  requestHeaders: Record<string, string>;
  requestBody?: unknown;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: unknown;
  /** Watch requests: the events received (type and object), in order. */
  events?: Array<{ type: string; object: unknown }>;
  durationMs?: number;
  error?: string;
}

export type CaseStatus = 'passed' | 'failed' | 'skipped';

export interface CaseRun {
  status: CaseStatus;
  durationMs: number;
  /** Why it failed (first MUST failure or thrown error) or was skipped. */
  message?: string;
  assertions: AssertionResult[];
  /** Labelled values for the differential comparison (raw, not normalised). */
  observations: Record<string, unknown>;
  exchanges: Exchange[];
  /** The namespace the harness created for the case on this target. */
  namespace?: string;
  /** SHOULD/MAY assertions that failed (the case may still pass). */
  softFailures: number;
  /** Random strings of this run (namespace, run label, name suffixes) and their placeholders, for normalisation. */
  tokens: Record<string, string>;
}

export type TargetKind = 'fake' | 'real';

export interface TargetInfo {
  name: string;
  kind: TargetKind;
  description: string;
  /** gitVersion from /version, when the target ran. */
  version?: string;
}
