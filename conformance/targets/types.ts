/** A target is a server the suite runs against: opened once per run, closed after. */
import type { Connection } from '../http/client.js';
import type { TargetCapabilities } from '../harness/context.js';
import type { TargetKind } from '../types.js';

export interface OpenedTarget {
  connection: Connection;
  capabilities: TargetCapabilities;
  /** Stops what open() started (servers, containers) and closes connections. */
  close(): Promise<void>;
}

export interface Target {
  /** One word (it starts the closing `NAME: N passed, M failed` line). */
  name: string;
  kind: TargetKind;
  description: string;
  open(log: (line: string) => void): Promise<OpenedTarget>;
}

/** The target cannot run here (no Docker, missing optional dependency, ...): skipped with this message. */
export class TargetUnavailable extends Error {}
