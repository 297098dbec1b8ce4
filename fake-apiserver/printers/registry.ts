/**
 * Which printer the real kube-apiserver uses for each built-in resource: the printers registered by
 * pkg/printers/internalversion AddHandlers for the types whose storage uses them (pkg/registry), plus
 * kube-aggregator's apiservices. Everything else (roles, clusterroles, limitranges,
 * csistoragecapacities, customresourcedefinitions, ...) gets the default Name/Created At table.
 */
import {
  mutatingAdmissionPolicyBindingPrinter,
  mutatingAdmissionPolicyPrinter,
  mutatingWebhookConfigurationPrinter,
  validatingAdmissionPolicyBindingPrinter,
  validatingAdmissionPolicyPrinter,
  validatingWebhookConfigurationPrinter,
} from './admission.js';
import { apiServicePrinter, storageVersionMigrationPrinter, storageVersionPrinter } from './apiserver-internal.js';
import { horizontalPodAutoscalerPrinter, scalePrinter } from './autoscaling.js';
import { cronJobPrinter, jobPrinter } from './batch.js';
import { certificateSigningRequestPrinter, clusterTrustBundlePrinter, podCertificateRequestPrinter } from './certificates.js';
import {
  componentStatusPrinter,
  configMapPrinter,
  namespacePrinter,
  resourceQuotaPrinter,
  secretPrinter,
  serviceAccountPrinter,
} from './config.js';
import { leaseCandidatePrinter, leasePrinter } from './coordination.js';
import { eventPrinter } from './events.js';
import { priorityLevelConfigurationPrinter, flowSchemaPrinter } from './flowcontrol.js';
import { ingressClassPrinter, ingressPrinter, ipAddressPrinter, networkPolicyPrinter, serviceCIDRPrinter } from './networking.js';
import { nodePrinter } from './nodes.js';
import { podPrinter } from './pods.js';
import { podDisruptionBudgetPrinter } from './policy.js';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac.js';
import {
  deviceClassPrinter,
  deviceTaintRulePrinter,
  resourceClaimPrinter,
  resourceClaimTemplatePrinter,
  resourceSlicePrinter,
} from './resource.js';
import { priorityClassPrinter, runtimeClassPrinter, workloadPrinter } from './scheduling.js';
import { endpointSlicePrinter, endpointsPrinter, servicePrinter } from './services.js';
import {
  csiDriverPrinter,
  csiNodePrinter,
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  storageClassPrinter,
  volumeAttachmentPrinter,
  volumeAttributesClassPrinter,
} from './storage.js';
import type { TablePrinter } from './types.js';
import {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  podTemplatePrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workloads.js';

/** group → resource → printer. */
const PRINTERS: Readonly<Record<string, Readonly<Record<string, TablePrinter>>>> = {
  '': {
    pods: podPrinter,
    podtemplates: podTemplatePrinter,
    replicationcontrollers: replicationControllerPrinter,
    services: servicePrinter,
    endpoints: endpointsPrinter,
    nodes: nodePrinter,
    events: eventPrinter,
    namespaces: namespacePrinter,
    secrets: secretPrinter,
    serviceaccounts: serviceAccountPrinter,
    persistentvolumes: persistentVolumePrinter,
    persistentvolumeclaims: persistentVolumeClaimPrinter,
    componentstatuses: componentStatusPrinter,
    configmaps: configMapPrinter,
    resourcequotas: resourceQuotaPrinter,
  },
  apps: {
    deployments: deploymentPrinter,
    replicasets: replicaSetPrinter,
    statefulsets: statefulSetPrinter,
    daemonsets: daemonSetPrinter,
    controllerrevisions: controllerRevisionPrinter,
  },
  batch: { jobs: jobPrinter, cronjobs: cronJobPrinter },
  autoscaling: { horizontalpodautoscalers: horizontalPodAutoscalerPrinter },
  policy: { poddisruptionbudgets: podDisruptionBudgetPrinter },
  'networking.k8s.io': {
    ingresses: ingressPrinter,
    ingressclasses: ingressClassPrinter,
    networkpolicies: networkPolicyPrinter,
    servicecidrs: serviceCIDRPrinter,
    ipaddresses: ipAddressPrinter,
  },
  'discovery.k8s.io': { endpointslices: endpointSlicePrinter },
  'events.k8s.io': { events: eventPrinter },
  'rbac.authorization.k8s.io': { rolebindings: roleBindingPrinter, clusterrolebindings: clusterRoleBindingPrinter },
  'certificates.k8s.io': {
    certificatesigningrequests: certificateSigningRequestPrinter,
    clustertrustbundles: clusterTrustBundlePrinter,
    podcertificaterequests: podCertificateRequestPrinter,
  },
  'coordination.k8s.io': { leases: leasePrinter, leasecandidates: leaseCandidatePrinter },
  'storage.k8s.io': {
    storageclasses: storageClassPrinter,
    volumeattachments: volumeAttachmentPrinter,
    csidrivers: csiDriverPrinter,
    csinodes: csiNodePrinter,
    volumeattributesclasses: volumeAttributesClassPrinter,
  },
  'scheduling.k8s.io': { priorityclasses: priorityClassPrinter, workloads: workloadPrinter },
  'node.k8s.io': { runtimeclasses: runtimeClassPrinter },
  'admissionregistration.k8s.io': {
    mutatingwebhookconfigurations: mutatingWebhookConfigurationPrinter,
    validatingwebhookconfigurations: validatingWebhookConfigurationPrinter,
    validatingadmissionpolicies: validatingAdmissionPolicyPrinter,
    validatingadmissionpolicybindings: validatingAdmissionPolicyBindingPrinter,
    mutatingadmissionpolicies: mutatingAdmissionPolicyPrinter,
    mutatingadmissionpolicybindings: mutatingAdmissionPolicyBindingPrinter,
  },
  'flowcontrol.apiserver.k8s.io': { flowschemas: flowSchemaPrinter, prioritylevelconfigurations: priorityLevelConfigurationPrinter },
  'internal.apiserver.k8s.io': { storageversions: storageVersionPrinter },
  'storagemigration.k8s.io': { storageversionmigrations: storageVersionMigrationPrinter },
  'resource.k8s.io': {
    deviceclasses: deviceClassPrinter,
    resourceclaims: resourceClaimPrinter,
    resourceclaimtemplates: resourceClaimTemplatePrinter,
    resourceslices: resourceSlicePrinter,
    devicetaintrules: deviceTaintRulePrinter,
  },
  'apiregistration.k8s.io': { apiservices: apiServicePrinter },
};

/** The built-in resources with a `scale` subresource; its Table is printScale's. */
const SCALABLE: Readonly<Record<string, readonly string[]>> = {
  '': ['replicationcontrollers'],
  apps: ['deployments', 'replicasets', 'statefulsets'],
};

/**
 * The printer the real server uses for a built-in resource, or undefined when it serves the default
 * Name/Created At table. `resource` may carry the subresource ("deployments/scale"), or pass it
 * separately: `status` prints like the resource itself and `scale` with the Scale printer (for the
 * resources that have one). Any other subresource gives undefined; note that the real server answers
 * a Table request for those (pods/ephemeralcontainers, pods/resize, ...) with 406 rather than a
 * default table. Custom resources use `customResourcePrinter` / `customResourceScalePrinter`.
 */
export function printerFor(group: string, resource: string, subresource?: string): TablePrinter | undefined {
  let name = resource;
  let sub = subresource ?? '';
  const slash = resource.indexOf('/');
  if (slash >= 0) {
    name = resource.slice(0, slash);
    sub = resource.slice(slash + 1);
  }
  const byResource = Object.hasOwn(PRINTERS, group) ? PRINTERS[group] : undefined;
  const p = byResource && Object.hasOwn(byResource, name) ? byResource[name] : undefined;
  if (sub === '' || sub === 'status') return p;
  if (sub === 'scale') return Object.hasOwn(SCALABLE, group) && SCALABLE[group].includes(name) ? scalePrinter : undefined;
  return undefined;
}

/** Every (group, resource) with a printer, for tests and documentation. */
export function printedResources(): Array<{ group: string; resource: string }> {
  return Object.entries(PRINTERS).flatMap(([group, byResource]) => Object.keys(byResource).map((resource) => ({ group, resource })));
}
