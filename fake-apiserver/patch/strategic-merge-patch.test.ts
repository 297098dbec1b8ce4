import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isStatusError } from '../errors/status.js';
import { builtinSchemas } from '../schema/openapi-source.js';
import { NodeFactory, type RawSchema } from '../schema/openapi-node.js';
import type { SchemaNode } from '../schema/types.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';

/** upstream's MergeItem test struct (patch_test.go), as OpenAPI with its struct tags as extensions. */
const MERGE_ITEM_SCHEMAS: Record<string, RawSchema> = {
  mergeItem: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      value: { type: 'string' },
      other: { type: 'string' },
      mergingList: {
        type: 'array',
        items: { $ref: '#/components/schemas/mergeItem' },
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-patch-merge-key': 'name',
      },
      nonMergingList: { type: 'array', items: { $ref: '#/components/schemas/mergeItem' } },
      mergingIntList: { type: 'array', items: { type: 'integer' }, 'x-kubernetes-patch-strategy': 'merge' },
      nonMergingIntList: { type: 'array', items: { type: 'integer' } },
      mergeItemPtr: {
        allOf: [{ $ref: '#/components/schemas/mergeItem' }],
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-patch-merge-key': 'name',
      },
      simpleMap: { type: 'object', additionalProperties: { type: 'string' } },
      replacingItem: { type: 'object', 'x-kubernetes-patch-strategy': 'replace' },
      jsonItem: { type: 'object' },
      retainKeysMap: { allOf: [{ $ref: '#/components/schemas/retainKeysMergeItem' }], 'x-kubernetes-patch-strategy': 'retainKeys' },
      retainKeysMergingList: {
        type: 'array',
        items: { $ref: '#/components/schemas/mergeItem' },
        'x-kubernetes-patch-strategy': 'merge,retainKeys',
        'x-kubernetes-patch-merge-key': 'name',
      },
    },
  },
  retainKeysMergeItem: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      value: { type: 'string' },
      other: { type: 'string' },
      simpleMap: { type: 'object', additionalProperties: { type: 'string' } },
      mergingIntList: { type: 'array', items: { type: 'integer' }, 'x-kubernetes-patch-strategy': 'merge' },
      mergingList: {
        type: 'array',
        items: { $ref: '#/components/schemas/mergeItem' },
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-patch-merge-key': 'name',
      },
      nonMergingList: { type: 'array', items: { $ref: '#/components/schemas/mergeItem' } },
    },
  },
};
const mergeItem: SchemaNode = new NodeFactory((ref) => MERGE_ITEM_SCHEMAS[ref.split('/').pop()!], { emptyObject: 'untyped' }).node(
  MERGE_ITEM_SCHEMAS.mergeItem!,
);

interface UpstreamCase {
  description: string;
  table: string;
  original?: any;
  twoWay?: any;
  modified?: any;
  twoWayResult?: any;
  current?: any;
  threeWay?: any;
  result?: any;
  expectedError?: string;
}
const here = dirname(fileURLToPath(import.meta.url));
const upstream = JSON.parse(readFileSync(join(here, 'testdata/smp-upstream-cases.json'), 'utf8')) as {
  tables: UpstreamCase[];
  raw: UpstreamCase[];
};

/** sortMergeListsByName for the MergeItem type: merging lists sorted by name, int lists by value. */
function sortMergeLists(v: any): any {
  if (Array.isArray(v)) return v.map(sortMergeLists);
  if (v === null || typeof v !== 'object') return v;
  const out: any = {};
  for (const [k, x] of Object.entries(v)) {
    let y = sortMergeLists(x);
    if (
      Array.isArray(y) &&
      (k === 'mergingList' ||
        k === 'retainKeysMergingList' ||
        k === 'mergingIntList' ||
        k.startsWith('$setElementOrder/') ||
        k.startsWith('$deleteFromPrimitiveList/'))
    ) {
      y = [...y].sort((a: any, b: any) => {
        const ka = String(a && typeof a === 'object' ? a.name : a);
        const kb = String(b && typeof b === 'object' ? b.name : b);
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      });
    }
    out[k] = y;
  }
  return out;
}

function applyCase(original: any, patch: any, sorted: boolean): any {
  const r = applyStrategicMergePatch(original ?? {}, patch ?? {}, mergeItem);
  return sorted ? sortMergeLists(r) : r;
}

