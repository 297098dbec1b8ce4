/** kubeharness/client listers: read-only views of informer caches. */
export { newLister, newNamespacedLister, listAll, listAllByNamespace } from './lister.js';
export type { Lister, NamespaceLister, NamespacedLister } from './lister.js';
export { everything, nothing, parseSelector, selectorFromSet, selectorFromLabelSelector, toSelector } from './selector.js';
export type { Selector, SelectorLike, Labels } from './selector.js';
