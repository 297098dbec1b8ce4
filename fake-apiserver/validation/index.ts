/** Name, ObjectMeta, options and ConfigMap/Secret validation (Kubernetes v1.35.4 semantics). */
export * from './format.js';
export * from './names.js';
export * from './object-meta.js';
export * from './options.js';
export * from './configmap-secret.js';
export { tooLongBytes } from './too-long.js';
