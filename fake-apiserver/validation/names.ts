/**
 * Object-name validators (`ValidateNameFunc`) and which one each built-in resource uses.
 *
 * A NameValidator gets `prefix = true` when it checks `metadata.generateName`; upstream's DNS
 * validators then mask a trailing '-' (apimachinery/pkg/api/validation/generic.go
 * maskTrailingDash, which — quirk kept — replaces the last *two* characters by "a": "ab-" → "aa").
 * The returned strings become `field.Invalid(metadata.name|generateName, value, msg)`.
 *
 * Per-type table, read from Kubernetes v1.35.4 (`pkg/apis/<group>/validation/validation.go`, the
 * call to ValidateObjectMeta in each type's Validate<Kind> and the registry strategy that calls it;
 * `apiextensions-apiserver`, `kube-aggregator` for CRDs and APIServices). Everything not listed
 * uses DNS-1123 subdomain, which is also what custom resources use
 * (apiextensions-apiserver/pkg/registry/customresource/validator.go):
 *
 * | group / resource                                  | name rule                      | meta validated by |
 * | ------------------------------------------------- | ------------------------------ | ----------------- |
 * | core namespaces                                   | DNS-1123 label                 | core              |
 * | core services                                     | DNS-1035 label (1)             | core              |
 * | core replicationcontrollers                       | LongName (2)                   | core-with-opts    |
 * | apps statefulsets                                 | DNS-1123 label                 | core              |
 * | rbac.authorization.k8s.io roles, clusterroles,     | path segment (3)               | core              |
 * |   rolebindings, clusterrolebindings               |                                |                   |
 * | coordination.k8s.io leases                        | DNS-1123 subdomain             | apimachinery      |
 * | coordination.k8s.io leasecandidates               | IsConfigMapKey                 | apimachinery      |
 * | networking.k8s.io ipaddresses                     | canonical IP (IsValidIP)       | core              |
 * | certificates.k8s.io certificatesigningrequests    | anything ("we don't care")     | core              |
 * | certificates.k8s.io clustertrustbundles           | signer-dependent (4)           | core              |
 * | internal.apiserver.k8s.io storageversions         | <group>.<resource> (5)         | core              |
 * | resource.k8s.io deviceclasses                     | LongName (2)                   | core-with-opts    |
 * | policy poddisruptionbudgets                       | none in the strategy (6)       | none              |
 * | node.k8s.io runtimeclasses                        | DNS-1123 subdomain             | apimachinery      |
 * | admissionregistration.k8s.io (all six kinds)      | DNS-1123 subdomain             | apimachinery      |
 * | apiextensions.k8s.io customresourcedefinitions    | subdomain + `plural.group` (4) | apimachinery      |
 * | apiregistration.k8s.io apiservices                | path segment + `version.group` | apimachinery      |
 * | custom resources (any unknown group/resource)     | DNS-1123 subdomain             | apimachinery      |
 *
 * DNS-1123 subdomain with core meta validation, confirmed: pods, podtemplates, endpoints, nodes,
 * limitranges, resourcequotas, secrets, configmaps, serviceaccounts, persistentvolumes,
 * persistentvolumeclaims, events (core and events.k8s.io); apps deployments, replicasets,
 * daemonsets, controllerrevisions; batch jobs, cronjobs (7); autoscaling horizontalpodautoscalers;
 * networking networkpolicies, ingresses, ingressclasses, servicecidrs; discovery endpointslices;
 * storage storageclasses, volumeattachments, volumeattributesclasses, csinodes, csidrivers,
 * csistoragecapacities; scheduling priorityclasses, workloads; flowcontrol flowschemas,
 * prioritylevelconfigurations; certificates podcertificaterequests; resource resourceclaims,
 * resourceclaimtemplates, resourceslices, devicetaintrules; storagemigration
 * storageversionmigrations.
 *
 * (1) The alpha gate RelaxedServiceNameValidation (default off in 1.35) would switch to DNS-1123 label.
 * (2) ValidateObjectMetaWithOpts + validate.LongName: content.IsDNS1123Subdomain ("... 253 bytes"),
 *     generateName itself is not validated, only the generated name.
 * (3) rbac ValidateRBACName ignores `prefix`: generateName "." is rejected too.
 * (4) Depends on the object's spec; `nameValidatorFor` returns the spec-independent part, the
 *     factories below give the full rule.
 * (5) internal.apiserver.k8s.io/v1alpha1 StorageVersion, served only with its alpha API enabled.
 * (6) pkg/apis/policy/validation ValidatePodDisruptionBudget validates only the spec; only the generic
 *     path-segment check of rest.BeforeCreate applies to the name.
 * (7) CronJob adds `metadata.name: Invalid value: ...: must be no more than 52 characters` after its
 *     spec errors; see `cronJobNameErrors`.
 *
 * "meta validated by": `core` = pkg/apis/core/validation.ValidateObjectMeta(Update), which adds the
 * legacy finalizer-name check; `apimachinery` = apimachinery's ValidateObjectMeta(Update) alone;
 * `core-with-opts` = core's ValidateObjectMetaWithOpts; `none` = the strategy does not validate
 * metadata at all.
 */
