/** kubeharness/client util/retry (client-go util/retry). */
export { retryOnConflict, onError, DEFAULT_RETRY, DEFAULT_BACKOFF } from './retry.js';
