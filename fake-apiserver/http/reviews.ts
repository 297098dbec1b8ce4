/**
 * The create-only "review" resources of authentication.k8s.io and authorization.k8s.io: nothing
 * is stored; the answer is the request with a status. The fake authenticates every request as
 * one cluster administrator and authorizes everything, so access reviews answer allowed and
 * token reviews authenticate that user.
 */
import type { KubeObject } from '../store/types.js';

export const FAKE_USER = { username: 'kubeharness-admin', groups: ['system:masters', 'system:authenticated'] };

const REVIEWS: Record<string, (obj: KubeObject) => Record<string, unknown>> = {
  'authorization.k8s.io/selfsubjectaccessreviews': () => ({ allowed: true, reason: 'kubeharness fake: every request is allowed' }),
  'authorization.k8s.io/subjectaccessreviews': () => ({ allowed: true, reason: 'kubeharness fake: every request is allowed' }),
  'authorization.k8s.io/localsubjectaccessreviews': () => ({ allowed: true, reason: 'kubeharness fake: every request is allowed' }),
  'authorization.k8s.io/selfsubjectrulesreviews': () => ({
    resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
    nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
    incomplete: false,
  }),
  'authentication.k8s.io/tokenreviews': (obj) => ({
    authenticated: true,
    user: FAKE_USER,
    audiences: ((obj.spec ?? {}) as { audiences?: string[] }).audiences,
  }),
  'authentication.k8s.io/selfsubjectreviews': () => ({ userInfo: FAKE_USER }),
};

export function isReviewResource(group: string, resource: string): boolean {
  return `${group}/${resource}` in REVIEWS;
}

/** The review with its status filled in (201, never stored). */
export function answerReview(group: string, resource: string, kind: string, apiVersion: string, body: KubeObject): KubeObject {
  const status = REVIEWS[`${group}/${resource}`](body);
  for (const k of Object.keys(status)) if (status[k] === undefined) delete status[k];
  return { kind, apiVersion, metadata: { ...(body.metadata ?? {}) }, spec: body.spec ?? {}, status } as KubeObject;
}
