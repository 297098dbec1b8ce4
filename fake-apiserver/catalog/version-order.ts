/**
 * Kubernetes' ordering of API version names, ported from k8s.io/apimachinery/pkg/version
 * (CompareKubeAwareVersionStrings): GA before beta before alpha, then higher major, then higher
 * minor; names that are not of the form vN, vNbetaM or vNalphaM come after all that are, in
 * ascending string order. The aggregated discovery handler uses it to order versions of equal
 * priority, which is every version of a CRD group.
 */

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;
const TYPE_RANK = { alpha: 0, beta: 1, ga: 2 } as const;

function parse(v: string): { major: number; type: number; minor: number } | undefined {
  const m = KUBE_VERSION.exec(v);
  if (!m) return undefined;
  const type = m[2] === 'alpha' ? TYPE_RANK.alpha : m[2] === 'beta' ? TYPE_RANK.beta : TYPE_RANK.ga;
  return { major: Number(m[1]), type, minor: m[3] === undefined ? 0 : Number(m[3]) };
}

/** > 0 when a has the higher priority (sorts first), < 0 when b has, 0 when equal. */
export function compareKubeAwareVersions(a: string, b: string): number {
  if (a === b) return 0;
  const pa = parse(a);
  const pb = parse(b);
  if (!pa && !pb) return a < b ? 1 : -1;
  if (!pa) return -1;
  if (!pb) return 1;
  if (pa.type !== pb.type) return pa.type - pb.type;
  if (pa.major !== pb.major) return pa.major - pb.major;
  return pa.minor - pb.minor;
}

/** Highest priority first: `versions.sort(byVersionPriority)`. */
export function byVersionPriority(a: string, b: string): number {
  return compareKubeAwareVersions(b, a);
}
