/** Printers of scheduling.k8s.io (priorityclasses, workloads) and node.k8s.io (runtimeclasses). */
import { AGE_COLUMN, col, NAME_COLUMN, printer } from './columns.js';
import { int, str } from './format.js';
import { since } from './timestamps.js';

export const priorityClassPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'Value',
      'integer',
      'value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.',
    ),
    col(
      'Global-Default',
      'boolean',
      'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class. Only one PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses exists with their `globalDefault` field set to true, the smallest value of such global default PriorityClasses will be used as the default priority.',
    ),
    AGE_COLUMN,
    col(
      'PreemptionPolicy',
      'string',
      'preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.',
    ),
  ],
  (o, nowMs) => [
    str(o.metadata?.name),
    int(o.value),
    o.globalDefault === true,
    since(o.metadata?.creationTimestamp, nowMs),
    // scheduling/v1 defaulting sets preemptionPolicy to PreemptLowerPriority.
    typeof o.preemptionPolicy === 'string' ? o.preemptionPolicy : 'PreemptLowerPriority',
  ],
);

export const workloadPrinter = printer([NAME_COLUMN, AGE_COLUMN], (o, nowMs) => [
  str(o.metadata?.name),
  since(o.metadata?.creationTimestamp, nowMs),
]);

export const runtimeClassPrinter = printer([NAME_COLUMN, col('Handler', 'string', ''), AGE_COLUMN], (o, nowMs) => [
  str(o.metadata?.name),
  str(o.handler),
  since(o.metadata?.creationTimestamp, nowMs),
]);