import { invalid, type FieldError } from '../errors/field-errors.js';
import {
  contentIsDNS1123Subdomain,
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isValidIP,
  isValidPathSegmentName,
  isValidPathSegmentPrefix,
} from './format.js';
import { byteLength, goQuote } from './go-text.js';

/** `ValidateNameFunc`: `prefix` is true when validating `generateName`. */
export type NameValidator = (name: string, prefix: boolean) => string[];

/** generic.go maskTrailingDash: `name[:len-2] + "a"` when the name is longer than 1 and ends in '-'. */
export function maskTrailingDash(name: string): string {
  if (name.length > 1 && name.endsWith('-')) return `${name.slice(0, -2)}a`;
  return name;
}

export const nameIsDNSSubdomain: NameValidator = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);

export const nameIsDNSLabel: NameValidator = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);

export const nameIsDNS1035Label: NameValidator = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** apimachinery ValidateNamespaceName: also checks `metadata.namespace` of namespaced objects. */
export const validateNamespaceName: NameValidator = nameIsDNSLabel;

/** path.ValidatePathSegmentName: the generic check every create/update runs (rest.BeforeCreate). */
export const validatePathSegmentName: NameValidator = (name, prefix) =>
  prefix ? isValidPathSegmentPrefix(name) : isValidPathSegmentName(name);

/** rbac ValidateRBACName: IsValidPathSegmentName whatever `prefix` says. */
export const validateRBACName: NameValidator = (name) => isValidPathSegmentName(name);

/** validate.LongName as a NameValidator (prefix unused: the WithOpts path skips generateName). */
export const nameIsLongName: NameValidator = (name) => contentIsDNS1123Subdomain(name);

/** coordination ValidLeaseCandidateName. */
export const validateLeaseCandidateName: NameValidator = (name) => isConfigMapKey(name);

/** networking ValidateIPAddressName (prefix not considered: IPAddress does not generate names). */
export const validateIPAddressName: NameValidator = (name) => isValidIP(name);

/** certificates ValidateCertificateRequestName: any name. */
export const anyName: NameValidator = () => [];

/** apiserverinternal ValidateStorageVersionName: `<group>.<resource>`. */
export const validateStorageVersionName: NameValidator = (name) => {
  const idx = name.lastIndexOf('.');
  if (idx < 0) return ['name must be in the form of <group>.<resource>'];
  return [
    ...isDNS1123Subdomain(name.slice(0, idx)).map((m) => `the group segment ${m}`),
    ...isDNS1035Label(name.slice(idx + 1)).map((m) => `the resource segment ${m}`),
  ];
};

/** apiextensions ValidateCustomResourceDefinition's name rule. */
export function crdNameValidator(plural: string, group: string): NameValidator {
  return (name, prefix) => {
    const errs = nameIsDNSSubdomain(name, prefix);
    if (name !== `${plural}.${group}`) errs.push('must be spec.names.plural+"."+spec.group');
    return errs;
  };
}

/** kube-aggregator ValidateAPIService's name rule. */
export function apiServiceNameValidator(version: string, group: string): NameValidator {
  const requiredName = `${version}.${group}`;
  return (name) => {
    const minimal = isValidPathSegmentName(name);
    if (minimal.length > 0) return minimal;
    if (name !== requiredName) return [`must be \`spec.version+"."+spec.group\`: ${goQuote(requiredName)}`];
    return [];
  };
}

/** core/validation/names.go ValidateClusterTrustBundleName. */
export function clusterTrustBundleNameValidator(signerName: string): NameValidator {
  return (name, prefix) => {
    if (signerName === '') {
      if (name.includes(':')) return ['ClusterTrustBundle without signer name must not have ":" in its name'];
      return nameIsDNSSubdomain(name, prefix);
    }
    const requiredPrefix = `${signerName.replaceAll('/', ':')}:`;
    if (!name.startsWith(requiredPrefix)) {
      return [`ClusterTrustBundle for signerName ${signerName} must be named with prefix ${requiredPrefix}`];
    }
    return nameIsDNSSubdomain(name.slice(requiredPrefix.length), prefix);
  };
}

/** batch ValidateCronJobCreate: the controller appends 11 characters to make Job names. */
export function cronJobNameErrors(name: string): FieldError[] {
  if (byteLength(name) > 63 - 11) return [invalid('metadata.name', name, 'must be no more than 52 characters')];
  return [];
}

/** Which ValidateObjectMeta flavour the type's strategy runs (see the table above). */
export type MetaValidationFlavour = 'core' | 'core-with-opts' | 'apimachinery' | 'none';

export interface MetaValidationRules {
  nameValidator: NameValidator;
  flavour: MetaValidationFlavour;
}

const CORE_SUBDOMAIN: MetaValidationRules = { nameValidator: nameIsDNSSubdomain, flavour: 'core' };
const GENERIC_SUBDOMAIN: MetaValidationRules = { nameValidator: nameIsDNSSubdomain, flavour: 'apimachinery' };

