/**
 * OpenAPI for one served version of a CustomResourceDefinition, as apiextensions-apiserver's
 * `pkg/controller/openapi/builder` BuildOpenAPIV3 / BuildOpenAPIV2 produce it:
 *
 * - paths for list (plus list-for-all-namespaces when namespaced), create, deletecollection, get,
 *   replace, delete, patch, and get/replace/patch of the status and scale subresources when
 *   enabled; every operation carries `x-kubernetes-action` and `x-kubernetes-group-version-kind`;
 *   the PATCH operations accept json-patch, merge-patch and apply-patch (no strategic merge patch)
 *   and carry the `fieldValidation` query parameter kubectl's `--validate=strict` looks for;
 * - definitions `<reversed group>.<version>.<Kind>` and `...<ListKind>`: the version's structural
 *   schema with apiVersion, kind and metadata (ObjectMeta) added, int-or-string unfolded to anyOf,
 *   embedded resources given apiVersion/kind/metadata, and `x-kubernetes-group-version-kind`.
 *   The v2 form drops anyOf/allOf/oneOf/not, nullable types, defaults, and the properties below
 *   `x-kubernetes-preserve-unknown-fields` (kubectl's v2 validator cannot cope with them).
 *
 * Operation parameters are copied from the built-in apiextensions.k8s.io/v1 document, whose
 * CustomResourceDefinition operations take the same options, so descriptions match upstream.
 * Invariant: the returned objects are fresh; callers may keep or mutate them.
 */
import { builtinV3Object } from './builtin.js';

type Json = any;

/** The parts of a CustomResourceDefinition (apiextensions.k8s.io/v1) this builder reads. */
export interface CRDLike {
  metadata?: { name?: string };
  spec: {
    group: string;
    names: { kind: string; listKind?: string; plural: string };
    scope: 'Namespaced' | 'Cluster' | string;
    preserveUnknownFields?: boolean;
    versions: Array<{
      name: string;
      served?: boolean;
      schema?: { openAPIV3Schema?: Json };
      subresources?: { status?: object; scale?: object };
      selectableFields?: Array<{ jsonPath: string }>;
    }>;
  };
}

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const LIST_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta';
const STATUS = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';
const PATCH = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';
const DELETE_OPTIONS = 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions';
const SCALE = 'io.k8s.api.autoscaling.v1.Scale';

const API_VERSION_DOC =
  'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const KIND_DOC =
  'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
const EMBEDDED_API_VERSION_DOC =
  'apiVersion defines the versioned schema of this representation of an object. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const EMBEDDED_KIND_DOC =
  'kind is a string value representing the type of this object. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
const OBJECT_META_DOC =
  "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
const LIST_META_DOC =
  'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
const NAMESPACE_DOC = 'object name and auth scope, such as for teams and projects';

