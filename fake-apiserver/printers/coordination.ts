/** Printers of coordination.k8s.io: leases (Holder) and leasecandidates. */
import { AGE_COLUMN, col, NAME_COLUMN, printer } from './columns.js';
import { obj, str } from './format.js';
import { since } from './timestamps.js';

export const leasePrinter = printer(
  [
    NAME_COLUMN,
    col(
      'Holder',
      'string',
      'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.',
    ),
    AGE_COLUMN,
  ],
  (o, nowMs) => [str(o.metadata?.name), str(obj(o.spec).holderIdentity), since(o.metadata?.creationTimestamp, nowMs)],
);

export const leaseCandidatePrinter = printer(
  [
    NAME_COLUMN,
    col('LeaseName', 'string', 'LeaseName is the name of the lease for which this candidate is contending. This field is immutable.'),
    col('BinaryVersion', 'string', ''),
    col('EmulationVersion', 'string', ''),
    AGE_COLUMN,
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    return [
      str(o.metadata?.name),
      str(spec.leaseName),
      str(spec.binaryVersion),
      str(spec.emulationVersion),
      since(o.metadata?.creationTimestamp, nowMs),
    ];
  },
);
