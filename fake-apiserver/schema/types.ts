/**
 * The schema model shared by server-side apply, strategic merge patch, field validation, pruning
 * and managedFields: a resolved view of an OpenAPI schema node with the Kubernetes extensions that
 * decide merge semantics. Nodes are resolved lazily (schemas are recursive, e.g.
 * JSONSchemaProps), so children are reached through methods, not stored fields.
 *
 * Sources: the upstream OpenAPI v3 documents for built-in types, and CRD structural schemas.
 */

export type SchemaKind = 'scalar' | 'struct' | 'map' | 'list' | 'untyped';

export interface SchemaNode {
  readonly kind: SchemaKind;
  /** For scalars: 'string' | 'integer' | 'number' | 'boolean'; int-or-string is 'int-or-string'. */
  readonly scalarType?: 'string' | 'integer' | 'number' | 'boolean' | 'int-or-string';
  /** struct: a declared field, or undefined when the field is not in the schema. */
  field(name: string): SchemaNode | undefined;
  /** struct: the declared field names. */
  fieldNames(): readonly string[];
  /** struct: required field names. */
  readonly required?: readonly string[];
  /** map: the schema of every value (additionalProperties). */
  mapValues(): SchemaNode | undefined;
  /** list: the schema of every item. */
  listItems(): SchemaNode | undefined;
  /** x-kubernetes-list-type; lists without it are atomic for apply. */
  readonly listType?: 'atomic' | 'set' | 'map';
  /** x-kubernetes-list-map-keys. */
  readonly listMapKeys?: readonly string[];
  /** x-kubernetes-map-type: 'granular' (default) or 'atomic'; applies to structs and maps. */
  readonly mapType?: 'granular' | 'atomic';
  /** x-kubernetes-patch-strategy, e.g. 'merge', 'retainKeys', 'merge,retainKeys', 'replace'. */
  readonly patchStrategy?: string;
  /** x-kubernetes-patch-merge-key. */
  readonly patchMergeKey?: string;
  /** x-kubernetes-preserve-unknown-fields: unknown fields are kept (not pruned, not errors). */
  readonly preserveUnknownFields?: boolean;
  /** x-kubernetes-embedded-resource: an object with apiVersion/kind/metadata. */
  readonly embeddedResource?: boolean;
  /** OpenAPI `default`, if any (for CRD defaulting). */
  readonly defaultValue?: unknown;
  readonly description?: string;
  /** OpenAPI `format` of a scalar (int32, int64, double, date-time, ...). */
  readonly format?: string;
  /**
   * The model (definition) name for structs of built-in types, e.g.
   * `io.k8s.api.apps.v1.DeploymentSpec`; decode errors name the Go type after it.
   */
  readonly modelName?: string;
}

/** Finds the schema of a top-level type. */
export interface SchemaSource {
  forKind(group: string, version: string, kind: string): SchemaNode | undefined;
}