describe('upstream patch_test.go tables (merge lists compared sorted, as upstream does)', () => {
  for (const c of upstream.tables) {
    if (c.twoWay !== undefined) {
      it(`${c.description} / two-way`, () => {
        const want = c.twoWayResult ?? c.modified ?? {};
        expect(applyCase(sortMergeLists(c.original), sortMergeLists(c.twoWay), true)).toEqual(sortMergeLists(want));
      });
    }
    if (c.threeWay !== undefined && c.result !== undefined) {
      it(`${c.description} / three-way`, () => {
        expect(applyCase(sortMergeLists(c.current), sortMergeLists(c.threeWay), true)).toEqual(sortMergeLists(c.result));
      });
    }
  }
});

describe('upstream patch_test.go raw cases (compared exactly, list order included)', () => {
  for (const c of upstream.raw) {
    if (c.twoWay !== undefined) {
      it(`${c.description} / two-way`, () => {
        if (c.expectedError) {
          expect(() => applyCase(c.original, c.twoWay, false)).toThrow(c.expectedError);
          return;
        }
        expect(applyCase(c.original, c.twoWay, false)).toEqual(c.twoWayResult ?? c.modified ?? {});
      });
    }
    if (c.threeWay !== undefined && c.result !== undefined) {
      it(`${c.description} / three-way`, () => {
        expect(applyCase(c.current, c.threeWay, false)).toEqual(c.result);
      });
    }
  }
});

function statusOf(f: () => unknown): { code: number; reason?: string; message?: string } {
  try {
    f();
  } catch (e) {
    if (isStatusError(e)) return e.status as any;
    throw e;
  }
  throw new Error('no error');
}