/** `com.example.stable.v1.CronTab` for group `stable.example.com`. */
export function crdModelName(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

/** apiserver's ToValidOperationID: drop non-letters, capitalising the letter after each. */
function toOperationID(s: string, capitalizeFirst: boolean): string {
  let out = '';
  let capitalize = capitalizeFirst;
  [...s].forEach((r, i) => {
    if (/\p{L}/u.test(r) || r === '_' || (i !== 0 && /\p{Nd}/u.test(r))) {
      out += capitalize ? r.toUpperCase() : r;
      capitalize = false;
    } else capitalize = true;
  });
  return out;
}

const VERB_PREFIXES = [
  'get',
  'log',
  'read',
  'replace',
  'patch',
  'delete',
  'deletecollection',
  'watch',
  'connect',
  'proxy',
  'list',
  'create',
];

/** apiserver's GetOperationIDAndTags for `/apis/<group>/<version>/...` routes. */
function operationIDAndTag(operation: string, group: string, version: string): { id: string; tag: string } {
  // The trie returns the first (shortest) verb that prefixes the operation: "delete" for
  // "deletecollection...".
  const verb = [...VERB_PREFIXES].sort((a, b) => a.length - b.length).find((v) => operation.startsWith(v))!;
  const trimmed = group.endsWith('.k8s.io') ? group.slice(0, -'.k8s.io'.length) : group;
  const prefix = verb + toOperationID(trimmed, true) + toOperationID(version, true);
  return {
    id: prefix + toOperationID(operation.slice(verb.length), true),
    tag: `${toOperationID(trimmed, false)}_${toOperationID(version, false)}`,
  };
}

type Action = 'list' | 'post' | 'deletecollection' | 'get' | 'put' | 'delete' | 'patch';

interface ParamTable {
  byAction: Record<Action, Json[]>;
  pretty: Json;
  namespace: Json;
}

let paramTable: ParamTable | undefined;

/** Parameters (v3 form) of the built-in CustomResourceDefinition operations, per action. */
function parameters(): ParamTable {
  if (paramTable) return paramTable;
  const doc = builtinV3Object('apis/apiextensions.k8s.io/v1');
  const core = builtinV3Object('api/v1');
  if (!doc || !core) throw new Error('openapi: the built-in apiextensions.k8s.io/v1 and v1 documents are needed to build CRD OpenAPI');
  const coll = doc.paths['/apis/apiextensions.k8s.io/v1/customresourcedefinitions'];
  const item = doc.paths['/apis/apiextensions.k8s.io/v1/customresourcedefinitions/{name}'];
  const list: Json[] = coll.get.parameters;
  const namespace = core.paths['/api/v1/namespaces/{namespace}/configmaps'].parameters.find((p: Json) => p.name === 'namespace');
  paramTable = {
    byAction: {
      list,
      deletecollection: list,
      post: coll.post.parameters,
      get: list.filter((p) => p.name === 'resourceVersion'),
      put: item.put.parameters,
      delete: item.delete.parameters,
      patch: item.patch.parameters,
    },
    pretty: coll.parameters.find((p: Json) => p.name === 'pretty'),
    namespace: namespace ?? {
      name: 'namespace',
      in: 'path',
      description: NAMESPACE_DOC,
      required: true,
      schema: { type: 'string', uniqueItems: true },
    },
  };
  return paramTable;
}

/** A v3 parameter object in the v2 form (`{uniqueItems, type, description, name, in, required}`). */
function paramV2(p: Json): Json {
  const out: Json = { uniqueItems: true, type: p.schema?.type, description: p.description, name: p.name, in: p.in };
  if (p.required) out.required = true;
  return out;
}

function structuredClone_<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Structural.Unfold: int-or-string without the anyOf pattern gets anyOf [integer, string]. */
function unfold(s: Json): void {
  visit(s, (n) => {
    if (n['x-kubernetes-int-or-string'] !== true) return;
    const intOrString = (a: Json) => Array.isArray(a) && a.length === 2 && a[0]?.type === 'integer' && a[1]?.type === 'string';
    if (intOrString(n.anyOf) || (Array.isArray(n.allOf) && intOrString(n.allOf[0]?.anyOf))) return;
    if (n.anyOf === undefined) n.anyOf = [{ type: 'integer' }, { type: 'string' }];
    else n.allOf = [{ anyOf: [{ type: 'integer' }, { type: 'string' }] }, ...(n.allOf ?? [])];
  });
}

/** Calls f on every schema node (properties, items, additionalProperties), parents first. */
function visit(s: Json, f: (n: Json) => void): void {
  if (!s || typeof s !== 'object') return;
  f(s);
  for (const p of Object.values(s.properties ?? {})) visit(p, f);
  if (s.items && !Array.isArray(s.items)) visit(s.items, f);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') visit(s.additionalProperties, f);
}

/** openapiv2.ToStructuralOpenAPIV2 plus handler.PruneDefaults. */
function toV2(s: Json): void {
  visit(s, (n) => {
    delete n.allOf;
    delete n.anyOf;
    delete n.oneOf;
    delete n.not;
    delete n.default;
    if (n.nullable) {
      delete n.type;
      delete n.items;
      delete n.properties;
    }
    delete n.nullable;
    if (n['x-kubernetes-preserve-unknown-fields'] === true) {
      delete n.items;
      delete n.properties;
    }
    if (n.items === undefined && n.type === 'array') delete n.type;
    if (n['x-kubernetes-preserve-unknown-fields'] === true && n.type === 'object') delete n.type;
  });
}

/** Properties of the schema with nullable children dropped from `required` (v2 only). */
function dropNullableRequired(s: Json): void {
  visit(s, (n) => {
    if (!Array.isArray(n.required)) return;
    const props = n.properties ?? {};
    n.required = n.required.filter((f: string) => !props[f]?.nullable);
    if (n.additionalProperties?.nullable) n.required = [];
    if (n.required.length === 0) delete n.required;
  });
}

function metadataProperty(ref: string, description: string, v2: boolean): Json {
  return v2 ? { description, $ref: `#/definitions/${ref}` } : { description, allOf: [{ $ref: `#/components/schemas/${ref}` }] };
}

/** addEmbeddedProperties: embedded resources get apiVersion, kind, metadata and require the first two. */
function addEmbedded(s: Json, v2: boolean): void {
  if (!s || typeof s !== 'object') return;
  for (const p of Object.values(s.properties ?? {})) addEmbedded(p, v2);
  if (s.items && !Array.isArray(s.items)) addEmbedded(s.items, v2);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') addEmbedded(s.additionalProperties, v2);
  if (v2 && s['x-kubernetes-preserve-unknown-fields'] === true) return;
  if (s['x-kubernetes-embedded-resource'] !== true) return;
  s.properties = {
    ...s.properties,
    apiVersion: { description: EMBEDDED_API_VERSION_DOC, type: 'string' },
    kind: { description: EMBEDDED_KIND_DOC, type: 'string' },
    metadata: metadataProperty(OBJECT_META, OBJECT_META_DOC, v2),
  };
  const req: string[] = s.required ?? [];
  if (!req.includes('kind')) req.push('kind');
  if (!req.includes('apiVersion')) req.push('apiVersion');
  s.required = req;
}

function sortProperties(s: Json): void {
  visit(s, (n) => {
    if (n.properties)
      n.properties = Object.fromEntries(
        Object.keys(n.properties)
          .sort()
          .map((k) => [k, n.properties[k]]),
      );
  });
}

interface VersionInfo {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  namespaced: boolean;
  status: boolean;
  scale: boolean;
  selectableFields?: Json[];
}

function versionInfo(crd: CRDLike, version: string): { info: VersionInfo; schema: Json } {
  const v = crd.spec.versions.find((x) => x.name === version);
  if (!v) throw new Error(`openapi: CRD ${crd.metadata?.name ?? crd.spec.names.plural} has no version ${version}`);
  const kind = crd.spec.names.kind;
  const info: VersionInfo = {
    group: crd.spec.group,
    version,
    kind,
    listKind: crd.spec.names.listKind ?? `${kind}List`,
    plural: crd.spec.names.plural,
    namespaced: crd.spec.scope === 'Namespaced',
    status: v.subresources?.status !== undefined && v.subresources?.status !== null,
    scale: v.subresources?.scale !== undefined && v.subresources?.scale !== null,
  };
  if (v.selectableFields?.length) info.selectableFields = v.selectableFields.map((f) => ({ fieldPath: f.jsonPath.replace(/^\./, '') }));
  return { info, schema: v.schema?.openAPIV3Schema };
}

/**
 * A CRD version's structural schema as published: int-or-string unfolded, apiVersion/kind/metadata
 * added (at the root when `root`, and to every embedded resource), properties sorted; for v2 also
 * converted by ToStructuralOpenAPIV2. References point at built-in components
 * (`#/components/schemas/...` for v3, `#/definitions/...` for v2). The input is not mutated.
 */
export function kubeNativeSchema(structural: Json, v2: boolean, root: boolean): Json {
  const ret = structuredClone_(structural) ?? {};
  delete ret.example;
  delete ret.externalDocs;
  unfold(ret);
  if (v2) {
    dropNullableRequired(ret);
    toV2(ret);
  }
  if (root) {
    ret.properties = {
      ...ret.properties,
      apiVersion: { description: API_VERSION_DOC, type: 'string' },
      kind: { description: KIND_DOC, type: 'string' },
      metadata: metadataProperty(OBJECT_META, OBJECT_META_DOC, v2),
    };
  }
  addEmbedded(ret, v2);
  sortProperties(ret);
  return ret;
}

/** buildKubeNative: the object schema of the kind. */
function kindSchema(crd: CRDLike, info: VersionInfo, structural: Json, v2: boolean): Json {
  const gvk = [{ group: info.group, kind: info.kind, version: info.version }];
  let ret: Json;
  if (!structural) ret = { type: 'object' };
  else if (v2 && (structural['x-kubernetes-preserve-unknown-fields'] === true || crd.spec.preserveUnknownFields)) ret = { type: 'object' };
  else ret = kubeNativeSchema(structural, v2, true);
  ret['x-kubernetes-group-version-kind'] = gvk;
  if (info.selectableFields) ret['x-kubernetes-selectable-fields'] = info.selectableFields;
  return ret;
}

function listSchema(info: VersionInfo, v2: boolean): Json {
  const ref = v2 ? '#/definitions/' : '#/components/schemas/';
  const s: Json = {
    description: `${info.listKind} is a list of ${info.kind}`,
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: { description: API_VERSION_DOC, type: 'string' },
      items: {
        description: `List of ${info.plural}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`,
        type: 'array',
        items: { $ref: ref + crdModelName(info.group, info.version, info.kind) },
      },
      kind: { description: KIND_DOC, type: 'string' },
      metadata: metadataProperty(LIST_META, LIST_META_DOC, v2),
    },
    'x-kubernetes-group-version-kind': [{ group: info.group, kind: info.listKind, version: info.version }],
  };
  if (info.selectableFields) s['x-kubernetes-selectable-fields'] = info.selectableFields;
  return s;
}

