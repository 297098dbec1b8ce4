/**
 * Printers of horizontalpodautoscalers (printHorizontalPodAutoscaler with formatHPAMetrics) and of
 * the scale subresource (printScale). HPAs are read in the internal (autoscaling/v2) shape: an
 * autoscaling/v1 object's targetCPUUtilizationPercentage becomes a cpu Utilization metric, and an
 * HPA without metrics gets the 80% cpu default, as conversion and defaulting do upstream.
 */
import { AGE_COLUMN, col, NAME_COLUMN, NAME_DESCRIPTION, printer } from './columns.js';
import { arr, int, obj, str } from './format.js';
import { quantityString } from './quantity.js';
import { since } from './timestamps.js';
import type { Obj } from './types.js';

const DEFAULT_CPU_UTILIZATION = 80;

const isSet = (v: unknown) => v !== undefined && v !== null;
/** `(*resource.Quantity).String()`: "<nil>" for a nil pointer. */
const q = (v: unknown) => (isSet(v) ? quantityString(v) : '<nil>');

function cpuMetric(utilization: number): Obj {
  return { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: utilization } } };
}

function specMetrics(hpa: Obj): Obj[] {
  const spec = obj(hpa.spec);
  const metrics = arr(spec.metrics).map(obj);
  if (metrics.length > 0) return metrics;
  if (typeof spec.targetCPUUtilizationPercentage === 'number') return [cpuMetric(int(spec.targetCPUUtilizationPercentage))];
  return [cpuMetric(DEFAULT_CPU_UTILIZATION)];
}

function statusMetrics(hpa: Obj): Obj[] {
  const status = obj(hpa.status);
  if (Array.isArray(status.currentMetrics)) return status.currentMetrics.map(obj);
  if (typeof status.currentCPUUtilizationPercentage === 'number') {
    return [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: int(status.currentCPUUtilizationPercentage) } } }];
  }
  return [];
}

/** One metric of formatHPAMetrics; `status` is the status at the same index (upstream does not match by type). */
function formatMetric(spec: Obj, status: Obj | undefined): string {
  const field = (s: Obj | undefined, key: string) => (s !== undefined && isSet(s[key]) ? obj(s[key]) : undefined);
  switch (spec.type) {
    case 'External':
    case 'Object': {
      const key = spec.type === 'External' ? 'external' : 'object';
      const target = obj(obj(spec[key]).target);
      const st = field(status, key);
      if (isSet(target.averageValue)) {
        const current = st !== undefined && isSet(obj(st.current).averageValue) ? q(obj(st.current).averageValue) : '<unknown>';
        return `${current}/${q(target.averageValue)} (avg)`;
      }
      const current = st !== undefined ? q(obj(st.current).value) : '<unknown>';
      return `${current}/${q(target.value)}`;
    }
    case 'Pods': {
      const st = field(status, 'pods');
      const current = st !== undefined ? q(obj(st.current).averageValue) : '<unknown>';
      return `${current}/${q(obj(obj(spec.pods).target).averageValue)}`;
    }
    case 'Resource':
    case 'ContainerResource': {
      const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
      const source = obj(spec[key]);
      const target = obj(source.target);
      const st = field(status, key);
      if (isSet(target.averageValue)) {
        const current = st !== undefined ? q(obj(st.current).averageValue) : '<unknown>';
        return `${str(source.name)}: ${current}/${q(target.averageValue)}`;
      }
      const utilization = st !== undefined ? obj(st.current).averageUtilization : undefined;
      const current = typeof utilization === 'number' ? `${int(utilization)}%` : '<unknown>';
      const goal = typeof target.averageUtilization === 'number' ? `${int(target.averageUtilization)}%` : '<auto>';
      return `${str(source.name)}: ${current}/${goal}`;
    }
  }
  return '<unknown type>';
}

/** `formatHPAMetrics`: at most two metrics, then "+ N more...". */
export function formatHPAMetrics(specs: Obj[], statuses: Obj[]): string {
  if (specs.length === 0) return '<none>';
  const max = 2;
  const list = specs.map((spec, i) => formatMetric(spec, statuses[i]));
  const ret = list.slice(0, max).join(', ');
  return list.length > max ? `${ret} + ${list.length - max} more...` : ret;
}

export const horizontalPodAutoscalerPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'Reference',
      'string',
      'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.',
    ),
    col(
      'Targets',
      'string',
      'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).  The desired replica count is calculated multiplying the ratio between the target value and the current value by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual metric source types for more information about how each type of metric must respond.',
    ),
    col(
      'MinPods',
      'string',
      'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is active as long as at least one metric value is available.',
    ),
    col(
      'MaxPods',
      'string',
      'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.',
    ),
    col(
      'Replicas',
      'string',
      'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.',
    ),
    AGE_COLUMN,
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    const ref = obj(spec.scaleTargetRef);
    return [
      str(o.metadata?.name),
      `${str(ref.kind)}/${str(ref.name)}`,
      formatHPAMetrics(specMetrics(o), statusMetrics(o)),
      String(typeof spec.minReplicas === 'number' ? int(spec.minReplicas) : 1), // defaulted to 1
      int(spec.maxReplicas),
      int(obj(o.status).currentReplicas),
      since(o.metadata?.creationTimestamp, nowMs),
    ];
  },
);

/** printScale: the Table of a built-in `<resource>/scale` subresource (an autoscaling/v1 Scale). */
export const scalePrinter = printer(
  [
    col('Name', 'string', NAME_DESCRIPTION),
    col('Desired', 'integer', 'replicas is the desired number of instances for the scaled object.'),
    col('Available', 'integer', 'replicas is the actual number of observed instances of the scaled object.'),
    AGE_COLUMN,
  ],
  (o, nowMs) => [
    str(o.metadata?.name),
    int(obj(o.spec).replicas),
    int(obj(o.status).replicas),
    since(o.metadata?.creationTimestamp, nowMs),
  ],
);
