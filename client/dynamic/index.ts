/** dynamic: `dynamic.newForConfig(config)` as in client-go, plus the unstructured helpers. */
export { DynamicClient, newDynamicClient, newDynamicClient as newForConfig } from './dynamic-client.js';
export type { NamespaceableResourceInterface, ResourceInterface } from './dynamic-client.js';
export { fromUnstructured, toUnstructured, fillListItemTypes } from './unstructured.js';
export type { Unstructured, UnstructuredList } from './unstructured.js';
