/**
 * Which field labels each built-in type accepts in a field selector, and the field set each object
 * is matched against — the two independent layers of the real apiserver:
 *
 * 1. Acceptance: `Scheme.ConvertFieldLabel(gvk, label, value)`, i.e. the type's registered
 *    `AddFieldLabelConversionFunc` (pkg/apis/<group>/<version>/conversion.go), or, for a type with
 *    none, `runtime.DefaultMetaV1FieldSelectorConversion`. The list handler runs every term through
 *    it (`fields.Selector.Transform`) and answers a rejection as 400 BadRequest with the func's
 *    message verbatim. Accepted labels may be rewritten (pods' legacy `spec.host`).
 * 2. Matching: the registry's `GetAttrs`/`ToSelectableFields` (pkg/apis/core/selection.go,
 *    pkg/apis/events/selection.go, pkg/registry/.../strategy.go), computed here from the v1 wire
 *    shape. A label that is accepted but never set reads as "" (pods' `status.podIPs`).
 *
 * Invariants:
 * - The two lists differ on purpose: apps/v1 registers no conversion func, so ReplicaSets reject
 *   `status.replicas` although their strategy sets it; cluster-scoped Nodes, Namespaces and CSRs
 *   reject `metadata.namespace`; PodCertificateRequests reject it although they are namespaced.
 * - The rejection text differs per type and is part of the contract (see `reject` below).
 * - `fieldsOf` never throws on malformed input: a missing or mistyped field reads as its Go zero
 *   value ("" / "0" / "false").
 */
import { badRequest } from '../errors/status.js';
import { goQuote } from './go-format.js';
import type { FieldSelector } from './field-selector.js';

export interface SelectableFields {
  /** Every label the type's conversion func accepts (aliases included), in upstream order. */
  readonly supported: readonly string[];
  /** The object's field set, as the registry's GetAttrs computes it. */
  fieldsOf(obj: any): Record<string, string>;
  /** Rewrites an accepted alias to the label the field set uses; identity for other labels. */
  normalizeLabel?(label: string): string;
  /** `ConvertFieldLabel`: the (possibly rewritten) label and value; throws 400 BadRequest on rejection. */
  convert(label: string, value: string): { field: string; value: string };
}

// ---------------------------------------------------------------------------------------------
// Go zero-value readers over the v1 JSON shape.

function rec(v: unknown): Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : {};
}

/** A Go `string` field: "" when absent or not a string. */
function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** `strconv.Itoa(int(x))` of an int32 field: "0" when absent. */
function int(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? String(Math.trunc(v)) : '0';
}

/** `strconv.FormatBool` / `fmt.Sprint` of a bool field: "false" when absent. */
function bool(v: unknown): string {
  return v === true ? 'true' : 'false';
}

/** `runtime.DefaultSelectableFields` / `generic.ObjectMetaFieldsSet(meta, true)`. */
function metaFields(obj: any): Record<string, string> {
  const meta = rec(rec(obj).metadata);
  return { 'metadata.name': str(meta.name), 'metadata.namespace': str(meta.namespace) };
}

// ---------------------------------------------------------------------------------------------
// Registry field sets (ToSelectableFields), one per type with custom fields.

function podFields(obj: any): Record<string, string> {
  const spec = rec(rec(obj).spec);
  const status = rec(rec(obj).status);
  // v1 → internal conversion: serviceAccount is the deprecated alias of serviceAccountName, and a
  // set podIP wins over podIPs; the internal PodIPs[0] is what upstream selects on.
  const podIPs = Array.isArray(status.podIPs) ? status.podIPs : [];
  const podIP = str(status.podIP) || str(rec(podIPs[0]).ip);
  return {
    ...metaFields(obj),
    'spec.nodeName': str(spec.nodeName),
    'spec.restartPolicy': str(spec.restartPolicy),
    'spec.schedulerName': str(spec.schedulerName),
    'spec.serviceAccountName': str(spec.serviceAccountName) || str(spec.serviceAccount),
    'spec.hostNetwork': bool(spec.hostNetwork),
    'status.phase': str(status.phase),
    'status.podIP': podIP,
    'status.nominatedNodeName': str(status.nominatedNodeName),
  };
}

function nodeFields(obj: any): Record<string, string> {
  return { ...metaFields(obj), 'spec.unschedulable': bool(rec(rec(obj).spec).unschedulable) };
}

