/**
 * Printers of core/v1 configuration and tenancy kinds: configmaps, secrets, serviceaccounts,
 * namespaces, resourcequotas and componentstatuses.
 */
import { goCompare } from '../selectors/go-format.js';
import { AGE_COLUMN, col, NAME_COLUMN, printer } from './columns.js';
import { arr, obj, str } from './format.js';
import { quantityString } from './quantity.js';
import { since } from './timestamps.js';

const keyCount = (v: unknown) => Object.keys(obj(v)).length;

export const configMapPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'Data',
      'string',
      "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.",
    ),
    AGE_COLUMN,
  ],
  (o, nowMs) => [str(o.metadata?.name), keyCount(o.data) + keyCount(o.binaryData), since(o.metadata?.creationTimestamp, nowMs)],
);

export const secretPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'Type',
      'string',
      'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types',
    ),
    col(
      'Data',
      'string',
      "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4",
    ),
    AGE_COLUMN,
  ],
  (o, nowMs) => {
    // v1 → internal conversion merges stringData into data; v1 defaulting sets type Opaque.
    const keys = new Set([...Object.keys(obj(o.data)), ...Object.keys(obj(o.stringData))]);
    return [str(o.metadata?.name), str(o.type) || 'Opaque', keys.size, since(o.metadata?.creationTimestamp, nowMs)];
  },
);

export const serviceAccountPrinter = printer([NAME_COLUMN, AGE_COLUMN], (o, nowMs) => [
  str(o.metadata?.name),
  since(o.metadata?.creationTimestamp, nowMs),
]);

export const namespacePrinter = printer(
  [NAME_COLUMN, col('Status', 'string', 'The status of the namespace'), AGE_COLUMN],
  // v1 defaulting sets status.phase to Active.
  (o, nowMs) => [str(o.metadata?.name), str(obj(o.status).phase) || 'Active', since(o.metadata?.creationTimestamp, nowMs)],
);

export const resourceQuotaPrinter = printer(
  [
    NAME_COLUMN,
    col('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    col(
      'Limit',
      'string',
      'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.',
    ),
    AGE_COLUMN,
  ],
  (o, nowMs) => {
    const status = obj(o.status);
    const hard = obj(status.hard);
    const used = obj(status.used);
    const requests: string[] = [];
    const limits: string[] = [];
    for (const resource of Object.keys(hard).sort(goCompare)) {
      const pieces = resource.split('.');
      const target = pieces.length > 1 && pieces[0] === 'limits' ? limits : requests;
      target.push(`${resource}: ${quantityString(used[resource])}/${quantityString(hard[resource])}`);
    }
    return [str(o.metadata?.name), requests.join(', '), limits.join(', '), since(o.metadata?.creationTimestamp, nowMs)];
  },
);

export const componentStatusPrinter = printer(
  [
    NAME_COLUMN,
    col('Status', 'string', 'Status of the component conditions'),
    col('Message', 'string', 'Message of the component conditions'),
    col('Error', 'string', 'Error of the component conditions'),
  ],
  (o) => {
    let status = 'Unknown';
    let message = '';
    let error = '';
    const healthy = arr(o.conditions)
      .map(obj)
      .find((c) => c.type === 'Healthy');
    if (healthy !== undefined) {
      status = healthy.status === 'True' ? 'Healthy' : 'Unhealthy';
      message = str(healthy.message);
      error = str(healthy.error);
    }
    return [str(o.metadata?.name), status, message, error];
  },
);
