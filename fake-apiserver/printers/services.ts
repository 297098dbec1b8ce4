/** Printers of services and their endpoints: services, endpoints, endpointslices. */
import { AGE_COLUMN, col, NAME_COLUMN, printer } from './columns.js';
import { arr, formatLabels, joinHostPort, listWithMoreString, int, obj, sortedSet, str } from './format.js';
import { since } from './timestamps.js';
import type { Obj } from './types.js';

/** `loadBalancerStatusStringer` (wide: never clipped): the sorted set of ingress IPs/hostnames. */
export function loadBalancerIngress(status: unknown): string {
  const names: string[] = [];
  for (const ing of arr(obj(status).ingress).map(obj)) {
    if (str(ing.ip) !== '') names.push(str(ing.ip));
    else if (str(ing.hostname) !== '') names.push(str(ing.hostname));
  }
  return sortedSet(names).join(',');
}

function externalIP(svc: Obj): string {
  const spec = obj(svc.spec);
  const externalIPs = arr(spec.externalIPs).map(str);
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerIngress(obj(svc.status).loadBalancer);
      if (externalIPs.length > 0) return [...(lbIps.length > 0 ? lbIps.split(',') : []), ...externalIPs].join(',');
      return lbIps.length > 0 ? lbIps : '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
  }
  return '<unknown>';
}

/** `makePortString`: "80/TCP", "80:30080/TCP" (protocol defaults to TCP). */
function portString(ports: unknown): string {
  return arr(ports)
    .map(obj)
    .map((p) => {
      const protocol = str(p.protocol) || 'TCP';
      return int(p.nodePort) > 0 ? `${int(p.port)}:${int(p.nodePort)}/${protocol}` : `${int(p.port)}/${protocol}`;
    })
    .join(',');
}

export const servicePrinter = printer(
  [
    NAME_COLUMN,
    col(
      'Type',
      'string',
      'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is "None", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. "NodePort" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. "ExternalName" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
    ),
    col(
      'Cluster-IP',
      'string',
      'clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are "None", empty string (""), or a valid IP address. Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
    ),
    col(
      'External-IP',
      'string',
      'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system.',
    ),
    col(
      'Port(s)',
      'string',
      'The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
    ),
    AGE_COLUMN,
    col(
      'Selector',
      'string',
      'Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/',
      { priority: 1 },
    ),
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    const clusterIPs = arr(spec.clusterIPs);
    // The registry keeps clusterIPs[0] == clusterIP; fall back to clusterIP for objects without the list.
    const internalIP = clusterIPs.length > 0 ? str(clusterIPs[0]) : str(spec.clusterIP) || '<none>';
    return [
      str(o.metadata?.name),
      str(spec.type ?? 'ClusterIP'),
      internalIP,
      externalIP(o),
      portString(spec.ports) || '<none>',
      since(o.metadata?.creationTimestamp, nowMs),
      formatLabels(spec.selector),
    ];
  },
);

/** `formatEndpoints(endpoints, nil)`: up to three "ip:port" (or bare IPs for port-less subsets). */
function formatEndpoints(subsets: unknown): string {
  const list = arr(subsets).map(obj);
  if (list.length === 0) return '<none>';
  const out: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of list) {
    const addresses = arr(ss.addresses).map(obj);
    const ports = arr(ss.ports).map(obj);
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (out.length === max) {
          more = true;
          break;
        }
        out.push(str(a.ip));
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (out.length === max) {
          more = true;
          break;
        }
        out.push(joinHostPort(str(a.ip), int(port.port)));
      }
    }
  }
  const ret = out.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpointsPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'Endpoints',
      'string',
      'The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service.',
    ),
    AGE_COLUMN,
  ],
  (o, nowMs) => [str(o.metadata?.name), formatEndpoints(o.subsets), since(o.metadata?.creationTimestamp, nowMs)],
);

function formatDiscoveryPorts(ports: unknown): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const port of arr(ports).map(obj)) {
    // discovery/v1 defaulting gives every port a name ("" when unset), so "*" never shows.
    if (list.length < max) list.push(typeof port.port === 'number' ? String(int(port.port)) : str(port.name));
    else if (list.length === max) more = true;
    count++;
  }
  return listWithMoreString(list, more, count, max);
}

function formatDiscoveryEndpoints(endpoints: unknown): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ep of arr(endpoints).map(obj)) {
    for (const address of arr(ep.addresses)) {
      if (list.length < max) list.push(str(address));
      else if (list.length === max) more = true;
      count++;
    }
  }
  return listWithMoreString(list, more, count, max);
}

export const endpointSlicePrinter = printer(
  [
    NAME_COLUMN,
    col(
      'AddressType',
      'string',
      'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name.',
    ),
    col(
      'Ports',
      'string',
      'ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates "all ports". Each slice may include a maximum of 100 ports.',
    ),
    col(
      'Endpoints',
      'string',
      'endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.',
    ),
    AGE_COLUMN,
  ],
  (o, nowMs) => [
    str(o.metadata?.name),
    str(o.addressType),
    formatDiscoveryPorts(o.ports),
    formatDiscoveryEndpoints(o.endpoints),
    since(o.metadata?.creationTimestamp, nowMs),
  ],
);