function namespaceFields(obj: any): Record<string, string> {
  // "name" is kept upstream "for backward compatibility"; no conversion func accepts it.
  return { ...metaFields(obj), 'status.phase': str(rec(rec(obj).status).phase), name: str(rec(rec(obj).metadata).name) };
}

/** PersistentVolume and PersistentVolumeClaim: only the unreachable legacy "name". */
function legacyNameFields(obj: any): Record<string, string> {
  return { ...metaFields(obj), name: str(rec(rec(obj).metadata).name) };
}

function secretFields(obj: any): Record<string, string> {
  return { ...metaFields(obj), type: str(rec(obj).type) };
}

function serviceFields(obj: any): Record<string, string> {
  const spec = rec(rec(obj).spec);
  return { ...metaFields(obj), 'spec.clusterIP': str(spec.clusterIP), 'spec.type': str(spec.type) };
}

function replicationControllerFields(obj: any): Record<string, string> {
  return { ...metaFields(obj), 'status.replicas': int(rec(rec(obj).status).replicas) };
}

/** apps ReplicaSet strategy: `status.replicas` is set, but apps/v1 accepts no such label. */
function replicaSetFields(obj: any): Record<string, string> {
  return { ...metaFields(obj), 'status.replicas': int(rec(rec(obj).status).replicas) };
}

/**
 * EventToSelectableFields over either wire shape of the one shared Event storage: core/v1
 * (involvedObject, source.component, reportingComponent) or events.k8s.io/v1 (regarding,
 * deprecatedSource.component, reportingController). `source` falls back to the reporting controller.
 */
function eventFields(obj: any): Record<string, string> {
  const o = rec(obj);
  const ref = rec(o.involvedObject ?? o.regarding);
  const reporting = str(o.reportingComponent ?? o.reportingController);
  const source = str(rec(o.source ?? o.deprecatedSource).component) || reporting;
  return {
    ...metaFields(obj),
    'involvedObject.kind': str(ref.kind),
    'involvedObject.namespace': str(ref.namespace),
    'involvedObject.name': str(ref.name),
    'involvedObject.uid': str(ref.uid),
    'involvedObject.apiVersion': str(ref.apiVersion),
    'involvedObject.resourceVersion': str(ref.resourceVersion),
    'involvedObject.fieldPath': str(ref.fieldPath),
    reason: str(o.reason),
    reportingComponent: reporting,
    source,
    type: str(o.type),
  };
}

function jobFields(obj: any): Record<string, string> {
  // The label says "successful"; the field is status.succeeded.
  return { ...metaFields(obj), 'status.successful': int(rec(rec(obj).status).succeeded) };
}

function signerNameFields(obj: any): Record<string, string> {
  return { ...metaFields(obj), 'spec.signerName': str(rec(rec(obj).spec).signerName) };
}

function podCertificateRequestFields(obj: any): Record<string, string> {
  const spec = rec(rec(obj).spec);
  return {
    ...metaFields(obj),
    'spec.signerName': str(spec.signerName),
    'spec.podName': str(spec.podName),
    'spec.nodeName': str(spec.nodeName),
  };
}

function resourceSliceFields(obj: any): Record<string, string> {
  const spec = rec(rec(obj).spec);
  return { ...metaFields(obj), 'spec.nodeName': str(spec.nodeName), 'spec.driver': str(spec.driver) };
}

// ---------------------------------------------------------------------------------------------
// Conversion funcs (acceptance), keyed by "<group>/<resource>".

interface KindSpec {
  kind: string;
  /** The labels in the conversion func's switch, in upstream order; aliases map to their target. */
  accepted: readonly string[];
  aliases?: Readonly<Record<string, string>>;
  /** The conversion func's error text for an unsupported label. */
  reject(label: string, version: string): string;
  fieldsOf(obj: any): Record<string, string>;
}

/** The message most conversion funcs use: `fmt.Errorf("field label not supported: %s", label)`. */
const notSupported = (label: string): string => `field label not supported: ${label}`;

/** `runtime.DefaultMetaV1FieldSelectorConversion`'s message. */
const notKnown = (label: string): string => `${goQuote(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`;

const EVENT_ACCEPTED = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
  'metadata.namespace',
  'metadata.name',
] as const;

