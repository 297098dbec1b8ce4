/**
 * Sourced per-resource registry facts for the built-in resources of a 1.33–1.35 kube-apiserver.
 *
 * Every entry was read out of the upstream registry code (kubernetes/kubernetes
 * `pkg/registry/<group>/<type>/strategy.go` + `.../storage/storage.go`, the apiextensions and
 * kube-aggregator registries under `staging/`). `source` says which files were read and what they
 * showed; `unverified` says what could not be read in a 1.33+ copy and was filled in from an older
 * copy or from the sibling resource's pattern.
 *
 * This module is data only: it does not decide anything by itself. Handlers consult it through
 * {@link strategyFactsFor}.
 *
 * Generic machinery that applies to every entry (k8s.io/apiserver `pkg/registry/rest`):
 * - `BeforeCreate` does not touch `metadata.generation`; a strategy that never sets it keeps
 *   whatever the client sent on create (usually nothing).
 * - `BeforeUpdate` copies `metadata.generation` from the stored object *before* the strategy's
 *   `PrepareForUpdate` runs ("Ensure requests cannot update generation"), so a client can never
 *   change generation on update; only the strategy bumps it.
 * - `metav1.ResetObjectMetaForStatus(new, old)` (used by several status strategies) copies
 *   deletionTimestamp, generation, selfLink, labels, annotations, finalizers and ownerReferences
 *   from the old object; managedFields are kept from the request.
 */

/**
 * How `metadata.generation` is handled.
 * - `none`: the strategy never sets it (client-sent value survives create, is frozen on update).
 * - `spec`: 1 on create; +1 on update when `spec` changes (semantic deep-equal).
 * - `spec+annotations`: as `spec`, and also +1 when `metadata.annotations` change (Deployment).
 * - `non-metadata`: 1 on create; +1 when anything outside `metadata` changes (EndpointSlice-style;
 *   see `generationNote` for extra triggers).
 */
export type GenerationPolicy = 'none' | 'spec' | 'spec+annotations' | 'non-metadata';

/**
 * Default propagation policy for DELETE without `propagationPolicy`/`orphanDependents`.
 * `unsupported` (rest.Unsupported) means the store never adds orphan/foreground finalizers, even
 * on request. `undefined` on an entry means the generic default: nothing is orphaned, dependents
 * are collected in the background.
 */
export type DefaultGCPolicy = 'orphan' | 'background' | 'foreground' | 'unsupported';

export interface StrategyFacts {
  /** API group; `''` for core. */
  group: string;
  /** Plural resource name. */
  resource: string;
  namespaceScoped: boolean;
  /** Store sets `ReturnDeletedObject: true`: DELETE answers the deleted object, not a Success Status. */
  returnDeletedObject: boolean;
  /** Strategy's `AllowCreateOnUpdate()`: PUT to a missing name creates it (201). */
  allowCreateOnUpdate: boolean;
  /** Strategy's `AllowUnconditionalUpdate()`: PUT without metadata.resourceVersion is accepted. */
  allowUnconditionalUpdate: boolean;
  generation: GenerationPolicy;
  /** Extra detail on generation (feature gates, extra triggers). */
  generationNote?: string;
  /** Top-level (or dotted) paths the main strategy's PrepareForUpdate copies from the stored object. */
  mainUpdateKeepsFromOld: string[];
  /** Whether a `/status` subresource is served. */
  statusSubresource: boolean;
  /**
   * What the status strategy's PrepareForUpdate copies from the stored object.
   * `'all-but-status'`: spec and all metadata (via ResetObjectMetaForStatus or a full ObjectMeta
   * copy); only status (and managedFields) come from the request.
   * A list: exactly those paths are kept; everything else (including labels/annotations) is taken
   * from the request. `[]` when there is no status subresource.
   */
  statusUpdateKeepsFromOld: 'all-but-status' | string[];
  /** Paths PrepareForCreate resets to their zero value. */
  createClears: string[];
  /** Values PrepareForCreate sets (dotted path → value or short description). */
  createSets?: Record<string, string | number | boolean>;
  /** Strategy implements RESTGracefulDeleteStrategy (CheckGracefulDelete). */
  gracefulDelete: boolean;
  /** The graceful-deletion rule, when `gracefulDelete`. */
  gracefulDeleteRule?: string;
  /** Only when it differs from the generic default (see {@link DefaultGCPolicy}). */
  defaultGCPolicy?: DefaultGCPolicy;
  /** Custom REST behaviour beyond the generic store (custom Delete, extra subresources…). */
  notes?: string;
  /** Files read and what they showed. */
  source: string;
  /** What could not be confirmed in a 1.33+ copy of the source. */
  unverified?: string;
}

type Identity = Pick<StrategyFacts, 'group' | 'resource' | 'namespaceScoped' | 'source'>;

/**
 * The pattern most built-in strategies follow and what {@link strategyFactsFor} returns for an
 * unknown resource: a plain genericregistry.Store (no ReturnDeletedObject) over a strategy with
 * AllowCreateOnUpdate=false, AllowUnconditionalUpdate=true, no generation handling, no status
 * subresource, no graceful delete and no DefaultGarbageCollectionPolicy.
 */
const PLAIN: Omit<StrategyFacts, keyof Identity> = {
  returnDeletedObject: false,
  allowCreateOnUpdate: false,
  allowUnconditionalUpdate: true,
  generation: 'none',
  mainUpdateKeepsFromOld: [],
  statusSubresource: false,
  statusUpdateKeepsFromOld: [],
  createClears: [],
  gracefulDelete: false,
};

/** A controller-style resource: status subresource, status reset on create/update, spec generation. */
const WITH_STATUS: Partial<StrategyFacts> = {
  generation: 'spec',
  mainUpdateKeepsFromOld: ['status'],
  statusSubresource: true,
  statusUpdateKeepsFromOld: ['spec'],
  createClears: ['status'],
  createSets: { 'metadata.generation': 1 },
};

function fact(r: Identity & Partial<StrategyFacts>): StrategyFacts {
  return { ...PLAIN, ...r };
}

