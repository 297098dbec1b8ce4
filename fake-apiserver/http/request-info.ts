/**
 * Splits a resource URL into its parts, following apiserver's RequestInfoFactory
 * (staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go):
 *
 *   /api/{version}[/watch][/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]
 *   /apis/{group}/{version}[/watch][/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]
 *
 * `/namespaces/{ns}` followed by `status` or `finalize` addresses the namespace object itself,
 * anything else after the namespace name is a resource inside it.
 */
export interface ResourceRequestPath {
  group: string;
  version: string;
  /** '' when the URL has no namespaces/{ns} segment. */
  namespace: string;
  /** The namespace segment was present (namespaced URL). */
  hasNamespaceSegment: boolean;
  resource: string;
  name: string;
  subresource: string;
  /** Came through the deprecated `/watch/` path prefix. */
  watchPath: boolean;
  /** Extra path parts after the subresource (e.g. proxy paths). */
  rest: string[];
}

export type ParsedPath =
  | { kind: 'resource'; path: ResourceRequestPath }
  | { kind: 'group-version'; group: string; version: string }
  | { kind: 'group'; group: string }
  | { kind: 'root'; prefix: 'api' | 'apis' }
  | { kind: 'other' };

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parsePath(urlPath: string): ParsedPath {
  const parts = urlPath.split('/').filter((p) => p !== '');
  if (parts.length === 0) return { kind: 'other' };
  let decoded: string[];
  try {
    decoded = parts.map((p) => decodeURIComponent(p));
  } catch {
    return { kind: 'other' };
  }
  const prefix = decoded[0];
  let group: string;
  let version: string;
  let rest: string[];
  if (prefix === 'api') {
    if (decoded.length === 1) return { kind: 'root', prefix: 'api' };
    group = '';
    version = decoded[1];
    rest = decoded.slice(2);
  } else if (prefix === 'apis') {
    if (decoded.length === 1) return { kind: 'root', prefix: 'apis' };
    group = decoded[1];
    if (decoded.length === 2) return { kind: 'group', group };
    version = decoded[2];
    rest = decoded.slice(3);
  } else {
    return { kind: 'other' };
  }
  if (rest.length === 0) return { kind: 'group-version', group, version };

  let watchPath = false;
  if (rest[0] === 'watch') {
    watchPath = true;
    rest = rest.slice(1);
    if (rest.length === 0) return { kind: 'other' };
  }
  let namespace = '';
  let hasNamespaceSegment = false;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1];
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2])) {
      hasNamespaceSegment = true;
      rest = rest.slice(2);
    } else {
      // `/namespaces/{name}[/status|/finalize]`: the namespace object itself.
      return {
        kind: 'resource',
        path: {
          group,
          version,
          namespace: '',
          hasNamespaceSegment: false,
          resource: 'namespaces',
          name: namespace,
          subresource: rest[2] ?? '',
          watchPath,
          rest: rest.slice(3),
        },
      };
    }
  }
  return {
    kind: 'resource',
    path: {
      group,
      version,
      namespace,
      hasNamespaceSegment,
      resource: rest[0],
      name: rest[1] ?? '',
      subresource: rest[2] ?? '',
      watchPath,
      rest: rest.slice(3),
    },
  };
}