describe('built-in kinds through their OpenAPI schema', () => {
  const podSchema = builtinSchemas().forKind('', 'v1', 'Pod')!;
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', finalizers: ['a/b'], labels: { app: 'x' } },
    spec: {
      containers: [
        { name: 'c', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }], args: ['x', 'y'] },
        { name: 'd', image: 'busybox' },
      ],
      tolerations: [{ key: 'k', operator: 'Exists' }],
      volumes: [{ name: 'v', emptyDir: {} }],
      nodeSelector: { a: 'b' },
    },
  };
  const smp = (patch: unknown) => applyStrategicMergePatch(pod, patch, podSchema) as any;

  it('merges containers by name and env by name; new items come first', () => {
    const r = smp({
      spec: {
        containers: [
          { name: 'c', image: 'nginx:2', env: [{ name: 'B', value: '2' }] },
          { name: 'e', image: 'e' },
        ],
      },
    });
    expect(r.spec.containers.map((c: any) => c.name)).toEqual(['c', 'e', 'd']);
    expect(r.spec.containers[0].image).toBe('nginx:2');
    expect(r.spec.containers[0].env).toEqual([
      { name: 'B', value: '2' },
      { name: 'A', value: '1' },
    ]);
    expect(r.spec.containers[0].args).toEqual(['x', 'y']);
  });

  it('merges container ports by containerPort', () => {
    const r = smp({ spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 81 }] }] } });
    expect(r.spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP', name: 'http' }, { containerPort: 81 }]);
  });

  it('finalizers merge as a set; $deleteFromPrimitiveList removes', () => {
    expect(smp({ metadata: { finalizers: ['x/y', 'x/y'] } }).metadata.finalizers).toEqual(['x/y', 'a/b']);
    expect(smp({ metadata: { finalizers: ['a/b'] } }).metadata.finalizers).toEqual(['a/b']);
    expect(smp({ metadata: { '$deleteFromPrimitiveList/finalizers': ['a/b'] } }).metadata.finalizers).toEqual([]);
    expect(smp({ metadata: { '$deleteFromPrimitiveList/finalizers': ['a/b'], finalizers: ['q/q'] } }).metadata.finalizers).toEqual(['q/q']);
  });

  it('$setElementOrder orders a merged list', () => {
    expect(smp({ metadata: { finalizers: ['z/z'], '$setElementOrder/finalizers': ['z/z', 'a/b'] } }).metadata.finalizers).toEqual([
      'z/z',
      'a/b',
    ]);
    const r = smp({
      spec: { '$setElementOrder/containers': [{ name: 'd' }, { name: 'c' }, { name: 'n' }], containers: [{ name: 'n', image: 'n' }] },
    });
    expect(r.spec.containers.map((c: any) => c.name)).toEqual(['d', 'c', 'n']);
  });

  it('tolerations (atomic, no strategy) and args are replaced', () => {
    expect(smp({ spec: { tolerations: [{ key: 'z', operator: 'Exists' }] } }).spec.tolerations).toEqual([{ key: 'z', operator: 'Exists' }]);
    expect(smp({ spec: { containers: [{ name: 'c', args: ['z'] }] } }).spec.containers[0].args).toEqual(['z']);
  });

  it('$patch: delete removes a list element by merge key; $patch: replace replaces the list', () => {
    expect(smp({ spec: { containers: [{ name: 'd', $patch: 'delete' }] } }).spec.containers.map((c: any) => c.name)).toEqual(['c']);
    expect(smp({ spec: { containers: [{ name: 'z', image: 'z' }, { $patch: 'replace' }] } }).spec.containers).toEqual([
      { name: 'z', image: 'z' },
    ]);
  });

  it('maps: $patch replace and delete, null deletes a key, labels merge', () => {
    expect(smp({ spec: { nodeSelector: { $patch: 'replace', c: 'd' } } }).spec.nodeSelector).toEqual({ c: 'd' });
    expect(smp({ metadata: { labels: { $patch: 'delete' } } }).metadata.labels).toEqual({});
    expect(smp({ metadata: { labels: { app: null, b: 'c' } } }).metadata.labels).toEqual({ b: 'c' });
    expect(smp({ spec: { nodeSelector: null } }).spec).not.toHaveProperty('nodeSelector');
  });

  it('volumes use retainKeys: keys not listed are dropped, unlisted patch keys are a 400', () => {
    const r = smp({ spec: { volumes: [{ name: 'v', hostPath: { path: '/x' }, $retainKeys: ['name', 'hostPath'] }] } });
    expect(r.spec.volumes).toEqual([{ name: 'v', hostPath: { path: '/x' } }]);
    expect(statusOf(() => smp({ spec: { volumes: [{ name: 'v', hostPath: { path: '/x' }, $retainKeys: ['name'] }] } }))).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'invalid patch format of retainKeys',
    });
  });

  it('deployment strategy (retainKeys on a struct)', () => {
    const schema = builtinSchemas().forKind('apps', 'v1', 'Deployment')!;
    const d = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
    const r = applyStrategicMergePatch(d, { spec: { strategy: { type: 'Recreate', $retainKeys: ['type'] } } }, schema) as any;
    expect(r.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('service ports merge by port', () => {
    const schema = builtinSchemas().forKind('', 'v1', 'Service')!;
    const svc = { spec: { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] } };
    const r = applyStrategicMergePatch(svc, { spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 443 }] } }, schema) as any;
    expect(r.spec.ports).toEqual([{ port: 80, targetPort: 9090, protocol: 'TCP' }, { port: 443 }]);
  });

  it('does not mutate its inputs and drops leftover directive keys', () => {
    const patch = { spec: { newField: { $retainKeys: ['a'], a: 1, '$setElementOrder/x': [] } } };
    const before = JSON.stringify(pod);
    const r = smp(patch);
    expect(JSON.stringify(pod)).toBe(before);
    expect(patch.spec.newField.$retainKeys).toEqual(['a']);
    expect(r.spec.newField).toEqual({ a: 1 });
  });
});

