/**
 * Printers of volumes and storage.k8s.io: persistentvolumes, persistentvolumeclaims, storageclasses,
 * volumeattachments, csidrivers, csinodes, csistoragecapacities and volumeattributesclasses.
 * Where v1 defaulting always fills a field these printers read, an unset field prints its default.
 */
import { AGE_COLUMN, col, NAME_COLUMN, printer } from './columns.js';
import { arr, obj, str } from './format.js';
import { quantityString } from './quantity.js';
import { since } from './timestamps.js';
import type { Obj } from './types.js';

const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
const IS_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const BETA_IS_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';

const deleting = (o: Obj) => o.metadata?.deletionTimestamp !== undefined && o.metadata?.deletionTimestamp !== null;

/** `helper.GetAccessModesAsString`: RWO, ROX, RWX, RWOP in that order, each once. */
function accessModes(modes: unknown): string {
  const set = new Set(arr(modes));
  const out: string[] = [];
  if (set.has('ReadWriteOnce')) out.push('RWO');
  if (set.has('ReadOnlyMany')) out.push('ROX');
  if (set.has('ReadWriteMany')) out.push('RWX');
  if (set.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** The beta storage-class annotation wins (even when empty) over spec.storageClassName. */
function storageClassOf(o: Obj): string {
  const annotations = obj(o.metadata?.annotations);
  if (Object.hasOwn(annotations, BETA_STORAGE_CLASS_ANNOTATION)) return str(annotations[BETA_STORAGE_CLASS_ANNOTATION]);
  return str(obj(o.spec).storageClassName);
}

const attributesClass = (spec: Obj) => (typeof spec.volumeAttributesClassName === 'string' ? spec.volumeAttributesClassName : '<unset>');

export const persistentVolumePrinter = printer(
  [
    NAME_COLUMN,
    col(
      'Capacity',
      'string',
      "capacity is the description of the persistent volume's resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity",
    ),
    col(
      'Access Modes',
      'string',
      'accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes',
    ),
    col(
      'Reclaim Policy',
      'string',
      'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim. Valid options are Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle (deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming',
    ),
    col(
      'Status',
      'string',
      'phase indicates if a volume is available, bound to a claim, or released by a claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase',
    ),
    col(
      'Claim',
      'string',
      'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding',
    ),
    col('StorageClass', 'string', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    col(
      'Reason',
      'string',
      'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.',
    ),
    AGE_COLUMN,
    col(
      'VolumeMode',
      'string',
      'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec.',
      { priority: 1 },
    ),
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    const claimRef =
      spec.claimRef === undefined || spec.claimRef === null ? '' : `${str(spec.claimRef.namespace)}/${str(spec.claimRef.name)}`;
    const phase = deleting(o) ? 'Terminating' : str(obj(o.status).phase) || 'Pending';
    return [
      str(o.metadata?.name),
      quantityString(obj(spec.capacity).storage),
      accessModes(spec.accessModes),
      str(spec.persistentVolumeReclaimPolicy) || 'Retain',
      phase,
      claimRef,
      storageClassOf(o),
      attributesClass(spec),
      str(obj(o.status).reason),
      since(o.metadata?.creationTimestamp, nowMs),
      str(spec.volumeMode) || 'Filesystem',
    ];
  },
);

export const persistentVolumeClaimPrinter = printer(
  [
    NAME_COLUMN,
    col('Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'),
    col('Volume', 'string', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
    col('Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'),
    col(
      'Access Modes',
      'string',
      'accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1',
    ),
    col('StorageClass', 'string', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    AGE_COLUMN,
    col(
      'VolumeMode',
      'string',
      'volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.',
      { priority: 1 },
    ),
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    const status = obj(o.status);
    const phase = deleting(o) ? 'Terminating' : str(status.phase) || 'Pending';
    let capacity = '';
    let modes = '';
    if (str(spec.volumeName) !== '') {
      modes = accessModes(status.accessModes);
      capacity = quantityString(obj(status.capacity).storage);
    }
    return [
      str(o.metadata?.name),
      phase,
      str(spec.volumeName),
      capacity,
      modes,
      storageClassOf(o),
      attributesClass(spec),
      since(o.metadata?.creationTimestamp, nowMs),
      str(spec.volumeMode) || 'Filesystem',
    ];
  },
);

export const storageClassPrinter = printer(
  [
    NAME_COLUMN,
    col('Provisioner', 'string', 'provisioner indicates the type of the provisioner.'),
    col(
      'ReclaimPolicy',
      'string',
      'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.',
    ),
    col(
      'VolumeBindingMode',
      'string',
      'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature.',
    ),
    col('AllowVolumeExpansion', 'string', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
    AGE_COLUMN,
  ],
  (o, nowMs) => {
    const annotations = obj(o.metadata?.annotations);
    const isDefault = annotations[IS_DEFAULT_CLASS] === 'true' || annotations[BETA_IS_DEFAULT_CLASS] === 'true';
    return [
      str(o.metadata?.name) + (isDefault ? ' (default)' : ''),
      str(o.provisioner),
      typeof o.reclaimPolicy === 'string' ? o.reclaimPolicy : 'Delete',
      typeof o.volumeBindingMode === 'string' ? o.volumeBindingMode : 'Immediate',
      typeof o.allowVolumeExpansion === 'boolean' ? o.allowVolumeExpansion : false,
      since(o.metadata?.creationTimestamp, nowMs),
    ];
  },
);

export const volumeAttachmentPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'Attacher',
      'string',
      'attacher indicates the name of the volume driver that MUST handle this request. This is the name returned by GetPluginName().',
      { format: 'name' },
    ),
    col('PV', 'string', 'persistentVolumeName represents the name of the persistent volume to attach.'),
    col('Node', 'string', 'nodeName represents the node that the volume should be attached to.'),
    col(
      'Attached',
      'boolean',
      'attached indicates the volume is successfully attached. This field must only be set by the entity completing the attach operation, i.e. the external-attacher.',
    ),
    AGE_COLUMN,
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    return [
      str(o.metadata?.name),
      str(spec.attacher),
      str(obj(spec.source).persistentVolumeName),
      str(spec.nodeName),
      obj(o.status).attached === true,
      since(o.metadata?.creationTimestamp, nowMs),
    ];
  },
);

const boolOr = (v: unknown, dflt: boolean) => (typeof v === 'boolean' ? v : dflt);

export const csiDriverPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'AttachRequired',
      'boolean',
      'attachRequired indicates this CSI volume driver requires an attach operation (because it implements the CSI ControllerPublishVolume() method), and that the Kubernetes attach detach controller should call the attach volume interface which checks the volumeattachment status and waits until the volume is attached before proceeding to mounting. The CSI external-attacher coordinates with CSI volume driver and updates the volumeattachment status when the attach operation is complete. If the value is specified to false, the attach operation will be skipped. Otherwise the attach operation will be called.\n\nThis field is immutable.',
    ),
    col(
      'PodInfoOnMount',
      'boolean',
      'podInfoOnMount indicates this CSI volume driver requires additional pod information (like podName, podUID, etc.) during mount operations, if set to true. If set to false, pod information will not be passed on mount. Default is false.\n\nThe CSI driver specifies podInfoOnMount as part of driver deployment. If true, Kubelet will pass pod information as VolumeContext in the CSI NodePublishVolume() calls. The CSI driver is responsible for parsing and validating the information passed in as VolumeContext.\n\nThe following VolumeContext will be passed if podInfoOnMount is set to true. This list might grow, but the prefix will be used. "csi.storage.k8s.io/pod.name": pod.Name "csi.storage.k8s.io/pod.namespace": pod.Namespace "csi.storage.k8s.io/pod.uid": string(pod.UID) "csi.storage.k8s.io/ephemeral": "true" if the volume is an ephemeral inline volume\n                                defined by a CSIVolumeSource, otherwise "false"\n\n"csi.storage.k8s.io/ephemeral" is a new feature in Kubernetes 1.16. It is only required for drivers which support both the "Persistent" and "Ephemeral" VolumeLifecycleMode. Other drivers can leave pod info disabled and/or ignore this field. As Kubernetes 1.15 doesn\'t support this field, drivers can only support one mode when deployed on such a cluster and the deployment determines which mode that is, for example via a command line parameter of the driver.\n\nThis field was immutable in Kubernetes < 1.29 and now is mutable.',
    ),
    col(
      'StorageCapacity',
      'boolean',
      'storageCapacity indicates that the CSI volume driver wants pod scheduling to consider the storage capacity that the driver deployment will report by creating CSIStorageCapacity objects with capacity information, if set to true.\n\nThe check can be enabled immediately when deploying a driver. In that case, provisioning new volumes with late binding will pause until the driver deployment has published some suitable CSIStorageCapacity object.\n\nAlternatively, the driver can be deployed with the field unset or false and it can be flipped later when storage capacity information has been published.\n\nThis field was immutable in Kubernetes <= 1.22 and now is mutable.',
    ),
    col(
      'TokenRequests',
      'string',
      'tokenRequests indicates the CSI driver needs pods\' service account tokens it is mounting volume for to do necessary authentication. Kubelet will pass the tokens in VolumeContext in the CSI NodePublishVolume calls. The CSI driver should parse and validate the following VolumeContext: "csi.storage.k8s.io/serviceAccount.tokens": {\n  "<audience>": {\n    "token": <token>,\n    "expirationTimestamp": <expiration timestamp in RFC3339>,\n  },\n  ...\n}\n\nNote: Audience in each TokenRequest should be different and at most one token is empty string. To receive a new token after expiry, RequiresRepublish can be used to trigger NodePublishVolume periodically.',
    ),
    col(
      'RequiresRepublish',
      'boolean',
      'requiresRepublish indicates the CSI driver wants `NodePublishVolume` being periodically called to reflect any possible change in the mounted volume. This field defaults to false.\n\nNote: After a successful initial NodePublishVolume call, subsequent calls to NodePublishVolume should only update the contents of the volume. New mount points will not be seen by a running container.',
    ),
    col(
      'Modes',
      'string',
      'volumeLifecycleModes defines what kind of volumes this CSI volume driver supports. The default if the list is empty is "Persistent", which is the usage defined by the CSI specification and implemented in Kubernetes via the usual PV/PVC mechanism.\n\nThe other mode is "Ephemeral". In this mode, volumes are defined inline inside the pod spec with CSIVolumeSource and their lifecycle is tied to the lifecycle of that pod. A driver has to be aware of this because it is only going to get a NodePublishVolume call for such a volume.\n\nFor more information about implementing this mode, see https://kubernetes-csi.github.io/docs/ephemeral-local-volumes.html A driver can support one or more of these modes and more modes may be added in the future.\n\nThis field is beta. This field is immutable.',
    ),
    AGE_COLUMN,
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    // storage/v1 defaulting: attachRequired true, the rest false, volumeLifecycleModes [Persistent].
    const modes = arr(spec.volumeLifecycleModes).map(str);
    const tokenRequests =
      spec.tokenRequests === undefined || spec.tokenRequests === null
        ? '<unset>'
        : arr(spec.tokenRequests)
            .map((t) => str(obj(t).audience))
            .join(',');
    return [
      str(o.metadata?.name),
      boolOr(spec.attachRequired, true),
      boolOr(spec.podInfoOnMount, false),
      boolOr(spec.storageCapacity, false),
      tokenRequests,
      boolOr(spec.requiresRepublish, false),
      modes.length === 0 ? 'Persistent' : modes.join(','),
      since(o.metadata?.creationTimestamp, nowMs),
    ];
  },
);

