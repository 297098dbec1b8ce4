/**
 * Printers of flowcontrol.apiserver.k8s.io: flowschemas (whose list rows upstream sorts by
 * matchingPrecedence, then name) and prioritylevelconfigurations. Unset fields print their v1
 * defaults (matchingPrecedence 1000, nominalConcurrencyShares 30, queues 64, handSize 8,
 * queueLengthLimit 50), which the real server always stores.
 */
import { goCompare } from '../selectors/go-format.js';
import { AGE_COLUMN, col, NAME_COLUMN, printer } from './columns.js';
import { arr, int, obj, str } from './format.js';
import { since } from './timestamps.js';
import type { Obj } from './types.js';

const orDefault = (v: unknown, dflt: number) => (int(v) === 0 ? dflt : int(v));
const matchingPrecedence = (fs: Obj) => orDefault(obj(fs.spec).matchingPrecedence, 1000);

/** `FlowSchemaSequence`: lower matchingPrecedence first, then by name. */
function orderFlowSchemas(items: readonly Obj[]): Obj[] {
  return [...items].sort(
    (a, b) => matchingPrecedence(a) - matchingPrecedence(b) || goCompare(str(a.metadata?.name), str(b.metadata?.name)),
  );
}

export const flowSchemaPrinter = printer(
  [
    NAME_COLUMN,
    col('PriorityLevel', 'string', '`name` is the name of the priority level configuration being referenced Required.'),
    col(
      'MatchingPrecedence',
      'string',
      '`matchingPrecedence` is used to choose among the FlowSchemas that match a given request. The chosen FlowSchema is among those with the numerically lowest (which we take to be logically highest) MatchingPrecedence.  Each MatchingPrecedence value must be ranged in [1,10000]. Note that if the precedence is not specified, it will be set to 1000 as default.',
    ),
    col(
      'DistinguisherMethod',
      'string',
      '`distinguisherMethod` defines how to compute the flow distinguisher for requests that match this schema. `nil` specifies that the distinguisher is disabled and thus will always be the empty string.',
    ),
    AGE_COLUMN,
    col('MissingPL', 'string', 'references a broken or non-existent PriorityLevelConfiguration'),
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    const dangling = arr(obj(o.status).conditions)
      .map(obj)
      .find((c) => c.type === 'Dangling');
    const distinguisher =
      spec.distinguisherMethod === undefined || spec.distinguisherMethod === null ? '<none>' : str(spec.distinguisherMethod.type);
    return [
      str(o.metadata?.name),
      str(obj(spec.priorityLevelConfiguration).name),
      matchingPrecedence(o),
      distinguisher,
      since(o.metadata?.creationTimestamp, nowMs),
      dangling === undefined ? '?' : str(dangling.status),
    ];
  },
  orderFlowSchemas,
);

export const priorityLevelConfigurationPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'Type',
      'string',
      '`type` indicates whether this priority level is subject to limitation on request execution.  A value of `"Exempt"` means that requests of this priority level are not subject to a limit (and thus are never queued) and do not detract from the capacity made available to other priority levels.  A value of `"Limited"` means that (a) requests of this priority level _are_ subject to limits and (b) some of the server\'s limited capacity is made available exclusively to this priority level. Required.',
    ),
    col(
      'NominalConcurrencyShares',
      'string',
      '`nominalConcurrencyShares` (NCS) contributes to the computation of the NominalConcurrencyLimit (NominalCL) of this level. This is the number of execution seats available at this priority level. This is used both for requests dispatched from this priority level as well as requests dispatched from other priority levels borrowing seats from this level. The server\'s concurrency limit (ServerCL) is divided among the Limited priority levels in proportion to their NCS values:\n\nNominalCL(i)  = ceil( ServerCL * NCS(i) / sum_ncs ) sum_ncs = sum[priority level k] NCS(k)\n\nBigger numbers mean a larger nominal concurrency limit, at the expense of every other priority level.\n\nIf not specified, this field defaults to a value of 30.\n\nSetting this field to zero supports the construction of a "jail" for this priority level that is used to hold some request(s)',
    ),
    col(
      'Queues',
      'string',
      '`queues` is the number of queues for this priority level. The queues exist independently at each apiserver. The value must be positive.  Setting it to 1 effectively precludes shufflesharding and thus makes the distinguisher method of associated flow schemas irrelevant.  This field has a default value of 64.',
    ),
    col(
      'HandSize',
      'string',
      "`handSize` is a small positive number that configures the shuffle sharding of requests into queues.  When enqueuing a request at this priority level the request's flow identifier (a string pair) is hashed and the hash value is used to shuffle the list of queues and deal a hand of the size specified here.  The request is put into one of the shortest queues in that hand. `handSize` must be no larger than `queues`, and should be significantly smaller (so that a few heavy flows do not saturate most of the queues).  See the user-facing documentation for more extensive guidance on setting this field.  This field has a default value of 8.",
    ),
    col(
      'QueueLengthLimit',
      'string',
      '`queueLengthLimit` is the maximum number of requests allowed to be waiting in a given queue of this priority level at a time; excess requests are rejected.  This value must be positive.  If not specified, it will be defaulted to 50.',
    ),
    AGE_COLUMN,
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    let ncs: string | number = '<none>';
    let queues: string | number = '<none>';
    let handSize: string | number = '<none>';
    let queueLengthLimit: string | number = '<none>';
    if (spec.limited !== undefined && spec.limited !== null) {
      const limited = obj(spec.limited);
      ncs = typeof limited.nominalConcurrencyShares === 'number' ? int(limited.nominalConcurrencyShares) : 30;
      const queuing = obj(limited.limitResponse).queuing;
      if (queuing !== undefined && queuing !== null) {
        queues = orDefault(queuing.queues, 64);
        handSize = orDefault(queuing.handSize, 8);
        queueLengthLimit = orDefault(queuing.queueLengthLimit, 50);
      }
    }
    return [str(o.metadata?.name), str(spec.type), ncs, queues, handSize, queueLengthLimit, since(o.metadata?.creationTimestamp, nowMs)];
  },
);
