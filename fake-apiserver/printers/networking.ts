/** Printers of networking.k8s.io: ingresses, ingressclasses, networkpolicies, servicecidrs, ipaddresses. */
import { AGE_COLUMN, col, NAME_COLUMN, printer } from './columns.js';
import { arr, formatLabelSelector, groupResourceString, obj, str } from './format.js';
import { loadBalancerIngress } from './services.js';
import { since } from './timestamps.js';

/** `formatHosts`: up to three rule hosts, `*` when none. */
function formatHosts(rules: unknown): string {
  const list: string[] = [];
  const all = arr(rules).map(obj);
  const max = 3;
  let more = false;
  for (const rule of all) {
    if (list.length === max) more = true;
    if (!more && str(rule.host).length !== 0) list.push(str(rule.host));
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${all.length - max} more...` : ret;
}

export const ingressPrinter = printer(
  [
    NAME_COLUMN,
    col('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    col('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'string', 'Ports of TLS configurations that open'),
    AGE_COLUMN,
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    return [
      str(o.metadata?.name),
      typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>',
      formatHosts(spec.rules),
      loadBalancerIngress(obj(o.status).loadBalancer),
      arr(spec.tls).length !== 0 ? '80, 443' : '80',
      since(o.metadata?.creationTimestamp, nowMs),
    ];
  },
);

export const ingressClassPrinter = printer(
  [
    NAME_COLUMN,
    col('Controller', 'string', 'Controller that is responsible for handling this class'),
    col('Parameters', 'string', 'A reference to a resource with additional parameters'),
    AGE_COLUMN,
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    let parameters = '<none>';
    if (spec.parameters !== undefined && spec.parameters !== null) {
      const p = obj(spec.parameters);
      parameters = str(p.kind);
      if (typeof p.apiGroup === 'string') parameters += `.${p.apiGroup}`;
      parameters += `/${str(p.name)}`;
    }
    return [str(o.metadata?.name), str(spec.controller), parameters, since(o.metadata?.creationTimestamp, nowMs)];
  },
);

export const networkPolicyPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'Pod-Selector',
      'string',
      'Selects the pods to which this NetworkPolicy object applies.  The array of ingress rules is applied to any pods selected by this field. Multiple network policies can select the same set of pods.  In this case, the ingress rules for each are combined additively. This field is NOT optional and follows standard label selector semantics. An empty podSelector matches all pods in this namespace.',
    ),
    AGE_COLUMN,
  ],
  (o, nowMs) => [str(o.metadata?.name), formatLabelSelector(obj(obj(o.spec).podSelector)), since(o.metadata?.creationTimestamp, nowMs)],
);

export const serviceCIDRPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'CIDRs',
      'string',
      'CIDRs defines the IP blocks in CIDR notation (e.g. "192.168.0.0/24" or "2001:db8::/64") from which to assign service cluster IPs. Max of two CIDRs is allowed, one of each IP family. This field is immutable.',
    ),
    AGE_COLUMN,
  ],
  (o, nowMs) => [str(o.metadata?.name), arr(obj(o.spec).cidrs).map(str).join(','), since(o.metadata?.creationTimestamp, nowMs)],
);

export const ipAddressPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'ParentRef',
      'string',
      'ParentRef references the resource that an IPAddress is attached to. An IPAddress must reference a parent object.',
    ),
  ],
  (o, nowMs) => {
    const ref = obj(o.spec).parentRef;
    let parent = '<none>';
    if (ref !== undefined && ref !== null) {
      const r = obj(ref);
      parent = groupResourceString(r.group, r.resource).toLowerCase();
      if (str(r.namespace) !== '') parent += `/${str(r.namespace)}`;
      parent += `/${str(r.name)}`;
    }
    return [str(o.metadata?.name), parent, since(o.metadata?.creationTimestamp, nowMs)];
  },
);