const P = 'pkg/registry';

export const STRATEGY_FACTS: readonly StrategyFacts[] = [
  // ───────────────────────────── core/v1 ─────────────────────────────
  fact({
    group: '',
    resource: 'pods',
    namespaceScoped: true,
    returnDeletedObject: true,
    allowUnconditionalUpdate: true,
    generation: 'spec',
    generationNote:
      'PrepareForCreate sets generation=1; updatePodGeneration() bumps by 1 when spec changes (also via /ephemeralcontainers and /resize). Status updates never bump it; /status preserves status.observedGeneration and conditions[].observedGeneration when the request leaves them 0.',
    mainUpdateKeepsFromOld: ['status'],
    statusSubresource: true,
    statusUpdateKeepsFromOld: ['spec', 'metadata.ownerReferences', 'metadata.deletionTimestamp'],
    createClears: ['status'],
    createSets: {
      'metadata.generation': 1,
      'status.phase': 'Pending',
      'status.qosClass': 'computed by qos.GetPodQOS (Guaranteed|Burstable|BestEffort)',
      'status.conditions': 'PodScheduled=False reason SchedulingGated when spec.schedulingGates is non-empty',
    },
    gracefulDelete: true,
    gracefulDeleteRule:
      'grace = options.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 0; forced to 0 when spec.nodeName is empty or status.phase is Failed/Succeeded; a negative value becomes 1. Grace > 0 sets deletionTimestamp = now + grace and deletionGracePeriodSeconds instead of deleting.',
    notes:
      '/status also backfills status.qosClass from the old pod when the request clears it. Subresources: status, ephemeralcontainers, resize, binding, eviction, log, exec, attach, portforward, proxy.',
    source: `${P}/core/pod/strategy.go (v6 fieldpath, 1.34+: PrepareForCreate generation=1 + Phase Pending + QOSClass; PrepareForUpdate status←old + updatePodGeneration; AllowCreateOnUpdate false; AllowUnconditionalUpdate true; CheckGracefulDelete; podStatusStrategy keeps Spec, OwnerReferences, DeletionTimestamp=nil). ${P}/core/pod/storage/storage.go: ReturnDeletedObject: true.`,
    unverified:
      'Pod generation tracking was read in a 1.34+ copy; whether 1.33 already bumps generation ungated (KEP-5067 alpha) was not confirmed.',
  }),
  fact({
    group: '',
    resource: 'services',
    namespaceScoped: true,
    returnDeletedObject: true,
    allowCreateOnUpdate: true,
    mainUpdateKeepsFromOld: ['status'],
    statusSubresource: true,
    statusUpdateKeepsFromOld: ['spec'],
    createClears: ['status'],
    notes:
      'Custom REST around the store allocates/releases clusterIPs and nodePorts and defaults ipFamilies/ipFamilyPolicy; DELETE also deletes the same-named Endpoints. Subresources: status, proxy.',
    source: `${P}/core/service/storage/storage.go (1.27+ copy via find_string): genericregistry.Store{ReturnDeletedObject: true, Create/Update/Delete/ResetFieldsStrategy: svcreg.Strategy}. ${P}/core/service/strategy.go: AllowCreateOnUpdate true (every stored version), AllowUnconditionalUpdate true, PrepareForCreate Status={}, PrepareForUpdate status←old; serviceStatusStrategy keeps Spec.`,
    unverified: 'service strategy.go was read in a ~1.18 copy; the create/update flags agree across all ten stored versions.',
  }),
  fact({
    group: '',
    resource: 'configmaps',
    namespaceScoped: true,
    source: `${P}/core/configmap/strategy.go: PrepareForCreate/PrepareForUpdate no-ops, AllowCreateOnUpdate false, AllowUnconditionalUpdate true. ${P}/core/configmap/storage/storage.go (1.27+): plain Store, no ReturnDeletedObject.`,
    unverified: 'strategy.go read in an old (2017) copy; behaviour-relevant flags have not changed since.',
  }),
  fact({
    group: '',
    resource: 'secrets',
    namespaceScoped: true,
    source: `${P}/core/secret/strategy.go: PrepareForCreate/Update no-ops, AllowCreateOnUpdate false, AllowUnconditionalUpdate true. ${P}/core/secret/storage/storage.go (1.27+ via find_string, SingularQualifiedResource present): no ReturnDeletedObject.`,
    unverified: 'strategy.go read in an old (2017) copy.',
  }),
  fact({
    group: '',
    resource: 'namespaces',
    namespaceScoped: false,
    returnDeletedObject: true,
    mainUpdateKeepsFromOld: ['status', 'spec.finalizers'],
    statusSubresource: true,
    statusUpdateKeepsFromOld: ['spec'],
    createClears: ['status'],
    createSets: {
      'status.phase': 'Active',
      'spec.finalizers': "'kubernetes' appended when missing",
    },
    notes:
      "Custom Delete: adds a UID precondition; first DELETE sets deletionTimestamp and status.phase=Terminating and answers the namespace (not yet deleted); DELETE while spec.finalizers is non-empty → 409 Conflict 'The system is ensuring all content is removed from this namespace…'. PUT /finalize (FinalizeStrategy) keeps status from old and may edit spec.finalizers; ShouldDeleteDuringUpdate removes the namespace once deletionTimestamp is set and both finalizer lists are empty.",
    source: `${P}/core/namespace/strategy.go: PrepareForCreate phase Active + kubernetes finalizer; PrepareForUpdate keeps Spec.Finalizers + Status; status strategy keeps Spec; finalize strategy keeps Status; AllowCreateOnUpdate false; AllowUnconditionalUpdate true. ${P}/core/namespace/storage/storage.go (1.27+ copy via find_string): ReturnDeletedObject: true, ShouldDeleteDuringUpdate.`,
    unverified: 'strategy.go read in a ~1.19 copy.',
  }),
  fact({
    group: '',
    resource: 'nodes',
    namespaceScoped: false,
    mainUpdateKeepsFromOld: ['status'],
    statusSubresource: true,
    statusUpdateKeepsFromOld: ['spec'],
    notes: 'Create keeps status as sent ("Nodes allow *all* fields, including status, to be set on create"). Subresources: status, proxy.',
    source: `${P}/core/node/strategy.go: PrepareForCreate no-op, PrepareForUpdate status←old, status strategy keeps Spec, AllowCreateOnUpdate false, AllowUnconditionalUpdate true. ${P}/core/node/storage/storage.go (1.27+ via find_string): no ReturnDeletedObject.`,
    unverified: 'strategy.go read in an old (2017) copy.',
  }),
  fact({
    group: '',
    resource: 'serviceaccounts',
    namespaceScoped: true,
    returnDeletedObject: true,
    notes: 'PrepareForCreate/Update strip secrets[] references down to {name} (cleanSecretReferences). Subresource: token (TokenRequest).',
    source: `${P}/core/serviceaccount/strategy.go: AllowCreateOnUpdate false, AllowUnconditionalUpdate true, cleanSecretReferences. ${P}/core/serviceaccount/storage/storage.go: ReturnDeletedObject: true (all six stored versions).`,
    unverified: 'strategy.go read in an old (2017) copy.',
  }),
  fact({
    group: '',
    resource: 'endpoints',
    namespaceScoped: true,
    allowCreateOnUpdate: true,
    notes: 'Canonicalize repacks subsets (endpoints.RepackSubsets).',
    source: `${P}/core/endpoint/strategy.go: AllowCreateOnUpdate true, AllowUnconditionalUpdate true, no-op Prepare*. ${P}/core/endpoint/storage/storage.go (via find_string): plain Store, no ReturnDeletedObject.`,
    unverified: 'strategy.go read in an old (2017) copy.',
  }),
  fact({
    group: '',
    resource: 'events',
    namespaceScoped: true,
    allowCreateOnUpdate: true,
    defaultGCPolicy: 'unsupported',
    notes: 'Store has a TTL (--event-ttl, default 1h). events.k8s.io/v1 events are the same storage.',
    source: `${P}/core/event/strategy.go: DefaultGarbageCollectionPolicy rest.Unsupported, AllowCreateOnUpdate true, AllowUnconditionalUpdate true, no-op Prepare*. ${P}/core/event/storage/storage.go: Store with TTLFunc, no ReturnDeletedObject.`,
    unverified: 'Both files read in ~1.9 copies.',
  }),
  fact({
    group: '',
    resource: 'limitranges',
    namespaceScoped: true,
    allowCreateOnUpdate: true,
    createSets: { 'metadata.name': 'random UUID when empty (PrepareForCreate)' },
    source: `${P}/core/limitrange/strategy.go: PrepareForCreate names an unnamed LimitRange with uuid.NewUUID(); AllowCreateOnUpdate true; AllowUnconditionalUpdate true. ${P}/core/limitrange/storage/storage.go (1.27+): no ReturnDeletedObject.`,
  }),
  fact({
    group: '',
    resource: 'resourcequotas',
    namespaceScoped: true,
    returnDeletedObject: true,
    mainUpdateKeepsFromOld: ['status'],
    statusSubresource: true,
    statusUpdateKeepsFromOld: ['spec'],
    createClears: ['status'],
    source: `${P}/core/resourcequota/strategy.go (v6 fieldpath, 1.34+): PrepareForCreate Status={}, PrepareForUpdate status←old, status strategy keeps Spec, AllowCreateOnUpdate false, AllowUnconditionalUpdate true. ${P}/core/resourcequota/storage/storage.go: ReturnDeletedObject: true.`,
  }),
  fact({
    group: '',
    resource: 'persistentvolumes',
    namespaceScoped: false,
    returnDeletedObject: true,
    mainUpdateKeepsFromOld: ['status'],
    statusSubresource: true,
    statusUpdateKeepsFromOld: ['spec'],
    createClears: ['status'],
    createSets: { 'status.phase': 'Pending', 'status.lastPhaseTransitionTime': 'now' },
    notes: 'The status strategy refreshes status.lastPhaseTransitionTime when status.phase changes.',
    source: `${P}/core/persistentvolume/strategy.go: PrepareForCreate Status={} then (PersistentVolumeLastPhaseTransitionTime, GA 1.31) Phase=Pending + LastPhaseTransitionTime=now; PrepareForUpdate status←old; status strategy keeps Spec; AllowCreateOnUpdate false; AllowUnconditionalUpdate true. ${P}/core/persistentvolume/storage/storage.go: ReturnDeletedObject: true.`,
    unverified: 'lastPhaseTransitionTime refresh in the status strategy is from memory, not read.',
  }),
  fact({
    group: '',
    resource: 'persistentvolumeclaims',
    namespaceScoped: true,
    returnDeletedObject: true,
    mainUpdateKeepsFromOld: ['status'],
    statusSubresource: true,
    statusUpdateKeepsFromOld: ['spec'],
    createClears: ['status'],
    notes: 'Reads run a Decorator that fills spec.dataSourceRef from spec.dataSource on old objects.',
    source: `${P}/core/persistentvolumeclaim/strategy.go: PrepareForCreate Status={}, PrepareForUpdate status←old, status strategy keeps Spec, AllowCreateOnUpdate false, AllowUnconditionalUpdate true. ${P}/core/persistentvolumeclaim/storage/storage.go (v6, 1.34+): ReturnDeletedObject: true.`,
  }),
  fact({
    group: '',
    resource: 'podtemplates',
    namespaceScoped: true,
    returnDeletedObject: true,
    source: `${P}/core/podtemplate/strategy.go: AllowCreateOnUpdate false, AllowUnconditionalUpdate true, no-op Prepare*. ${P}/core/podtemplate/storage/storage.go (1.27+): ReturnDeletedObject: true.`,
    unverified: 'strategy.go read in an old (2017) copy.',
  }),
  fact({
    group: '',
    resource: 'replicationcontrollers',
    namespaceScoped: true,
    ...WITH_STATUS,
    defaultGCPolicy: 'orphan',
    notes: 'Subresources: status, scale.',
    source: `${P}/core/replicationcontroller/strategy.go: DefaultGarbageCollectionPolicy OrphanDependents for v1 ("for back compatibility"); PrepareForCreate Status={} + Generation=1; PrepareForUpdate status←old + generation+1 on spec change; status strategy keeps Spec; AllowCreateOnUpdate false; AllowUnconditionalUpdate true. ${P}/core/replicationcontroller/storage/storage.go: no ReturnDeletedObject.`,
    unverified: 'storage.go read in an old (2017) copy.',
  }),
  fact({
    group: '',
    resource: 'componentstatuses',
    namespaceScoped: false,
    notes:
      'Not a genericregistry.Store: a read-only REST (get, list) that probes etcd/scheduler/controller-manager. No create/update/delete.',
    source: `${P}/core/componentstatus/rest.go (not read; known read-only REST).`,
    unverified: 'Not read; the flags are meaningless for a get/list-only resource.',
  }),

  // ───────────────────────────── apps/v1 ─────────────────────────────
  fact({
    group: 'apps',
    resource: 'deployments',
    namespaceScoped: true,
    ...WITH_STATUS,
    generation: 'spec+annotations',
    statusUpdateKeepsFromOld: ['spec', 'metadata.labels'],
    notes: 'Subresources: status, scale. (apps/v1 default GC policy is DeleteDependents = the generic background default.)',
    source: `${P}/apps/deployment/strategy.go (v6 fieldpath, 1.34+): PrepareForCreate Status={} + Generation=1; PrepareForUpdate status←old, generation+1 when Spec OR Annotations change; deploymentStatusStrategy keeps Spec and Labels; AllowCreateOnUpdate false; AllowUnconditionalUpdate true; DefaultGarbageCollectionPolicy DeleteDependents. ${P}/apps/deployment/storage/storage.go: no ReturnDeletedObject.`,
  }),
  fact({
    group: 'apps',
    resource: 'replicasets',
    namespaceScoped: true,
    ...WITH_STATUS,
    notes: 'Subresources: status, scale.',
    source: `${P}/apps/replicaset/strategy.go: PrepareForCreate Status={} + Generation=1; PrepareForUpdate status←old + generation+1 on spec change; status strategy keeps Spec; AllowCreateOnUpdate false; AllowUnconditionalUpdate true; GC DeleteDependents for apps/v1.`,
    unverified: 'storage.go not read (ReturnDeletedObject assumed false like the other apps stores).',
  }),
  fact({
    group: 'apps',
    resource: 'statefulsets',
    namespaceScoped: true,
    ...WITH_STATUS,
    notes: 'Subresources: status, scale.',
    source: `${P}/apps/statefulset/strategy.go: PrepareForCreate Status={} + Generation=1; PrepareForUpdate status←old + generation+1 on spec change; status strategy keeps Spec; AllowCreateOnUpdate false; AllowUnconditionalUpdate true; GC DeleteDependents for apps/v1.`,
    unverified: 'strategy.go read in a ~1.14 copy; storage.go not read (ReturnDeletedObject assumed false).',
  }),
  fact({
    group: 'apps',
    resource: 'daemonsets',
    namespaceScoped: true,
    ...WITH_STATUS,
    generationNote: 'Also keeps the internal spec.templateGeneration from old and bumps it with generation when spec.template changes.',
    source: `${P}/apps/daemonset/strategy.go: PrepareForCreate Status={} + Generation=1; PrepareForUpdate status←old, generation+1 on spec change; status strategy keeps Spec; AllowCreateOnUpdate false; AllowUnconditionalUpdate true. ${P}/apps/daemonset/storage/storage.go: no ReturnDeletedObject.`,
    unverified: 'Both files read in ~1.12 copies.',
  }),
  fact({
    group: 'apps',
    resource: 'controllerrevisions',
    namespaceScoped: true,
    source: `${P}/apps/controllerrevision/strategy.go: AllowCreateOnUpdate false, AllowUnconditionalUpdate true, no-op Prepare*. ${P}/apps/controllerrevision/storage/storage.go (1.27+): no ReturnDeletedObject.`,
  }),

  // ───────────────────────────── batch/v1 ─────────────────────────────
  fact({
    group: 'batch',
    resource: 'jobs',
    namespaceScoped: true,
    ...WITH_STATUS,
    createSets: {
      'metadata.generation': 1,
      'spec.selector': 'matchLabels{batch.kubernetes.io/controller-uid: <uid>} unless spec.manualSelector',
      'spec.template.metadata.labels':
        'controller-uid, batch.kubernetes.io/controller-uid, job-name, batch.kubernetes.io/job-name added unless spec.manualSelector',
    },
    defaultGCPolicy: 'orphan',
    source: `${P}/batch/job/strategy.go (1.30+): DefaultGarbageCollectionPolicy OrphanDependents for batch/v1 ("for back compatibility"); PrepareForCreate generateSelectorIfNeeded + Status={} + Generation=1; PrepareForUpdate status←old + generation+1 on spec change; status strategy keeps Spec; AllowCreateOnUpdate false; AllowUnconditionalUpdate true.`,
    unverified: 'storage.go read in an old copy (no ReturnDeletedObject); the 1.33+ Delete warning about orphaned pods was not read.',
  }),
  fact({
    group: 'batch',
    resource: 'cronjobs',
    namespaceScoped: true,
    ...WITH_STATUS,
    source: `${P}/batch/cronjob/strategy.go (v6, 1.34+): PrepareForCreate Status={} + Generation=1; PrepareForUpdate status←old + generation+1 on spec change; status strategy keeps Spec; AllowCreateOnUpdate false; AllowUnconditionalUpdate true; GC DeleteDependents except batch/v1beta1. ${P}/batch/cronjob/storage/storage.go: no ReturnDeletedObject.`,
  }),

  // ───────────────────────────── autoscaling / policy ─────────────────────────────
  fact({
    group: 'autoscaling',
    resource: 'horizontalpodautoscalers',
    namespaceScoped: true,
    generation: 'none',
    generationNote: "'spec' (1 on create, +1 on spec change) only when the HPAGeneration feature gate is enabled.",
    mainUpdateKeepsFromOld: ['status'],
    statusSubresource: true,
    statusUpdateKeepsFromOld: ['spec'],
    createClears: ['status'],
    source: `${P}/autoscaling/horizontalpodautoscaler/strategy.go (v6, newest): PrepareForCreate Status={}, Generation=1 only under features.HPAGeneration; PrepareForUpdate status←old, generation bump gated the same way; status strategy keeps Spec; AllowCreateOnUpdate false; AllowUnconditionalUpdate true.`,
    unverified:
      'HPAGeneration gate default and which release introduced it were not read; storage.go read in an old copy (no ReturnDeletedObject).',
  }),
  fact({
    group: 'policy',
    resource: 'poddisruptionbudgets',
    namespaceScoped: true,
    ...WITH_STATUS,
    allowUnconditionalUpdate: false,
    source: `${P}/policy/poddisruptionbudget/strategy.go: PrepareForCreate Status={} + Generation=1; PrepareForUpdate status←old + generation+1 on spec change; status strategy keeps Spec; AllowCreateOnUpdate false; AllowUnconditionalUpdate false (same in every stored version: "Status update should only be allowed if version match"). ${P}/policy/poddisruptionbudget/storage/storage.go: no ReturnDeletedObject.`,
  }),

  // ───────────────────────────── networking.k8s.io ─────────────────────────────
  fact({
    group: 'networking.k8s.io',
    resource: 'ingresses',
    namespaceScoped: true,
    ...WITH_STATUS,
    source: `${P}/networking/ingress/strategy.go: PrepareForCreate Status={} + Generation=1; PrepareForUpdate status←old + generation+1 on spec change; AllowUnconditionalUpdate true.`,
    unverified: 'AllowCreateOnUpdate(false), the status strategy (keeps spec) and storage.go (no ReturnDeletedObject) were not read.',
  }),
  fact({
    group: 'networking.k8s.io',
    resource: 'ingressclasses',
    namespaceScoped: false,
    generation: 'spec',
    createSets: { 'metadata.generation': 1 },
    source: `${P}/networking/ingressclass/strategy.go: Generation=1 on create, +1 on spec change; AllowCreateOnUpdate false; AllowUnconditionalUpdate true. ${P}/networking/ingressclass/storage/storage.go: no ReturnDeletedObject.`,
  }),
  fact({
    group: 'networking.k8s.io',
    resource: 'networkpolicies',
    namespaceScoped: true,
    generation: 'spec',
    createSets: { 'metadata.generation': 1 },
    source: `${P}/networking/networkpolicy/strategy.go (~1.27): Generation=1 on create, +1 on spec change; AllowCreateOnUpdate false; AllowUnconditionalUpdate true; status only behind the NetworkPolicyStatus gate.`,
    unverified:
      'Whether NetworkPolicy status (gate NetworkPolicyStatus) still exists in 1.33+ and storage.go (no ReturnDeletedObject assumed) were not read.',
  }),
  fact({
    group: 'networking.k8s.io',
    resource: 'ipaddresses',
    namespaceScoped: false,
    notes: 'Name is the IP; the strategy uses a no-op name generator (generateName is not expanded).',
    source: `${P}/networking/ipaddress/strategy.go: no-op Prepare*, AllowCreateOnUpdate false, AllowUnconditionalUpdate true, noopNameGenerator. ${P}/networking/ipaddress/storage/storage.go: no ReturnDeletedObject.`,
  }),
  fact({
    group: 'networking.k8s.io',
    resource: 'servicecidrs',
    namespaceScoped: false,
    statusSubresource: true,
    statusUpdateKeepsFromOld: 'all-but-status',
    source: `${P}/networking/servicecidr/strategy.go (v6, 1.34+): PrepareForCreate and PrepareForUpdate are no-ops (status is NOT reset by the main strategy, though GetResetFields lists it); status strategy keeps Spec + ResetObjectMetaForStatus; AllowCreateOnUpdate false; AllowUnconditionalUpdate true. ${P}/networking/servicecidr/storage/storage.go: no ReturnDeletedObject.`,
  }),

  // ───────────────────────────── rbac.authorization.k8s.io ─────────────────────────────
  fact({
    group: 'rbac.authorization.k8s.io',
    resource: 'roles',
    namespaceScoped: true,
    allowCreateOnUpdate: true,
    notes: 'Store is wrapped by policybased storage (escalation checks) on create/update.',
    source: `${P}/rbac/role/strategy.go (newest, declarative validation): AllowCreateOnUpdate true, AllowUnconditionalUpdate true, no-op Prepare*. ${P}/rbac/role/storage/storage.go: no ReturnDeletedObject.`,
    unverified: 'storage.go read in an old copy.',
  }),
  fact({
    group: 'rbac.authorization.k8s.io',
    resource: 'rolebindings',
    namespaceScoped: true,
    allowCreateOnUpdate: true,
    notes: 'policybased storage checks the bound role (escalation / bind verb).',
    source: 'Same pattern as clusterrolebindings/roles.',
    unverified: 'rolebinding strategy.go/storage.go not read; assumed identical to the other RBAC strategies.',
  }),
  fact({
    group: 'rbac.authorization.k8s.io',
    resource: 'clusterroles',
    namespaceScoped: false,
    allowCreateOnUpdate: true,
    source: 'Same pattern as roles.',
    unverified: 'clusterrole strategy.go/storage.go not read; assumed identical to roles.',
  }),
  fact({
    group: 'rbac.authorization.k8s.io',
    resource: 'clusterrolebindings',
    namespaceScoped: false,
    allowCreateOnUpdate: true,
    source: `${P}/rbac/clusterrolebinding/strategy.go: AllowCreateOnUpdate true, AllowUnconditionalUpdate true, no-op Prepare*.`,
    unverified: 'strategy.go read in an old (2017) copy; storage.go not read.',
  }),

  // ───────────────────────────── coordination.k8s.io ─────────────────────────────
  fact({
    group: 'coordination.k8s.io',
    resource: 'leases',
    namespaceScoped: true,
    allowCreateOnUpdate: true,
    allowUnconditionalUpdate: false,
    source: `${P}/coordination/lease/strategy.go: AllowCreateOnUpdate true, AllowUnconditionalUpdate false (all stored versions), no-op Prepare*. ${P}/coordination/lease/storage/storage.go (1.27+): no ReturnDeletedObject.`,
  }),
  fact({
    group: 'coordination.k8s.io',
    resource: 'leasecandidates',
    namespaceScoped: true,
    allowCreateOnUpdate: true,
    allowUnconditionalUpdate: false,
    notes: 'Served only when the CoordinatedLeaderElection gate/API is enabled (v1alpha2/v1beta1).',
    source: `${P}/coordination/leasecandidate/strategy.go: AllowCreateOnUpdate true, AllowUnconditionalUpdate false, no-op Prepare*.`,
    unverified: 'storage.go not read.',
  }),

  // ───────────────────────────── discovery / events ─────────────────────────────
  fact({
    group: 'discovery.k8s.io',
    resource: 'endpointslices',
    namespaceScoped: true,
    generation: 'non-metadata',
    generationNote: '+1 when anything outside metadata changes OR metadata.labels change.',
    createSets: { 'metadata.generation': 1 },
    source: `${P}/discovery/endpointslice/strategy.go (newest copy): PrepareForCreate Generation=1; PrepareForUpdate blanks ObjectMeta on both, bumps when !DeepEqual(new, old) || labels differ; AllowCreateOnUpdate false; AllowUnconditionalUpdate true. ${P}/discovery/endpointslice/storage/storage.go: no ReturnDeletedObject.`,
  }),
  fact({
    group: 'events.k8s.io',
    resource: 'events',
    namespaceScoped: true,
    allowCreateOnUpdate: true,
    defaultGCPolicy: 'unsupported',
    notes: 'Served by the core event storage (pkg/registry/events/rest uses core/event/storage).',
    source: `Shares ${P}/core/event storage + strategy (see core events).`,
    unverified: 'The events.k8s.io wiring file was not read.',
  }),

  // ───────────────────────────── storage.k8s.io ─────────────────────────────
  fact({
    group: 'storage.k8s.io',
    resource: 'storageclasses',
    namespaceScoped: false,
    returnDeletedObject: true,
    source: `${P}/storage/storageclass/strategy.go: no-op Prepare*, AllowCreateOnUpdate false, AllowUnconditionalUpdate true. ${P}/storage/storageclass/storage/storage.go (1.27+): ReturnDeletedObject: true.`,
    unverified: 'strategy.go read in an old (2017) copy.',
  }),
  fact({
    group: 'storage.k8s.io',
    resource: 'csidrivers',
    namespaceScoped: false,
    returnDeletedObject: true,
    allowUnconditionalUpdate: false,
    generation: 'spec',
    createSets: { 'metadata.generation': 1 },
    source: `${P}/storage/csidriver/strategy.go: Generation=1 on create, +1 on spec change; AllowCreateOnUpdate false; AllowUnconditionalUpdate false. ${P}/storage/csidriver/storage/storage.go: ReturnDeletedObject: true.`,
  }),
  fact({
    group: 'storage.k8s.io',
    resource: 'csinodes',
    namespaceScoped: false,
    returnDeletedObject: true,
    allowUnconditionalUpdate: false,
    source: `${P}/storage/csinode/strategy.go: no-op Prepare*, AllowCreateOnUpdate false, AllowUnconditionalUpdate false. ${P}/storage/csinode/storage/storage.go (1.27+): ReturnDeletedObject: true.`,
  }),
  fact({
    group: 'storage.k8s.io',
    resource: 'csistoragecapacities',
    namespaceScoped: true,
    allowUnconditionalUpdate: false,
    source: `${P}/storage/csistoragecapacity/strategy.go: PrepareForUpdate no-op, AllowCreateOnUpdate false, AllowUnconditionalUpdate false. ${P}/storage/csistoragecapacity/storage/storage.go (1.27+): no ReturnDeletedObject.`,
  }),
  fact({
    group: 'storage.k8s.io',
    resource: 'volumeattachments',
    namespaceScoped: false,
    returnDeletedObject: true,
    allowUnconditionalUpdate: false,
    mainUpdateKeepsFromOld: ['status'],
    statusSubresource: true,
    statusUpdateKeepsFromOld: 'all-but-status',
    createClears: ['status'],
    source: `${P}/storage/volumeattachment/strategy.go (v6, 1.34+): PrepareForCreate Status={}, PrepareForUpdate status←old (no generation: spec is immutable), status strategy keeps Spec + ResetObjectMetaForStatus, AllowCreateOnUpdate false, AllowUnconditionalUpdate false. ${P}/storage/volumeattachment/storage/storage.go: ReturnDeletedObject: true.`,
  }),
  fact({
    group: 'storage.k8s.io',
    resource: 'volumeattributesclasses',
    namespaceScoped: false,
    returnDeletedObject: true,
    source: `${P}/storage/volumeattributesclass/strategy.go: no-op Prepare*, AllowCreateOnUpdate false, AllowUnconditionalUpdate true. ${P}/storage/volumeattributesclass/storage/storage.go: ReturnDeletedObject: true.`,
  }),

  // ───────────────────────────── scheduling / node / certificates ─────────────────────────────
  fact({
    group: 'scheduling.k8s.io',
    resource: 'priorityclasses',
    namespaceScoped: false,
    notes:
      "Custom Delete: the built-in system priority classes (system-cluster-critical, system-node-critical) → 403 Forbidden 'this is a system priority class and cannot be deleted'.",
    source: `${P}/scheduling/priorityclass/storage/storage.go (1.20+): plain Store, no ReturnDeletedObject, Delete override for system classes. priorityclass/strategy.go: AllowCreateOnUpdate false.`,
    unverified: 'AllowUnconditionalUpdate (true) not read.',
  }),
  fact({
    group: 'node.k8s.io',
    resource: 'runtimeclasses',
    namespaceScoped: false,
    allowCreateOnUpdate: true,
    allowUnconditionalUpdate: false,
    source: `${P}/node/runtimeclass/strategy.go: AllowCreateOnUpdate true, AllowUnconditionalUpdate false, no-op Prepare*. ${P}/node/runtimeclass/storage/storage.go: no ReturnDeletedObject.`,
  }),
  fact({
    group: 'certificates.k8s.io',
    resource: 'certificatesigningrequests',
    namespaceScoped: false,
    mainUpdateKeepsFromOld: ['spec', 'status'],
    statusSubresource: true,
    statusUpdateKeepsFromOld: ['spec', 'status.conditions'],
    createClears: ['status', 'spec.username', 'spec.uid', 'spec.groups', 'spec.extra'],
    createSets: {
      'spec.username': 'requesting user',
      'spec.uid': 'requesting user UID',
      'spec.groups': 'requesting user groups',
      'spec.extra': 'requesting user extra',
    },
    notes:
      "Main PUT can only change metadata. /approval subresource keeps spec and everything in status except conditions. (Status: 'all but conditions' from the request.)",
    source: `${P}/certificates/certificates/strategy.go: PrepareForCreate clears user info and injects it from the request context, Status={}; PrepareForUpdate keeps Spec and Status; csrStatusStrategy keeps Spec + Status.Conditions; csrApprovalStrategy keeps Spec and status except Conditions; AllowCreateOnUpdate false; AllowUnconditionalUpdate true. storage.go (1.27+ via find_string): no ReturnDeletedObject.`,
    unverified: 'strategy.go read in an old (2017) copy; spec.extra handling is from memory.',
  }),

  // ───────────────────────────── admissionregistration.k8s.io ─────────────────────────────
  fact({
    group: 'admissionregistration.k8s.io',
    resource: 'mutatingwebhookconfigurations',
    namespaceScoped: false,
    allowUnconditionalUpdate: false,
    generation: 'spec',
    generationNote: 'Bumps when webhooks[] change (there is no spec).',
    createSets: { 'metadata.generation': 1 },
    source: `${P}/admissionregistration/mutatingwebhookconfiguration/strategy.go: Generation=1 on create, +1 when Webhooks change; AllowCreateOnUpdate false; AllowUnconditionalUpdate false. storage/storage.go (1.27+): no ReturnDeletedObject.`,
  }),
  fact({
    group: 'admissionregistration.k8s.io',
    resource: 'validatingwebhookconfigurations',
    namespaceScoped: false,
    allowUnconditionalUpdate: false,
    generation: 'spec',
    generationNote: 'Bumps when webhooks[] change (there is no spec).',
    createSets: { 'metadata.generation': 1 },
    source: 'Mirror of mutatingwebhookconfigurations.',
    unverified: 'validatingwebhookconfiguration strategy.go/storage.go not read.',
  }),
  fact({
    group: 'admissionregistration.k8s.io',
    resource: 'validatingadmissionpolicies',
    namespaceScoped: false,
    ...WITH_STATUS,
    allowUnconditionalUpdate: false,
    statusUpdateKeepsFromOld: 'all-but-status',
    notes: 'Validate also authorizes spec.paramKind for the requesting user.',
    source: `${P}/admissionregistration/validatingadmissionpolicy/strategy.go: PrepareForCreate Status={} + Generation=1; PrepareForUpdate status←old + generation+1 on spec change; status strategy keeps Spec + ResetObjectMetaForStatus; AllowCreateOnUpdate false; AllowUnconditionalUpdate false.`,
    unverified: 'storage.go not read (no ReturnDeletedObject assumed).',
  }),
  fact({
    group: 'admissionregistration.k8s.io',
    resource: 'validatingadmissionpolicybindings',
    namespaceScoped: false,
    allowUnconditionalUpdate: false,
    generation: 'spec',
    createSets: { 'metadata.generation': 1 },
    notes: 'Validate also authorizes spec.paramRef for the requesting user.',
    source: `${P}/admissionregistration/validatingadmissionpolicybinding/strategy.go (newest): Generation=1 on create, +1 on spec change; AllowCreateOnUpdate false; AllowUnconditionalUpdate false.`,
    unverified: 'storage.go not read.',
  }),
  fact({
    group: 'admissionregistration.k8s.io',
    resource: 'mutatingadmissionpolicies',
    namespaceScoped: false,
    allowUnconditionalUpdate: false,
    generation: 'spec',
    createSets: { 'metadata.generation': 1 },
    notes: 'v1alpha1 (1.32) / v1beta1 (1.34); not served unless the MutatingAdmissionPolicy gate and API version are enabled.',
    source: `${P}/admissionregistration/mutatingadmissionpolicy/strategy.go: AllowUnconditionalUpdate false.`,
    unverified: 'Generation handling assumed to mirror validatingadmissionpolicies; mutatingadmissionpolicybindings not covered.',
  }),

  // ───────────────────────────── flowcontrol.apiserver.k8s.io ─────────────────────────────
  fact({
    group: 'flowcontrol.apiserver.k8s.io',
    resource: 'flowschemas',
    namespaceScoped: false,
    ...WITH_STATUS,
    statusUpdateKeepsFromOld: 'all-but-status',
    source: `${P}/flowcontrol/flowschema/strategy.go (v6, 1.34+): PrepareForCreate Status={} + Generation=1; PrepareForUpdate generation+1 on spec change + status←old; status strategy copies the whole old ObjectMeta (except managedFields) and Spec; AllowCreateOnUpdate false; AllowUnconditionalUpdate true.`,
    unverified: 'storage.go not read (no ReturnDeletedObject assumed).',
  }),
  fact({
    group: 'flowcontrol.apiserver.k8s.io',
    resource: 'prioritylevelconfigurations',
    namespaceScoped: false,
    ...WITH_STATUS,
    statusUpdateKeepsFromOld: 'all-but-status',
    source: `${P}/flowcontrol/prioritylevelconfiguration/strategy.go: PrepareForCreate Status={} + Generation=1; PrepareForUpdate generation+1 on spec change.`,
    unverified: 'Status strategy, AllowUnconditionalUpdate and storage.go assumed to mirror flowschemas.',
  }),

  // ───────────────────────────── apiextensions / apiregistration ─────────────────────────────
  fact({
    group: 'apiextensions.k8s.io',
    resource: 'customresourcedefinitions',
    namespaceScoped: false,
    ...WITH_STATUS,
    allowUnconditionalUpdate: false,
    createSets: {
      'metadata.generation': 1,
      'status.storedVersions': '[name of the spec.versions entry with storage=true]',
    },
    generationNote: 'PrepareForUpdate also appends the current storage version to status.storedVersions when missing.',
    notes:
      "Custom Delete: UID (and resourceVersion) preconditions; first DELETE sets deletionTimestamp, adds finalizer 'customresourcecleanup.apiextensions.k8s.io' and condition Terminating=True (InstanceDeletionPending), answers the CRD. Upstream quirk: the status strategy calls ResetObjectMetaForStatus(new, new) — a no-op — so metadata edits sent to /status are persisted.",
    source: `staging/src/k8s.io/apiextensions-apiserver/pkg/registry/customresourcedefinition/strategy.go (v6, 1.34+): PrepareForCreate Status={} + Generation=1 + storedVersions; PrepareForUpdate status←old, generation+1 on spec change; statusStrategy keeps Spec; AllowCreateOnUpdate false; AllowUnconditionalUpdate false. .../customresourcedefinition/etcd.go: no ReturnDeletedObject, custom Delete.`,
  }),
  fact({
    group: 'apiregistration.k8s.io',
    resource: 'apiservices',
    namespaceScoped: false,
    allowUnconditionalUpdate: false,
    mainUpdateKeepsFromOld: ['status'],
    statusSubresource: true,
    statusUpdateKeepsFromOld: ['spec', 'metadata.labels', 'metadata.annotations', 'metadata.finalizers', 'metadata.ownerReferences'],
    createClears: ['status'],
    createSets: { 'status.conditions': 'Available=True (reason Local) when spec.service is nil' },
    source: `staging/src/k8s.io/kube-aggregator/pkg/registry/apiservice/strategy.go: PrepareForCreate Status={} + Local Available condition; PrepareForUpdate status←old; status strategy keeps Spec, Labels, Annotations, Finalizers, OwnerReferences; AllowCreateOnUpdate false; AllowUnconditionalUpdate false. .../apiservice/etcd/etcd.go: no ReturnDeletedObject.`,
  }),

  // ───────────────────────────── resource.k8s.io ─────────────────────────────
  fact({
    group: 'resource.k8s.io',
    resource: 'resourceclaims',
    namespaceScoped: true,
    returnDeletedObject: true,
    mainUpdateKeepsFromOld: ['status'],
    statusSubresource: true,
    statusUpdateKeepsFromOld: 'all-but-status',
    createClears: ['status'],
    notes:
      'Validate checks admin-access requests against the namespace label resource.k8s.io/admin-access. /status drops status.devices entries whose allocation was removed.',
    source: `${P}/resource/resourceclaim/strategy.go (1.32+): PrepareForCreate Status={}, PrepareForUpdate status←old, no generation, status strategy keeps Spec + ResetObjectMetaForStatus, AllowCreateOnUpdate false, AllowUnconditionalUpdate true. storage/storage.go: ReturnDeletedObject: true.`,
  }),
  fact({
    group: 'resource.k8s.io',
    resource: 'resourceclaimtemplates',
    namespaceScoped: true,
    returnDeletedObject: true,
    source: `${P}/resource/resourceclaimtemplate/strategy.go: no generation, AllowCreateOnUpdate false, AllowUnconditionalUpdate true. storage/storage.go: ReturnDeletedObject: true.`,
  }),
  fact({
    group: 'resource.k8s.io',
    resource: 'deviceclasses',
    namespaceScoped: false,
    returnDeletedObject: true,
    generation: 'spec',
    createSets: { 'metadata.generation': 1 },
    source: `${P}/resource/deviceclass/strategy.go: Generation=1 on create, +1 on spec change; AllowCreateOnUpdate false. storage/storage.go: ReturnDeletedObject: true.`,
    unverified: 'AllowUnconditionalUpdate (true) not read.',
  }),
  fact({
    group: 'resource.k8s.io',
    resource: 'resourceslices',
    namespaceScoped: false,
    returnDeletedObject: true,
    generation: 'spec',
    createSets: { 'metadata.generation': 1 },
    source: `${P}/resource/resourceslice/strategy.go (1.32+): Generation=1 on create, +1 on spec change; AllowCreateOnUpdate false; AllowUnconditionalUpdate true. storage/storage.go: ReturnDeletedObject: true.`,
  }),
];

