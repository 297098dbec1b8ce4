/**
 * SchemaNode for a CustomResourceDefinition version's structural schema (`openAPIV3Schema`), with
 * the same node interface as the built-in types.
 *
 * The schema is first put in the form apiextensions-apiserver publishes and builds its
 * server-side-apply type from (builder.BuildOpenAPIV3): int-or-string unfolded, and at the root
 * (unless `root: false`) and on every `x-kubernetes-embedded-resource` object, `apiVersion` and
 * `kind` strings and `metadata` typed as the built-in ObjectMeta. `type: object` without
 * properties is an empty struct unless `x-kubernetes-preserve-unknown-fields` makes it untyped.
 * The input is not mutated; nodes are built lazily.
 */
import { builtinV3Object } from '../openapi/builtin.js';
import { kubeNativeSchema } from '../openapi/crd-openapi.js';
import { NodeFactory, type RawSchema } from './openapi-node.js';
import type { SchemaNode } from './types.js';

const PREFIX = '#/components/schemas/';

export interface StructuralOptions {
  /** Add apiVersion, kind and metadata at the root (a whole custom object); default true. */
  root?: boolean;
}

export function schemaFromStructural(openAPIV3Schema: RawSchema, options: StructuralOptions = {}): SchemaNode {
  const published = kubeNativeSchema(openAPIV3Schema, false, options.root ?? true);
  const factory = new NodeFactory(
    (ref) => {
      if (!ref.startsWith(PREFIX)) return undefined;
      // Metadata types are in every built-in document; apiextensions.k8s.io/v1 is the CRD API's own.
      return builtinV3Object('apis/apiextensions.k8s.io/v1')?.components?.schemas?.[ref.slice(PREFIX.length)];
    },
    { emptyObject: 'struct' },
  );
  return factory.node(published);
}
