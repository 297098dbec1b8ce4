/**
 * Printers of the API machinery's own kinds: storageversions (internal.apiserver.k8s.io),
 * storageversionmigrations (storagemigration.k8s.io), apiservices (apiregistration.k8s.io, whose
 * storage in kube-aggregator converts to a Table itself) and metav1.Status.
 */
import { AGE_COLUMN, col, NAME_COLUMN, NAME_DESCRIPTION, printer } from './columns.js';
import { arr, groupResourceString, listWithMoreString, obj, str } from './format.js';
import { since } from './timestamps.js';
import type { Obj } from './types.js';

/** `formatStorageVersions`: up to three "apiServerID=encodingVersion". */
function formatStorageVersions(versions: unknown): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const sv of arr(versions).map(obj)) {
    if (list.length < max) list.push(`${str(sv.apiServerID)}=${str(sv.encodingVersion)}`);
    else if (list.length === max) more = true;
    count++;
  }
  return listWithMoreString(list, more, count, max);
}

export const storageVersionPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'CommonEncodingVersion',
      'string',
      'If all API server instances agree on the same encoding storage version, then this field is set to that version. Otherwise this field is left empty. API servers should finish updating its storageVersionStatus entry before serving write operations, so that this field will be in sync with the reality.',
    ),
    col('StorageVersions', 'string', 'The reported versions per API server instance.'),
    AGE_COLUMN,
  ],
  (o, nowMs) => {
    const status = obj(o.status);
    return [
      str(o.metadata?.name),
      typeof status.commonEncodingVersion === 'string' ? status.commonEncodingVersion : '<unset>',
      formatStorageVersions(status.storageVersions),
      since(o.metadata?.creationTimestamp, nowMs),
    ];
  },
);

export const storageVersionMigrationPrinter = printer(
  [
    col('Name', 'string', NAME_DESCRIPTION),
    col('Resource', 'string', 'GroupResource to migrate'),
    col('Status', 'string', 'Status of the migration'),
  ],
  (o) => {
    const resource = obj(obj(o.spec).resource);
    let condStatus = 'Unknown';
    for (const c of arr(obj(o.status).conditions).map(obj)) {
      if (c.status !== 'True') continue;
      if (c.type === 'Running' || c.type === 'Failed' || c.type === 'Succeeded') condStatus = c.type;
    }
    return [str(o.metadata?.name), groupResourceString(resource.group, resource.resource), condStatus];
  },
);

/** kube-aggregator's APIService ConvertToTable: Service ("Local" or namespace/name) and Available. */
export const apiServicePrinter = printer(
  [
    NAME_COLUMN,
    col('Service', 'string', 'The reference to the service that hosts this API endpoint.'),
    col('Available', 'string', 'Whether this service is available.'),
    AGE_COLUMN,
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    const service =
      spec.service === undefined || spec.service === null ? 'Local' : `${str(spec.service.namespace)}/${str(spec.service.name)}`;
    let available = 'Unknown';
    const condition = arr(obj(o.status).conditions)
      .map(obj)
      .find((c: Obj) => c.type === 'Available');
    if (condition !== undefined) {
      if (condition.status === 'True' || str(condition.reason).length === 0) available = str(condition.status);
      else available = `${str(condition.status)} (${str(condition.reason)})`;
    }
    return [str(o.metadata?.name), service, available, since(o.metadata?.creationTimestamp, nowMs)];
  },
);

/** printStatus: a metav1.Status as a Table (its Message column's description is empty upstream). */
export const statusPrinter = printer(
  [
    col(
      'Status',
      'string',
      'Status of the operation. One of: "Success" or "Failure". More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
    ),
    col(
      'Reason',
      'string',
      'A machine-readable description of why this operation is in the "Failure" status. If this value is empty there is no information available. A Reason clarifies an HTTP status code but does not override it.',
    ),
    col('Message', 'string', ''),
  ],
  (o) => [str(o.status), str(o.reason), str(o.message)],
);
