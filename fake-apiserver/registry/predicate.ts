/**
 * The label + field selector predicate of a list or watch (apiserver's storage.SelectionPredicate).
 * Parsing errors are 400 BadRequest, raised before any data is read.
 */
import { parseLabelSelector } from '../selectors/label-selector.js';
import { parseFieldSelector } from '../selectors/field-selector.js';
import { selectableFieldsFor, validateFieldSelector } from '../selectors/selectable-fields.js';
import type { KubeObject } from '../store/types.js';

export interface Predicate {
  /** True when neither selector restricts anything. */
  readonly everything: boolean;
  matches(obj: KubeObject): boolean;
}

export function buildPredicate(group: string, resource: string, labelSelector: string, fieldSelector: string): Predicate {
  const labels = parseLabelSelector(labelSelector);
  const fields = validateFieldSelector(parseFieldSelector(fieldSelector), group, resource);
  const fieldSet = selectableFieldsFor(group, resource);
  const labelsEmpty = labels.empty();
  const fieldsEmpty = fields.empty();
  return {
    everything: labelsEmpty && fieldsEmpty,
    matches(obj: KubeObject): boolean {
      if (!labelsEmpty && !labels.matches(obj.metadata.labels)) return false;
      if (!fieldsEmpty && !fields.matches(fieldSet.fieldsOf(obj))) return false;
      return true;
    },
  };
}

/** The name a `metadata.name=<n>` field selector pins, if any (for single-object watches). */
export function everythingPredicate(): Predicate {
  return { everything: true, matches: () => true };
}