describe('errors, as a v1.35.4 apiserver reports them', () => {
  const podSchema = builtinSchemas().forKind('', 'v1', 'Pod')!;
  const pod = { metadata: { name: 'p', finalizers: ['a/b'] }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
  const smp = (patch: unknown) => statusOf(() => applyStrategicMergePatch(pod, patch, podSchema));

  it.each([
    [{ $patch: 'foo' }, 500, undefined, 'unknown patch type: foo in map: map[$patch:foo]'],
    [{ spec: { containers: [{ image: 'x' }] } }, 500, undefined, 'map: map[image:x] does not contain declared merge key: name'],
    [{ spec: { containers: [{ name: 'c', $patch: 'merge' }] } }, 500, undefined, 'merging lists cannot yet be specified in the patch'],
    [{ spec: { containers: [{ name: 'c', $patch: 'foo' }] } }, 500, undefined, 'unknown patch type: foo in map: map[$patch:foo name:c]'],
    [{ spec: { containers: [{ $patch: 'delete' }] } }, 500, undefined, 'map: map[$patch:delete] does not contain declared merge key: name'],
    [{ spec: { containers: ['x'] } }, 500, undefined, 'list element types are not identical: [[map[image:nginx name:c]] [x]]'],
    [{ metadata: { $deleteFromPrimitiveList: ['a/b'] } }, 400, 'BadRequest', 'invalid patch format of primitive list'],
    [{ metadata: { $setElementOrder: ['x'] } }, 400, 'BadRequest', 'invalid patch format of setElementOrder list'],
    [
      { metadata: { '$setElementOrder/finalizers': ['x'], finalizers: ['y'] } },
      500,
      undefined,
      "The order in patch list:\n[y]\n doesn't match $setElementOrder list:\n[x]\n",
    ],
    [{ spec: { containers: [{ name: 'c', $retainKeys: 'x' }] } }, 400, 'BadRequest', 'invalid patch format of retainKeys'],
    [[1], 400, 'BadRequest', 'json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['x', 400, 'BadRequest', 'json: cannot unmarshal string into Go value of type map[string]interface {}'],
  ])('%j → %i', (patch, code, reason, message) => {
    const s = smp(patch);
    expect(s.code).toBe(code);
    expect(s.reason).toBe(reason);
    expect(s.message).toBe(message);
  });

  it('a list of lists is a 422 with the generic message', () => {
    const s = statusOf(() => applyStrategicMergePatch({ mergingIntList: [[1]] }, { mergingIntList: [[2]] }, mergeItem));
    expect(s).toMatchObject({ code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' });
  });

  it('a null patch changes nothing', () => {
    expect(applyStrategicMergePatch(pod, null, podSchema)).toEqual(pod);
  });
});

describe('without a schema (hand table fallback)', () => {
  it('merges containers by name and finalizers as a set, replaces other lists', () => {
    const obj = { metadata: { finalizers: ['a'] }, spec: { containers: [{ name: 'c', image: 'x' }], tolerations: [{ key: 'a' }] } };
    const r = applyStrategicMergePatch(obj, {
      metadata: { finalizers: ['b'] },
      spec: { containers: [{ name: 'c', image: 'y' }], tolerations: [{ key: 'b' }] },
    }) as any;
    expect(r.metadata.finalizers).toEqual(['b', 'a']);
    expect(r.spec.containers).toEqual([{ name: 'c', image: 'y' }]);
    expect(r.spec.tolerations).toEqual([{ key: 'b' }]);
  });
});

describe('against a real v1.35.4 apiserver (testdata/smp-deployment.golden.json)', () => {
  const golden = JSON.parse(readFileSync(join(here, 'testdata/smp-deployment.golden.json'), 'utf8')) as {
    live: any;
    cases: Array<{ patch: unknown; expected: unknown }>;
  };
  const schema = builtinSchemas().forKind('apps', 'v1', 'Deployment')!;
  const pick = (o: any) => {
    const ps = o.spec.template.spec;
    return {
      fin: o.metadata.finalizers,
      labels: o.metadata.labels,
      containers: ps.containers.map((c: any) => ({
        name: c.name,
        image: c.image,
        env: c.env,
        ports: c.ports?.map((p: any) => p.containerPort),
        args: c.args,
      })),
      tol: ps.tolerations,
      vols: ps.volumes?.map((v: any) => v.name),
    };
  };
  for (const c of golden.cases) {
    it(JSON.stringify(c.patch), () => {
      const expected = c.expected as { code?: number; message?: string };
      if (expected.code !== undefined) {
        expect(statusOf(() => applyStrategicMergePatch(golden.live, c.patch, schema))).toMatchObject(expected);
        return;
      }
      // The server's answer went through JSON: undefined fields are absent there.
      expect(JSON.parse(JSON.stringify(pick(applyStrategicMergePatch(golden.live, c.patch, schema))))).toEqual(c.expected);
    });
  }
});