/** Keyed by `<group>/<resource>`; core group is the empty string. */
const RULES: ReadonlyMap<string, MetaValidationRules> = new Map<string, MetaValidationRules>([
  ['/namespaces', { nameValidator: nameIsDNSLabel, flavour: 'core' }],
  ['/services', { nameValidator: nameIsDNS1035Label, flavour: 'core' }],
  ['/replicationcontrollers', { nameValidator: nameIsLongName, flavour: 'core-with-opts' }],
  ...[
    'pods',
    'podtemplates',
    'endpoints',
    'nodes',
    'limitranges',
    'resourcequotas',
    'secrets',
    'configmaps',
    'serviceaccounts',
    'persistentvolumes',
    'persistentvolumeclaims',
    'events',
  ].map((r): [string, MetaValidationRules] => [`/${r}`, CORE_SUBDOMAIN]),
  ['apps/statefulsets', { nameValidator: nameIsDNSLabel, flavour: 'core' }],
  ...coreSubdomain('apps', ['deployments', 'replicasets', 'daemonsets', 'controllerrevisions']),
  ...coreSubdomain('batch', ['jobs', 'cronjobs']),
  ...coreSubdomain('autoscaling', ['horizontalpodautoscalers']),
  ['policy/poddisruptionbudgets', { nameValidator: validatePathSegmentName, flavour: 'none' }],
  ...['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'].map((r): [string, MetaValidationRules] => [
    `rbac.authorization.k8s.io/${r}`,
    { nameValidator: validateRBACName, flavour: 'core' },
  ]),
  ['coordination.k8s.io/leases', GENERIC_SUBDOMAIN],
  ['coordination.k8s.io/leasecandidates', { nameValidator: validateLeaseCandidateName, flavour: 'apimachinery' }],
  ...coreSubdomain('networking.k8s.io', ['networkpolicies', 'ingresses', 'ingressclasses', 'servicecidrs']),
  ['networking.k8s.io/ipaddresses', { nameValidator: validateIPAddressName, flavour: 'core' }],
  ...coreSubdomain('discovery.k8s.io', ['endpointslices']),
  ...coreSubdomain('storage.k8s.io', [
    'storageclasses',
    'volumeattachments',
    'volumeattributesclasses',
    'csinodes',
    'csidrivers',
    'csistoragecapacities',
  ]),
  ...coreSubdomain('scheduling.k8s.io', ['priorityclasses', 'workloads']),
  ['node.k8s.io/runtimeclasses', GENERIC_SUBDOMAIN],
  ['certificates.k8s.io/certificatesigningrequests', { nameValidator: anyName, flavour: 'core' }],
  ['certificates.k8s.io/clustertrustbundles', { nameValidator: clusterTrustBundleNameValidator(''), flavour: 'core' }],
  ...coreSubdomain('certificates.k8s.io', ['podcertificaterequests']),
  ...[
    'validatingwebhookconfigurations',
    'mutatingwebhookconfigurations',
    'validatingadmissionpolicies',
    'validatingadmissionpolicybindings',
    'mutatingadmissionpolicies',
    'mutatingadmissionpolicybindings',
  ].map((r): [string, MetaValidationRules] => [`admissionregistration.k8s.io/${r}`, GENERIC_SUBDOMAIN]),
  ...coreSubdomain('flowcontrol.apiserver.k8s.io', ['flowschemas', 'prioritylevelconfigurations']),
  ['internal.apiserver.k8s.io/storageversions', { nameValidator: validateStorageVersionName, flavour: 'core' }],
  ...coreSubdomain('resource.k8s.io', ['resourceclaims', 'resourceclaimtemplates', 'resourceslices', 'devicetaintrules']),
  ['resource.k8s.io/deviceclasses', { nameValidator: nameIsLongName, flavour: 'core-with-opts' }],
  ...coreSubdomain('storagemigration.k8s.io', ['storageversionmigrations']),
  ...coreSubdomain('events.k8s.io', ['events']),
  ['apiextensions.k8s.io/customresourcedefinitions', GENERIC_SUBDOMAIN],
  ['apiregistration.k8s.io/apiservices', { nameValidator: validatePathSegmentName, flavour: 'apimachinery' }],
]);

function coreSubdomain(group: string, resources: string[]): [string, MetaValidationRules][] {
  return resources.map((r) => [`${group}/${r}`, CORE_SUBDOMAIN]);
}

/** The type's name rule and metadata-validation flavour; unknown types (CRs) get subdomain + apimachinery. */
export function metaValidationRulesFor(group: string, resource: string): MetaValidationRules {
  return RULES.get(`${group}/${resource}`) ?? GENERIC_SUBDOMAIN;
}

/** The name validator the type's strategy uses (default: DNS-1123 subdomain). */
export function nameValidatorFor(group: string, resource: string): NameValidator {
  return metaValidationRulesFor(group, resource).nameValidator;
}
