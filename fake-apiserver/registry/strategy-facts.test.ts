import { describe, expect, it } from 'vitest';
import { STRATEGY_FACTS, strategyFactsFor } from './strategy-facts.js';

describe('STRATEGY_FACTS', () => {
  it('every entry names its source and is unique per group/resource', () => {
    const seen = new Set<string>();
    for (const f of STRATEGY_FACTS) {
      expect(f.source.trim().length, `${f.group}/${f.resource}`).toBeGreaterThan(0);
      const k = `${f.group}/${f.resource}`;
      expect(seen.has(k), `duplicate ${k}`).toBe(false);
      seen.add(k);
    }
  });

  it('status lists are only present when a status subresource is served', () => {
    for (const f of STRATEGY_FACTS) {
      if (!f.statusSubresource) expect(f.statusUpdateKeepsFromOld, `${f.group}/${f.resource}`).toEqual([]);
    }
  });

  it('graceful-delete rules only where graceful deletion exists (pods only)', () => {
    expect(STRATEGY_FACTS.filter((f) => f.gracefulDelete).map((f) => `${f.group}/${f.resource}`)).toEqual(['/pods']);
    for (const f of STRATEGY_FACTS) expect(Boolean(f.gracefulDeleteRule)).toBe(f.gracefulDelete);
  });
});

describe('strategyFactsFor — pinned facts read from upstream source', () => {
  it('configmaps: plain strategy', () => {
    const f = strategyFactsFor('', 'configmaps');
    expect(f.generation).toBe('none');
    expect(f.allowUnconditionalUpdate).toBe(true);
    expect(f.allowCreateOnUpdate).toBe(false);
    expect(f.returnDeletedObject).toBe(false);
    expect(f.statusSubresource).toBe(false);
  });

  it('pods: DELETE returns the object, graceful, status reset, generation tracked', () => {
    const f = strategyFactsFor('', 'pods');
    expect(f.returnDeletedObject).toBe(true);
    expect(f.gracefulDelete).toBe(true);
    expect(f.generation).toBe('spec');
    expect(f.mainUpdateKeepsFromOld).toEqual(['status']);
    expect(f.statusUpdateKeepsFromOld).toEqual(['spec', 'metadata.ownerReferences', 'metadata.deletionTimestamp']);
    expect(f.createSets?.['status.phase']).toBe('Pending');
  });

  it('deployments: generation on spec+annotations; /status keeps spec and labels', () => {
    const f = strategyFactsFor('apps', 'deployments');
    expect(f.generation).toBe('spec+annotations');
    expect(f.mainUpdateKeepsFromOld).toEqual(['status']);
    expect(f.statusUpdateKeepsFromOld).toEqual(['spec', 'metadata.labels']);
    expect(f.createClears).toEqual(['status']);
    expect(f.returnDeletedObject).toBe(false);
  });

  it('CRDs: no unconditional update, spec generation', () => {
    const f = strategyFactsFor('apiextensions.k8s.io', 'customresourcedefinitions');
    expect(f.allowUnconditionalUpdate).toBe(false);
    expect(f.allowCreateOnUpdate).toBe(false);
    expect(f.generation).toBe('spec');
  });

  it('create-on-update resources', () => {
    for (const [g, r] of [
      ['', 'endpoints'],
      ['', 'events'],
      ['', 'limitranges'],
      ['', 'services'],
      ['rbac.authorization.k8s.io', 'roles'],
      ['coordination.k8s.io', 'leases'],
      ['node.k8s.io', 'runtimeclasses'],
    ] as const) {
      expect(strategyFactsFor(g, r).allowCreateOnUpdate, `${g}/${r}`).toBe(true);
    }
    expect(strategyFactsFor('', 'configmaps').allowCreateOnUpdate).toBe(false);
  });

  it('ReturnDeletedObject stores', () => {
    const rdo = STRATEGY_FACTS.filter((f) => f.returnDeletedObject).map((f) => `${f.group}/${f.resource}`);
    expect(rdo).toEqual(
      expect.arrayContaining([
        '/pods',
        '/services',
        '/namespaces',
        '/serviceaccounts',
        '/persistentvolumes',
        '/persistentvolumeclaims',
        '/resourcequotas',
        '/podtemplates',
        'storage.k8s.io/storageclasses',
        'storage.k8s.io/volumeattachments',
        'storage.k8s.io/csidrivers',
        'storage.k8s.io/csinodes',
        'storage.k8s.io/volumeattributesclasses',
        'resource.k8s.io/resourceclaims',
      ]),
    );
    expect(rdo).not.toContain('/configmaps');
    expect(rdo).not.toContain('/nodes');
    expect(rdo).not.toContain('scheduling.k8s.io/priorityclasses');
  });

  it('legacy orphan GC defaults and events', () => {
    expect(strategyFactsFor('batch', 'jobs').defaultGCPolicy).toBe('orphan');
    expect(strategyFactsFor('', 'replicationcontrollers').defaultGCPolicy).toBe('orphan');
    expect(strategyFactsFor('apps', 'deployments').defaultGCPolicy).toBeUndefined();
    expect(strategyFactsFor('', 'events').defaultGCPolicy).toBe('unsupported');
  });

  it('PDBs, leases, webhook configs refuse unconditional updates', () => {
    expect(strategyFactsFor('policy', 'poddisruptionbudgets').allowUnconditionalUpdate).toBe(false);
    expect(strategyFactsFor('coordination.k8s.io', 'leases').allowUnconditionalUpdate).toBe(false);
    expect(strategyFactsFor('admissionregistration.k8s.io', 'mutatingwebhookconfigurations').allowUnconditionalUpdate).toBe(false);
  });

  it('namespaces keep spec.finalizers and status on PUT', () => {
    const f = strategyFactsFor('', 'namespaces');
    expect(f.mainUpdateKeepsFromOld).toEqual(['status', 'spec.finalizers']);
    expect(f.createSets?.['status.phase']).toBe('Active');
  });

  it('core aliases and unknown resources', () => {
    expect(strategyFactsFor('core', 'pods')).toBe(strategyFactsFor('', 'pods'));
    const u = strategyFactsFor('example.com', 'widgets');
    expect(u.unverified).toBeTruthy();
    expect(u.allowCreateOnUpdate).toBe(false);
    expect(u.allowUnconditionalUpdate).toBe(true);
    expect(u.returnDeletedObject).toBe(false);
    expect(u.generation).toBe('none');
  });
});