function article(kind: string): string {
  if (!kind.endsWith('ss') && kind.endsWith('s')) return ' ';
  return /^[aeiou]/i.test(kind) ? ' an ' : ' a ';
}

interface Route {
  path: string;
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  action: Action;
  operation: string;
  description: string;
  /** Model name of the response (and of the request body for post/put). */
  model: string;
  subresource: string;
}

function routes(info: VersionInfo): Route[] {
  const out: Route[] = [];
  const kindModel = crdModelName(info.group, info.version, info.kind);
  const listModel = crdModelName(info.group, info.version, info.listKind);
  const ns = info.namespaced ? 'Namespaced' : '';
  const base = `/apis/${info.group}/${info.version}`;
  let root = `${base}/${info.plural}`;
  const add = (sub: string, method: Route['method'], action: Action, verb: string, model: string, operation?: string) => {
    const subName = sub.split('/')[2] ?? '';
    const of = subName ? ` ${subName} of` : '';
    let description: string;
    if (verb === 'patch') description = `partially update${of} the specified ${info.kind}`;
    else if (verb === 'deletecollection') description = `delete collection of${of ? `${of} a` : ''} ${info.kind}`;
    else if (verb === 'list') description = `list${of} objects of kind ${info.kind}`;
    else if (verb === 'read' || verb === 'replace') description = `${verb}${of} the specified ${info.kind}`;
    else description = `${verb}${of}${article(info.kind)}${info.kind}`;
    const title = subName ? subName[0]!.toUpperCase() + subName.slice(1) : '';
    out.push({
      path: root + sub,
      method,
      action,
      operation: operation ?? verb + ns + info.kind + title,
      description,
      model,
      subresource: subName,
    });
  };
  if (info.namespaced) {
    add('', 'get', 'list', 'list', listModel, `list${info.kind}ForAllNamespaces`);
    root = `${base}/namespaces/{namespace}/${info.plural}`;
  }
  add('', 'get', 'list', 'list', listModel);
  add('', 'post', 'post', 'create', kindModel);
  add('', 'delete', 'deletecollection', 'deletecollection', STATUS);
  add('/{name}', 'get', 'get', 'read', kindModel);
  add('/{name}', 'put', 'put', 'replace', kindModel);
  add('/{name}', 'delete', 'delete', 'delete', STATUS);
  add('/{name}', 'patch', 'patch', 'patch', kindModel);
  for (const [enabled, sub, model] of [
    [info.status, '/{name}/status', kindModel],
    [info.scale, '/{name}/scale', SCALE],
  ] as const) {
    if (!enabled) continue;
    add(sub, 'get', 'get', 'read', model);
    add(sub, 'put', 'put', 'replace', model);
    add(sub, 'patch', 'patch', 'patch', model);
  }
  return out;
}