/** pkg/apis/events/v1/conversion.go AddFieldLabelConversionsForEvent: events.k8s.io spellings. */
const EVENTS_K8S_IO_ALIASES: Readonly<Record<string, string>> = {
  reason: 'reason',
  'regarding.kind': 'involvedObject.kind',
  'regarding.namespace': 'involvedObject.namespace',
  'regarding.name': 'involvedObject.name',
  'regarding.uid': 'involvedObject.uid',
  'regarding.apiVersion': 'involvedObject.apiVersion',
  'regarding.resourceVersion': 'involvedObject.resourceVersion',
  'regarding.fieldPath': 'involvedObject.fieldPath',
  reportingController: 'reportingComponent',
  source: 'source',
  type: 'type',
  'metadata.namespace': 'metadata.namespace',
  'metadata.name': 'metadata.name',
};

const KINDS: Readonly<Record<string, KindSpec>> = {
  // pkg/apis/core/v1/conversion.go
  '/pods': {
    kind: 'Pod',
    accepted: [
      'metadata.name',
      'metadata.namespace',
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'spec.hostNetwork',
      'status.phase',
      'status.podIP',
      'status.podIPs',
      'status.nominatedNodeName',
      'spec.host',
    ],
    // "for backwards compatibility with old v1 clients which send spec.host"
    aliases: { 'spec.host': 'spec.nodeName' },
    reject: notSupported,
    fieldsOf: podFields,
  },
  '/nodes': {
    kind: 'Node',
    accepted: ['metadata.name', 'spec.unschedulable'],
    reject: notSupported,
    fieldsOf: nodeFields,
  },
  '/replicationcontrollers': {
    kind: 'ReplicationController',
    accepted: ['metadata.name', 'metadata.namespace', 'status.replicas'],
    reject: notSupported,
    fieldsOf: replicationControllerFields,
  },
  '/events': {
    kind: 'Event',
    accepted: EVENT_ACCEPTED,
    reject: notSupported,
    fieldsOf: eventFields,
  },
  '/namespaces': {
    kind: 'Namespace',
    accepted: ['status.phase', 'metadata.name'],
    reject: notSupported,
    fieldsOf: namespaceFields,
  },
  '/secrets': {
    kind: 'Secret',
    accepted: ['type', 'metadata.namespace', 'metadata.name'],
    reject: notSupported,
    fieldsOf: secretFields,
  },
  '/services': {
    kind: 'Service',
    accepted: ['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'],
    reject: notSupported,
    fieldsOf: serviceFields,
  },
  // pkg/apis/events/v1/conversion.go (and v1beta1)
  'events.k8s.io/events': {
    kind: 'Event',
    accepted: Object.keys(EVENTS_K8S_IO_ALIASES),
    aliases: EVENTS_K8S_IO_ALIASES,
    reject: notSupported,
    fieldsOf: eventFields,
  },
  // pkg/apis/batch/v1/conversion.go
  'batch/jobs': {
    kind: 'Job',
    accepted: ['metadata.name', 'metadata.namespace', 'status.successful'],
    reject: (label) => `field label ${goQuote(label)} not supported for Job`,
    fieldsOf: jobFields,
  },
  // pkg/apis/certificates/v1/conversion.go (CSR; ClusterTrustBundle and PodCertificateRequest are
  // registered the same way in the versions that serve them)
  'certificates.k8s.io/certificatesigningrequests': {
    kind: 'CertificateSigningRequest',
    accepted: ['metadata.name', 'spec.signerName'],
    reject: notSupported,
    fieldsOf: signerNameFields,
  },
  'certificates.k8s.io/clustertrustbundles': {
    kind: 'ClusterTrustBundle',
    accepted: ['metadata.name', 'spec.signerName'],
    reject: notSupported,
    fieldsOf: signerNameFields,
  },
  'certificates.k8s.io/podcertificaterequests': {
    kind: 'PodCertificateRequest',
    accepted: ['metadata.name', 'spec.signerName', 'spec.podName', 'spec.nodeName'],
    reject: notSupported,
    fieldsOf: podCertificateRequestFields,
  },
  // pkg/apis/resource/<version>/conversion.go: the message names the GroupVersionKind.
  'resource.k8s.io/resourceslices': {
    kind: 'ResourceSlice',
    accepted: ['metadata.name', 'spec.nodeName', 'spec.driver'],
    reject: (label, version) => `field label not supported for resource.k8s.io/${version}, Kind=ResourceSlice: ${label}`,
    fieldsOf: resourceSliceFields,
  },
};

/**
 * Types with no conversion func but a registry field set wider than name/namespace. The extra
 * fields are unreachable through the API (the default conversion rejects them); they are listed
 * so `fieldsOf` matches upstream exactly.
 */
const DEFAULT_CONVERSION_FIELDS: Readonly<Record<string, (obj: any) => Record<string, string>>> = {
  '/persistentvolumes': legacyNameFields,
  '/persistentvolumeclaims': legacyNameFields,
  'apps/replicasets': replicaSetFields,
};

