/**
 * Target specs on the command line:
 *   fake | reference | k3s[=IMAGE] | kubeconfig=PATH[,context=NAME][,name=NAME][,role=fake|real]
 */
import { fakeTarget } from './fake.js';
import { k3sTarget } from './k3s.js';
import { kubeconfigTarget } from './kubeconfig.js';
import { referenceTarget } from './reference.js';
import type { Target } from './types.js';

export function parseTargetSpec(spec: string): Target {
  const [head, ...rest] = spec.split(',');
  const eq = head.indexOf('=');
  const kind = eq < 0 ? head : head.slice(0, eq);
  const value = eq < 0 ? undefined : head.slice(eq + 1);
  const opts: Record<string, string> = {};
  for (const part of rest) {
    const i = part.indexOf('=');
    if (i < 0) throw new Error(`bad target option "${part}" in "${spec}" (expected key=value)`);
    opts[part.slice(0, i)] = part.slice(i + 1);
  }
  switch (kind) {
    case 'fake':
      return fakeTarget({}, opts.name ?? 'fake');
    case 'reference':
      return referenceTarget({ stateDir: value }, opts.name ?? 'reference');
    case 'k3s':
      return k3sTarget(value, opts.name ?? 'k3s');
    case 'kubeconfig': {
      const path = value ?? process.env.KUBECONFIG;
      if (!path) throw new Error('kubeconfig target needs a path: kubeconfig=PATH[,context=NAME]');
      const target = kubeconfigTarget(path, opts.context, opts.name ?? (opts.context ? `kubeconfig-${opts.context}` : 'kubeconfig'));
      // role=fake: a fake API server reached through a kubeconfig (e.g. the compose service); it is
      // judged like the in-process fake, against the real targets.
      if (opts.role === 'fake') return { ...target, kind: 'fake' };
      if (opts.role !== undefined && opts.role !== 'real')
        throw new Error(`kubeconfig target role must be fake or real, got "${opts.role}"`);
      return target;
    }
    default:
      throw new Error(`unknown target "${spec}" (fake, reference, k3s[=IMAGE], kubeconfig=PATH[,context=NAME])`);
  }
}