/** The route's parameters in v3 form, sorted by name; path parameters first computed. */
function routeParameters(route: Route, info: VersionInfo): Json[] {
  const table = parameters();
  const params: Json[] = [...table.byAction[route.action], table.pretty];
  if (route.path.includes('{namespace}')) params.push(table.namespace);
  if (route.path.includes('{name}')) {
    params.push({
      name: 'name',
      in: 'path',
      description: `name of the ${info.kind}`,
      required: true,
      schema: { type: 'string', uniqueItems: true },
    });
  }
  return structuredClone_(params).sort((a: Json, b: Json) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];
const JSON_YAML = ['application/json', 'application/yaml'];

function responseCodes(route: Route): Array<[string, string]> {
  const codes: Array<[string, string]> = [['200', 'OK']];
  if (route.action === 'post') codes.push(['201', 'Created'], ['202', 'Accepted']);
  if (route.action === 'put') codes.push(['201', 'Created']);
  if (route.action === 'delete') codes.push(['202', 'Accepted']);
  return codes;
}

/**
 * Moves the parameters every operation of a path shares to the path level, as kube-openapi's
 * builders do; keeps each list sorted by name.
 */
function hoistCommon(item: Json, key: (p: Json) => string): void {
  const ops = Object.values(item) as Json[];
  const common = (ops[0].parameters as Json[]).filter((p) => ops.every((o) => (o.parameters as Json[]).some((q) => key(q) === key(p))));
  if (common.length === 0) return;
  const names = new Set(common.map(key));
  for (const o of ops) {
    o.parameters = (o.parameters as Json[]).filter((p) => !names.has(key(p)));
    if (o.parameters.length === 0) delete o.parameters;
  }
  item.parameters = common;
}

function gvkOf(info: VersionInfo): Json {
  return { group: info.group, version: info.version, kind: info.kind };
}

/** BuildOpenAPIV3: a complete OpenAPI 3.0 document for one CRD version (`components` included). */
export function buildCRDOpenAPIV3(crd: CRDLike, version: string): Json {
  const { info, schema } = versionInfo(crd, version);
  const paths: Record<string, Json> = {};
  for (const r of routes(info)) {
    const content = (model: string, types = JSON_YAML) =>
      Object.fromEntries(types.map((t) => [t, { schema: { $ref: `#/components/schemas/${model}` } }]));
    const op: Json = {
      tags: [operationIDAndTag(r.operation, info.group, info.version).tag],
      description: r.description,
      operationId: operationIDAndTag(r.operation, info.group, info.version).id,
      parameters: routeParameters(r, info),
    };
    if (r.action === 'post' || r.action === 'put') op.requestBody = { content: content(r.model), required: true };
    if (r.action === 'patch') op.requestBody = { content: content(PATCH, [...PATCH_TYPES].sort()), required: true };
    if (r.action === 'delete') op.requestBody = { content: content(DELETE_OPTIONS) };
    op.responses = Object.fromEntries([
      ...responseCodes(r).map(([c, d]) => [c, { description: d, content: content(r.model) }]),
      ['401', { description: 'Unauthorized' }],
    ]);
    op['x-kubernetes-action'] = r.action;
    op['x-kubernetes-group-version-kind'] = gvkOf(info);
    (paths[r.path] ??= {})[r.method] = op;
  }
  for (const item of Object.values(paths)) hoistCommon(item, (p) => `${p.in}/${p.name}`);
  const schemas: Record<string, Json> = {
    [crdModelName(info.group, info.version, info.kind)]: kindSchema(crd, info, schema, false),
    [crdModelName(info.group, info.version, info.listKind)]: listSchema(info, false),
  };
  addReferencedComponents(schemas, paths);
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes CRD Swagger', version: 'v0.1.0' },
    paths: sortKeys(paths),
    components: { schemas: sortKeys(schemas) },
  };
}

