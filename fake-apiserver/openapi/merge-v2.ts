/**
 * Merging CRD definitions into the built-in Swagger 2.0 document, as apiextensions-apiserver's
 * builder.MergeSpecs and kube-aggregator do:
 * - the built-in document wins: a CRD path or definition whose name is taken is dropped;
 * - an inline CRD parameter equal to one of the document's global parameters becomes a
 *   `$ref: #/parameters/<name>` (the aggregator dedupes parameters this way);
 * - paths and definitions are sorted by name, as Go marshals maps.
 * The inputs are not mutated; the result shares unchanged subtrees with them.
 */
type Json = any;

export interface CRDV2Part {
  paths: Record<string, Json>;
  definitions: Record<string, Json>;
}

/** JSON with object keys sorted, for structural equality. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export function withCustomDefinitions(base: Json, parts: readonly CRDV2Part[]): Json {
  const globals = new Map<string, string>();
  for (const [name, p] of Object.entries(base.parameters ?? {})) globals.set(canonical(p), name);
  const toRef = (p: Json) => {
    const name = p.$ref === undefined ? globals.get(canonical(p)) : undefined;
    return name === undefined ? p : { $ref: `#/parameters/${name}` };
  };
  const paths: Record<string, Json> = { ...base.paths };
  const definitions: Record<string, Json> = { ...base.definitions };
  for (const part of parts) {
    for (const [path, item] of Object.entries(part.paths)) {
      if (path in base.paths) continue;
      const out: Json = {};
      for (const [method, op] of Object.entries(item as Json)) {
        out[method] =
          method === 'parameters' ? (op as Json[]).map(toRef) : { ...(op as Json), parameters: ((op as Json).parameters ?? []).map(toRef) };
        if (method !== 'parameters' && out[method].parameters.length === 0) delete out[method].parameters;
      }
      paths[path] = out;
    }
    for (const [name, def] of Object.entries(part.definitions)) if (!(name in base.definitions)) definitions[name] = def;
  }
  const sorted = (o: Record<string, Json>) =>
    Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k]]),
    );
  return { ...base, paths: sorted(paths), definitions: sorted(definitions) };
}
