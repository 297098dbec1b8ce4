/** Printers of batch/v1: jobs (Status, Completions, Duration) and cronjobs. */
import { AGE_COLUMN, col, NAME_COLUMN, printer, WIDE_CONTAINER_COLUMNS } from './columns.js';
import { humanDuration } from './duration.js';
import { arr, formatLabelSelector, int, layoutContainerCells, obj, printBoolPtr, str } from './format.js';
import { parseTimestamp, since } from './timestamps.js';
import type { Obj } from './types.js';

/** `hasJobCondition`: the first condition of the type decides. */
function hasCondition(conditions: unknown, type: string): boolean {
  const c = arr(conditions)
    .map(obj)
    .find((x) => x.type === type);
  return c !== undefined && c.status === 'True';
}

function jobStatus(job: Obj): string {
  const conditions = obj(job.status).conditions;
  if (hasCondition(conditions, 'Complete')) return 'Complete';
  if (hasCondition(conditions, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp !== undefined && job.metadata?.deletionTimestamp !== null) return 'Terminating';
  if (hasCondition(conditions, 'Suspended')) return 'Suspended';
  if (hasCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(conditions, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

function completions(job: Obj): string {
  const spec = obj(job.spec);
  const succeeded = int(obj(job.status).succeeded);
  if (typeof spec.completions === 'number') return `${succeeded}/${int(spec.completions)}`;
  const parallelism = int(spec.parallelism);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(job: Obj, nowMs: number): string {
  const status = obj(job.status);
  const start = parseTimestamp(status.startTime);
  if (start === undefined) return '';
  const end = parseTimestamp(status.completionTime);
  return humanDuration((end ?? nowMs) - start);
}

export const jobPrinter = printer(
  [
    NAME_COLUMN,
    col('Status', 'string', 'Status of the job.'),
    col(
      'Completions',
      'string',
      'The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.',
    ),
    col('Duration', 'string', 'Time required to complete the job.'),
    AGE_COLUMN,
    ...WIDE_CONTAINER_COLUMNS,
    col(
      'Selector',
      'string',
      'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
      { priority: 1 },
    ),
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    return [
      str(o.metadata?.name),
      jobStatus(o),
      completions(o),
      jobDuration(o, nowMs),
      since(o.metadata?.creationTimestamp, nowMs),
      ...layoutContainerCells(obj(obj(spec.template).spec).containers),
      formatLabelSelector(spec.selector),
    ];
  },
);

export const cronJobPrinter = printer(
  [
    NAME_COLUMN,
    col('Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
    col(
      'Timezone',
      'string',
      'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones',
    ),
    col(
      'Suspend',
      'boolean',
      'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.',
    ),
    col('Active', 'integer', 'A list of pointers to currently running jobs.'),
    col('Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'),
    AGE_COLUMN,
    ...WIDE_CONTAINER_COLUMNS,
    col(
      'Selector',
      'string',
      'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
      { priority: 1 },
    ),
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    const status = obj(o.status);
    const jobSpec = obj(obj(spec.jobTemplate).spec);
    const lastSchedule =
      status.lastScheduleTime === undefined || status.lastScheduleTime === null ? '<none>' : since(status.lastScheduleTime, nowMs);
    return [
      str(o.metadata?.name),
      str(spec.schedule),
      typeof spec.timeZone === 'string' ? spec.timeZone : '<none>',
      printBoolPtr(spec.suspend ?? false), // batch/v1 defaults suspend to false
      arr(status.active).length,
      lastSchedule,
      since(o.metadata?.creationTimestamp, nowMs),
      ...layoutContainerCells(obj(obj(jobSpec.template).spec).containers),
      formatLabelSelector(jobSpec.selector),
    ];
  },
);
