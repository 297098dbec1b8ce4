/**
 * The stable name of a request stream, the unit that fault decisions are counted per:
 * verb, resource (with its group and subresource), namespace/name, and list/watch selectors.
 *
 *   get configmaps default/settings        create secrets default/settings (name from the body)
 *   list configmaps * labelSelector=a=b    watch leases.coordination.k8s.io kube-system/*
 *
 * Interleaving between keys varies from run to run; the order of requests within one key
 * (a reflector's list/watch cycle, one object's reconciles) is what a controller repeats.
 */
import type { RequestFaultContext } from '../fake-apiserver/index.js';

export function requestKey(ctx: RequestFaultContext): string {
  const resource = `${ctx.resource}${ctx.group ? `.${ctx.group}` : ''}${ctx.subresource ? `/${ctx.subresource}` : ''}`;
  const name = ctx.objectName || '*';
  const target = ctx.namespace ? `${ctx.namespace}/${name}` : name;
  let key = `${ctx.verb} ${resource} ${target}`;
  if (ctx.verb === 'list' || ctx.verb === 'watch' || ctx.verb === 'deletecollection') {
    const query = queryOf(ctx.path);
    for (const p of ['labelSelector', 'fieldSelector']) {
      const v = query.get(p);
      if (v) key += ` ${p}=${v}`;
    }
  }
  return key;
}

export function queryOf(path: string): URLSearchParams {
  const q = path.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : path.slice(q + 1));
}
