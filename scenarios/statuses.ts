/**
 * The errors an injected fault answers, as the real kube-apiserver words them
 * (apimachinery/pkg/api/errors and the apiserver filters that produce them).
 */
import { StatusError } from '../fake-apiserver/index.js';
import type { ErrorCode } from './types.js';

export function injectedStatus(code: ErrorCode, retryAfterSeconds: number): StatusError {
  switch (code) {
    case 429: // API priority and fairness rejecting a request (filters/priority-and-fairness.go)
      return new StatusError(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds });
    case 500: // errors.NewInternalError
      return new StatusError(500, 'InternalError', 'Internal error occurred: injected fault', {
        causes: [{ message: 'injected fault' }],
      });
    case 503: // errors.NewServiceUnavailable
      return new StatusError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request');
    case 504: // the timeout filter (filters/timeout.go): errors.NewTimeoutError
      return new StatusError(504, 'Timeout', 'Timeout: request did not complete within requested timeout - context deadline exceeded');
  }
}
