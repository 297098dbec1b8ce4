/**
 * MultiLock (client-go tools/leaderelection/resourcelock/multilock.go, still present in v0.35):
 * a lock held on two resources at once, written for migrating an election from one lock to
 * another (client-go used it for endpoints → leases and configmaps → leases). newResourceLock no
 * longer builds one (the "endpointsleases"/"configmapsleases" names fail); a program that needs a
 * migration composes it by hand, e.g. from two LeaseLocks.
 *
 * Semantics (as client-go):
 * - get: reads the primary, then the secondary. A missing secondary (NotFound) means the lock is
 *   held by an old client that only knows the primary: the primary's record is returned, unless
 *   this candidate holds the primary, in which case the NotFound is returned (so the elector
 *   creates both). When the two holders differ, the holder reads as UNKNOWN_LEADER. The raw
 *   record is "<primary raw>,<secondary raw>".
 * - create: creates the primary (an AlreadyExists there is ignored), then the secondary.
 * - update: updates the primary, then updates the secondary, or creates it when it is missing.
 * - describe and identity are the primary's; events are recorded on both.
 */
import { isAlreadyExists, isNotFound } from '../../errors.js';
import type { LeaderElectionRecord, ResourceLock } from './resourcelock.js';

/** The holder a MultiLock reports when its two locks name different holders. */
export const UNKNOWN_LEADER = 'leaderelection.k8s.io/unknown';

export class MultiLock implements ResourceLock {
  constructor(
    readonly primary: ResourceLock,
    readonly secondary: ResourceLock,
  ) {}

  async get(signal?: AbortSignal): Promise<{ record: LeaderElectionRecord; raw: string }> {
    const primary = await this.primary.get(signal);
    let secondary: { record: LeaderElectionRecord; raw: string };
    try {
      secondary = await this.secondary.get(signal);
    } catch (err) {
      // The lock is held by an old client that only knows the primary.
      if (isNotFound(err) && primary.record.holderIdentity !== this.identity()) return primary;
      throw err;
    }
    let { record, raw } = primary;
    if (record.holderIdentity !== secondary.record.holderIdentity) {
      record = { ...record, holderIdentity: UNKNOWN_LEADER };
      raw = JSON.stringify(record);
    }
    return { record, raw: concatRawRecord(raw, secondary.raw) };
  }

  async create(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    try {
      await this.primary.create(record, signal);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
    await this.secondary.create(record, signal);
  }

  async update(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    await this.primary.update(record, signal);
    try {
      await this.secondary.get(signal);
    } catch (err) {
      // As client-go: only a missing secondary is created; any other read error falls through to the update.
      if (isNotFound(err)) return this.secondary.create(record, signal);
    }
    await this.secondary.update(record, signal);
  }

  recordEvent(message: string): void {
    this.primary.recordEvent(message);
    this.secondary.recordEvent(message);
  }

  describe(): string {
    return this.primary.describe();
  }

  identity(): string {
    return this.primary.identity();
  }
}

/** resourcelock.ConcatRawRecord. */
export function concatRawRecord(primaryRaw: string, secondaryRaw: string): string {
  return `${primaryRaw},${secondaryRaw}`;
}