/** The preferred served version per group, for messages that name a version. */
const PREFERRED_VERSION: Readonly<Record<string, string>> = { 'resource.k8s.io': 'v1' };

function specFor(spec: KindSpec, version: string): SelectableFields {
  const accepted = new Set(spec.accepted);
  const aliases = spec.aliases ?? {};
  const normalizeLabel = (label: string): string => (Object.hasOwn(aliases, label) ? aliases[label] : label);
  return {
    supported: spec.accepted,
    fieldsOf: spec.fieldsOf,
    normalizeLabel,
    convert(label, value) {
      if (!accepted.has(label)) throw badRequest(spec.reject(label, version));
      return { field: normalizeLabel(label), value };
    },
  };
}

function defaultSpec(fieldsOf: (obj: any) => Record<string, string>): SelectableFields {
  return {
    supported: ['metadata.name', 'metadata.namespace'],
    fieldsOf,
    convert(label, value) {
      if (label !== 'metadata.name' && label !== 'metadata.namespace') throw badRequest(notKnown(label));
      return { field: label, value };
    },
  };
}

/**
 * The field-selector contract of a built-in resource (plural, lower-case; group "" or "core" for
 * the core group). Anything not listed — ConfigMaps, Deployments, RBAC, … — gets the default:
 * `metadata.name` and `metadata.namespace` (the latter reads "" on cluster-scoped objects), and
 * the `"<f>" is not a known field selector` rejection. `version` only matters for messages that
 * name it (ResourceSlice); it defaults to the group's preferred version.
 */
export function selectableFieldsFor(group: string, resource: string, version?: string): SelectableFields {
  const g = group === 'core' ? '' : group;
  const key = `${g}/${resource}`;
  const spec = Object.hasOwn(KINDS, key) ? KINDS[key] : undefined;
  if (spec) return specFor(spec, version ?? PREFERRED_VERSION[g] ?? 'v1');
  const fieldsOf = Object.hasOwn(DEFAULT_CONVERSION_FIELDS, key) ? DEFAULT_CONVERSION_FIELDS[key] : metaFields;
  return defaultSpec(fieldsOf);
}

/**
 * The contract of a custom resource (apiextensions `crConverter.ConvertFieldLabel`):
 * `metadata.name`, `metadata.namespace` unless cluster-scoped, and the CRD version's
 * `selectableFields` (given as their JSON paths, e.g. ".spec.color"); anything else is rejected
 * with `field label not supported: <label>`. A selectable field's value is the string, integer or
 * boolean at its path, "" when absent.
 */
export function customResourceSelectableFields(opts: { clusterScoped: boolean; selectableFields?: readonly string[] }): SelectableFields {
  const paths = (opts.selectableFields ?? []).map((p) => (p.startsWith('.') ? p.slice(1) : p));
  const supported = ['metadata.name', ...(opts.clusterScoped ? [] : ['metadata.namespace']), ...paths];
  const accepted = new Set(supported);
  return {
    supported,
    fieldsOf(obj) {
      const out = metaFields(obj);
      for (const path of paths) out[path] = scalarAt(obj, path);
      return out;
    },
    convert(label, value) {
      if (!accepted.has(label)) throw badRequest(notSupported(label));
      return { field: label, value };
    },
  };
}

function scalarAt(obj: unknown, path: string): string {
  let cur: unknown = obj;
  for (const seg of path.split('.')) cur = rec(cur)[seg];
  if (typeof cur === 'string') return cur;
  if (typeof cur === 'boolean') return cur ? 'true' : 'false';
  if (typeof cur === 'number' && Number.isInteger(cur)) return String(cur);
  return '';
}

/**
 * What the list/watch/deletecollection handler does after parsing `?fieldSelector=`: every term,
 * in order, through the type's conversion. Returns the selector with aliases rewritten (pods'
 * `spec.host` → `spec.nodeName`); throws 400 BadRequest with the upstream message for the first
 * unsupported label.
 */
export function validateFieldSelector(sel: FieldSelector, group: string, resource: string, version?: string): FieldSelector {
  return validateFieldSelectorWith(sel, selectableFieldsFor(group, resource, version));
}

/** `validateFieldSelector` against an explicit contract (e.g. a custom resource's). */
export function validateFieldSelectorWith(sel: FieldSelector, fields: SelectableFields): FieldSelector {
  return sel.transform((field, value) => fields.convert(field, value));
}
