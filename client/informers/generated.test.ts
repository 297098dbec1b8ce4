import { describe, expect, it } from 'vitest';
import { groupAccessor, lowerCamel, resourceAccessor, staleFiles } from '../../scripts/generate-informers.js';
import { gvrKey } from '../cache/listwatch.js';
import { GENERIC_INFORMERS } from './generated/generic.js';
import { BUILTIN_RESOURCES } from './generated/resources.js';
import { newForConfig } from '../kubernetes/clientset.js';
import { newSharedInformerFactory } from './factory.js';

describe('generated informer accessors', () => {
  it('the checked-in output is what scripts/generate-informers.ts produces now', { timeout: 30_000 }, async () => {
    expect(await staleFiles()).toEqual([]);
  });

  it('names accessors as client-go does', () => {
    expect(groupAccessor('')).toBe('core');
    expect(groupAccessor('rbac.authorization.k8s.io')).toBe('rbac');
    expect(groupAccessor('internal.apiserver.k8s.io')).toBe('internal');
    expect(resourceAccessor('Pod', 'pods')).toBe('pods');
    expect(resourceAccessor('Endpoints', 'endpoints')).toBe('endpoints');
    expect(resourceAccessor('NetworkPolicy', 'networkpolicies')).toBe('networkPolicies');
    expect(resourceAccessor('CSIStorageCapacity', 'csistoragecapacities')).toBe('csiStorageCapacities');
    expect(resourceAccessor('IPAddress', 'ipaddresses')).toBe('ipAddresses');
    expect(resourceAccessor('APIService', 'apiservices')).toBe('apiServices');
    expect(lowerCamel('ServiceCIDRs')).toBe('serviceCIDRs');
  });

  it('covers every built-in list+watch resource, reachable through typed accessors', () => {
    const f = newSharedInformerFactory(newForConfig({ host: 'http://127.0.0.1:9' }));
    expect(BUILTIN_RESOURCES.length).toBeGreaterThan(60);
    // Accessor chains type-check and resolve to the right resources.
    const chains: Array<[() => { informer(): unknown }, string]> = [
      [() => f.core().v1().pods(), 'v1/pods'],
      [() => f.core().v1().configMaps(), 'v1/configmaps'],
      [() => f.apps().v1().deployments(), 'apps/v1/deployments'],
      [() => f.autoscaling().v2().horizontalPodAutoscalers(), 'autoscaling/v2/horizontalpodautoscalers'],
      [() => f.networking().v1().networkPolicies(), 'networking.k8s.io/v1/networkpolicies'],
      [() => f.storage().v1().csiStorageCapacities(), 'storage.k8s.io/v1/csistoragecapacities'],
      [() => f.coordination().v1().leases(), 'coordination.k8s.io/v1/leases'],
      [() => f.internal().v1alpha1().storageVersions(), 'internal.apiserver.k8s.io/v1alpha1/storageversions'],
    ];
    for (const [chain] of chains) chain().informer();
    expect(f.informerKeys).toEqual(chains.map(([, k]) => k));
  });

  it('forResource resolves every built-in GVR to its typed accessor (generic.ts)', () => {
    const f = newSharedInformerFactory(newForConfig({ host: 'http://127.0.0.1:9' }));
    for (const spec of BUILTIN_RESOURCES) expect(f.forResource(spec).informer()).toBe(GENERIC_INFORMERS[gvrKey(spec)](f).informer());
    expect(f.informerKeys.sort()).toEqual(BUILTIN_RESOURCES.map(gvrKey).sort());
  });
});
