/**
 * Target specs on the command line:
 *   fake | reference | k3s[=IMAGE] | kubeconfig=PATH[,context=NAME][,name=NAME]
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
      return kubeconfigTarget(path, opts.context, opts.name ?? (opts.context ? `kubeconfig-${opts.context}` : 'kubeconfig'));
    }
    default:
      throw new Error(`unknown target "${spec}" (fake, reference, k3s[=IMAGE], kubeconfig=PATH[,context=NAME])`);
  }
}
