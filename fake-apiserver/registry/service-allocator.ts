/**
 * The service REST layer's allocations (pkg/registry/core/service): a cluster IP from the
 * service CIDR for every service but ExternalName (and headless `None`), with the IPv4
 * single-stack family fields, and node ports (30000-32767) for NodePort and LoadBalancer ports.
 * The fake's service CIDR is kubeadm's default, 10.96.0.0/12; 10.96.0.1 is the `kubernetes`
 * service.
 */
import type { Random } from '../random.js';
import type { RevisionStore } from '../store/revision-store.js';
import { resourceKey, type KubeObject } from '../store/types.js';

const BASE = (10 << 24) | (96 << 16); // 10.96.0.0
const SIZE = 1 << 20; // /12

function ipString(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function allocateServiceAddresses(svc: KubeObject, store: RevisionStore, random: Random): void {
  const spec = (svc.spec ?? {}) as Record<string, any>;
  const type = spec.type ?? 'ClusterIP';
  if (type === 'ExternalName') return;
  const services = store.list(resourceKey('', 'services'));
  if (!spec.clusterIP) {
    const used = new Set(services.map((s) => (s.spec as { clusterIP?: string } | undefined)?.clusterIP));
    let ip = '';
    for (let attempt = 0; attempt < 64 && (!ip || used.has(ip)); attempt++)
      ip = ipString((BASE + 2 + Math.floor(random.next() * (SIZE - 3))) >>> 0);
    spec.clusterIP = ip;
  }
  if (spec.clusterIP !== 'None' || !spec.clusterIPs) spec.clusterIPs ??= [spec.clusterIP];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  if ((type === 'NodePort' || type === 'LoadBalancer') && Array.isArray(spec.ports)) {
    const usedPorts = new Set(
      services.flatMap((s) => ((s.spec as { ports?: Array<{ nodePort?: number }> })?.ports ?? []).map((p) => p.nodePort)),
    );
    for (const p of spec.ports) {
      if (!p || typeof p !== 'object' || p.nodePort) continue;
      let port = 0;
      for (let attempt = 0; attempt < 64 && (!port || usedPorts.has(port)); attempt++) port = 30000 + Math.floor(random.next() * 2768);
      p.nodePort = port;
      usedPorts.add(port);
    }
  }
  svc.spec = spec;
}
