/**
 * SchemaSource over the built-in OpenAPI v3 documents (fake-apiserver/openapi/data).
 *
 * A kind is found through `x-kubernetes-group-version-kind` on the component schemas: first in
 * the document of its own group version (`api/v1`, `apis/<group>/<version>`), then in every other
 * served document (autoscaling/v1 Scale, for one, is only in the documents that use it).
 * `$ref`s resolve within the document the kind was found in. Documents are parsed on first use
 * and nodes are cached (see openapi-node.ts), so lookups after the first are map reads.
 */
import { builtinV3Keys, builtinV3Object } from '../openapi/builtin.js';
import { NodeFactory, type RawSchema } from './openapi-node.js';
import type { SchemaNode, SchemaSource } from './types.js';

const PREFIX = '#/components/schemas/';

interface IndexedDocument {
  factory: NodeFactory;
  /** `group/version/kind` → component name. */
  kinds: Map<string, string>;
  schemas: Record<string, RawSchema>;
}

function gvkKey(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

export class OpenAPISchemaSource implements SchemaSource {
  private readonly docs = new Map<string, IndexedDocument | null>();
  private readonly found = new Map<string, SchemaNode | null>();

  forKind(group: string, version: string, kind: string): SchemaNode | undefined {
    const key = gvkKey(group, version, kind);
    const hit = this.found.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const own = group === '' ? `api/${version}` : `apis/${group}/${version}`;
    let node: SchemaNode | undefined;
    for (const docKey of [own, ...builtinV3Keys().filter((k) => k !== own)]) {
      const doc = this.document(docKey);
      const name = doc?.kinds.get(key);
      if (doc && name) {
        node = doc.factory.node(doc.schemas[name]!, name);
        break;
      }
    }
    this.found.set(key, node ?? null);
    return node;
  }

  /** A component schema of a document by name (`io.k8s.api.core.v1.PodSpec`), for tests and tools. */
  component(docKey: string, name: string): SchemaNode | undefined {
    const doc = this.document(docKey);
    const raw = doc?.schemas[name];
    return doc && raw ? doc.factory.node(raw, name) : undefined;
  }

  private document(key: string): IndexedDocument | undefined {
    const cached = this.docs.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const raw = builtinV3Object(key);
    const schemas: Record<string, RawSchema> | undefined = raw?.components?.schemas;
    if (!schemas) {
      this.docs.set(key, null);
      return undefined;
    }
    const kinds = new Map<string, string>();
    for (const [name, s] of Object.entries(schemas)) {
      for (const gvk of (s['x-kubernetes-group-version-kind'] ?? []) as Array<{ group: string; version: string; kind: string }>) {
        const k = gvkKey(gvk.group, gvk.version, gvk.kind);
        if (!kinds.has(k)) kinds.set(k, name);
      }
    }
    const factory = new NodeFactory((ref) => (ref.startsWith(PREFIX) ? schemas[ref.slice(PREFIX.length)] : undefined), {
      emptyObject: 'untyped',
    });
    const doc = { factory, kinds, schemas };
    this.docs.set(key, doc);
    return doc;
  }
}

let shared: OpenAPISchemaSource | undefined;

/** The process-wide source of built-in schemas. */
export function builtinSchemas(): OpenAPISchemaSource {
  return (shared ??= new OpenAPISchemaSource());
}