export const csiNodePrinter = printer(
  [NAME_COLUMN, col('Drivers', 'integer', 'Drivers indicates the number of CSI drivers registered on the node'), AGE_COLUMN],
  (o, nowMs) => [str(o.metadata?.name), arr(obj(o.spec).drivers).length, since(o.metadata?.creationTimestamp, nowMs)],
);

/**
 * printCSIStorageCapacity. Upstream registers it, but the csistoragecapacities storage uses the
 * default Name/Created At table, so printerFor does not return it.
 */
export const csiStorageCapacityPrinter = printer(
  [
    NAME_COLUMN,
    col(
      'StorageClassName',
      'string',
      'storageClassName represents the name of the StorageClass that the reported capacity applies to. It must meet the same requirements as the name of a StorageClass object (non-empty, DNS subdomain). If that object no longer exists, the CSIStorageCapacity object is obsolete and should be removed by its creator. This field is immutable.',
    ),
    col(
      'Capacity',
      'string',
      'capacity is the value reported by the CSI driver in its GetCapacityResponse for a GetCapacityRequest with topology and parameters that match the previous fields.\n\nThe semantic is currently (CSI spec 1.2) defined as: The available capacity, in bytes, of the storage that can be used to provision volumes. If not set, that information is currently unavailable.',
    ),
  ],
  (o) => [
    str(o.metadata?.name),
    str(o.storageClassName),
    o.capacity === undefined || o.capacity === null ? '<unset>' : quantityString(o.capacity),
  ],
);

export const volumeAttributesClassPrinter = printer(
  [NAME_COLUMN, col('DriverName', 'string', 'Name of the CSI driver This field is immutable.'), AGE_COLUMN],
  (o, nowMs) => [str(o.metadata?.name), str(o.driverName), since(o.metadata?.creationTimestamp, nowMs)],
);
