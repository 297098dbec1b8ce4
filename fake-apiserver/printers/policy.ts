/** The poddisruptionbudgets printer (printPodDisruptionBudget). */
import { AGE_COLUMN, col, NAME_COLUMN, printer } from './columns.js';
import { int, intOrString, obj, str } from './format.js';
import { since } from './timestamps.js';

const intOrNA = (v: unknown) => (v === undefined || v === null ? 'N/A' : intOrString(v));

export const podDisruptionBudgetPrinter = printer(
  [
    NAME_COLUMN,
    col('Min Available', 'string', 'The minimum number of pods that must be available.'),
    col('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    AGE_COLUMN,
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    return [
      str(o.metadata?.name),
      intOrNA(spec.minAvailable),
      intOrNA(spec.maxUnavailable),
      int(obj(o.status).disruptionsAllowed),
      since(o.metadata?.creationTimestamp, nowMs),
    ];
  },
);