function key(group: string, resource: string): string {
  return `${group}/${resource}`;
}

const BY_KEY: ReadonlyMap<string, StrategyFacts> = new Map(STRATEGY_FACTS.map((f) => [key(f.group, f.resource), f]));

/**
 * Facts for `group`/`resource` (core group is `''`; `'core'` and `'v1'` are accepted as aliases).
 * Unknown resources get the {@link PLAIN} pattern — a plain genericregistry.Store over a strategy
 * with AllowCreateOnUpdate=false, AllowUnconditionalUpdate=true, no generation, no status
 * handling, no graceful delete, no ReturnDeletedObject — marked `unverified`. Custom resources are
 * served by the apiextensions customresource strategy, which this table does not describe.
 */
export function strategyFactsFor(group: string, resource: string): StrategyFacts {
  const g = group === 'core' || group === 'v1' ? '' : group;
  const known = BY_KEY.get(key(g, resource));
  if (known) return known;
  return {
    ...PLAIN,
    group: g,
    resource,
    namespaceScoped: true,
    mainUpdateKeepsFromOld: [],
    statusUpdateKeepsFromOld: [],
    createClears: [],
    source: 'default: the most common built-in pattern (see PLAIN in strategy-facts.ts)',
    unverified: `no sourced facts for ${g === '' ? 'core' : g}/${resource}; namespaceScoped is a guess`,
  };
}
