/**
 * DeleteOptions from the request body or, only when the body is empty, from query parameters
 * (endpoints/handlers/delete.go), validated as meta/v1/validation ValidateDeleteOptions does.
 */
import { badRequest } from '../errors/status.js';
import { forbiddenField, invalidOptions, notSupported, type FieldError } from '../errors/field-errors.js';
import { queryBool, queryInt, queryString, type Query } from '../http/query.js';

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun: boolean;
}

export function decodeDeleteOptions(body: unknown, query: Query): DeleteOptions {
  let raw: Record<string, any>;
  if (body !== undefined && body !== null) {
    if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('the body of the request was not a valid DeleteOptions object');
    raw = body as Record<string, any>;
    if (raw.kind !== undefined && raw.kind !== 'DeleteOptions') {
      throw badRequest(`converting (${raw.apiVersion ?? 'v1'}.${raw.kind}) to (v1.DeleteOptions): unknown conversion`);
    }
  } else {
    raw = {
      gracePeriodSeconds: queryInt(query, 'gracePeriodSeconds'),
      propagationPolicy: queryString(query, 'propagationPolicy'),
      orphanDependents: queryBool(query, 'orphanDependents'),
      dryRun: query.dryRun === undefined ? undefined : ([] as string[]).concat(query.dryRun),
    };
  }
  const errs: FieldError[] = [];
  if (raw.orphanDependents !== undefined && raw.propagationPolicy !== undefined) {
    errs.push(forbiddenField('propagationPolicy', 'orphanDependents and deletionPropagation cannot be both set'));
  }
  const pp = raw.propagationPolicy;
  if (pp !== undefined && pp !== 'Orphan' && pp !== 'Background' && pp !== 'Foreground') {
    errs.push(notSupported('propagationPolicy', pp, ['Foreground', 'Background', 'Orphan', 'nil']));
  }
  const dryRun: string[] = Array.isArray(raw.dryRun) ? raw.dryRun : [];
  if (dryRun.some((v) => v !== 'All')) errs.push(notSupported('dryRun', dryRun, ['All']));
  if (errs.length > 0) throw invalidOptions('DeleteOptions', errs);
  let grace = raw.gracePeriodSeconds;
  if (grace !== undefined && grace !== null) {
    if (typeof grace !== 'number' || !Number.isInteger(grace)) throw badRequest('gracePeriodSeconds must be an integer');
    if (grace < 0) grace = 1; // rest/delete.go: a negative grace period is treated as 1
  } else grace = undefined;
  return {
    gracePeriodSeconds: grace,
    propagationPolicy: pp,
    orphanDependents: raw.orphanDependents ?? undefined,
    preconditions: raw.preconditions ?? undefined,
    dryRun: dryRun.length > 0,
  };
}