/** BuildOpenAPIV2 with defaults pruned: the paths and definitions to merge into /openapi/v2. */
export function buildCRDOpenAPIV2(crd: CRDLike, version: string): { paths: Record<string, Json>; definitions: Record<string, Json> } {
  const { info, schema } = versionInfo(crd, version);
  const paths: Record<string, Json> = {};
  for (const r of routes(info)) {
    const ref = (model: string) => ({ $ref: `#/definitions/${model}` });
    const params: Json[] = routeParameters(r, info).map(paramV2);
    if (r.action === 'post' || r.action === 'put') params.unshift({ name: 'body', in: 'body', required: true, schema: ref(r.model) });
    if (r.action === 'patch') params.unshift({ name: 'body', in: 'body', required: true, schema: ref(PATCH) });
    if (r.action === 'delete') params.unshift({ name: 'body', in: 'body', schema: ref(DELETE_OPTIONS) });
    const { id, tag } = operationIDAndTag(r.operation, info.group, info.version);
    (paths[r.path] ??= {})[r.method] = {
      description: r.description,
      consumes: r.action === 'patch' ? PATCH_TYPES : JSON_YAML,
      produces: JSON_YAML,
      schemes: ['https'],
      tags: [tag],
      operationId: id,
      parameters: params,
      responses: Object.fromEntries([
        ...responseCodes(r).map(([c, d]) => [c, { description: d, schema: ref(r.model) }]),
        ['401', { description: 'Unauthorized' }],
      ]),
      'x-kubernetes-action': r.action,
      'x-kubernetes-group-version-kind': gvkOf(info),
    };
  }
  for (const item of Object.values(paths)) hoistCommon(item, (p) => (p.$ref ? p.$ref : `${p.in}/${p.name}`));
  return {
    paths: sortKeys(paths),
    definitions: {
      [crdModelName(info.group, info.version, info.kind)]: kindSchema(crd, info, schema, true),
      [crdModelName(info.group, info.version, info.listKind)]: listSchema(info, true),
    },
  };
}

/** Copies into `schemas` every built-in component the document references, transitively. */
function addReferencedComponents(schemas: Record<string, Json>, paths: Json): void {
  // Meta types are in every document; Scale is in apps/v1 (deployments/scale).
  const pool = [builtinV3Object('apis/apiextensions.k8s.io/v1'), builtinV3Object('apis/apps/v1')];
  const prefix = '#/components/schemas/';
  const stack: Json[] = [paths, ...Object.values(schemas)];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) {
      stack.push(...n);
      continue;
    }
    for (const [k, v] of Object.entries(n)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(prefix)) {
        const name = v.slice(prefix.length);
        if (schemas[name]) continue;
        const found = pool.map((d) => d?.components?.schemas?.[name]).find((s) => s !== undefined);
        if (found) {
          schemas[name] = structuredClone_(found);
          stack.push(schemas[name]);
        }
      } else stack.push(v);
    }
  }
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]!]),
  );
}

/** Served version names of a CRD, in spec order. */
export function servedVersions(crd: CRDLike): string[] {
  return crd.spec.versions.filter((v) => v.served !== false).map((v) => v.name);
}
