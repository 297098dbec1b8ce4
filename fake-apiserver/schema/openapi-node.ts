/**
 * SchemaNode over raw OpenAPI v3 schema objects (the `components.schemas` of the upstream
 * documents, or a CRD's structural schema).
 *
 * Resolution rules:
 * - `$ref`, or `allOf` holding exactly one `$ref` (how the upstream documents attach a description
 *   or default to a referenced type), is followed; the referring node's own keywords and
 *   `x-kubernetes-*` extensions override the target's (a property can make a referenced struct
 *   atomic, or give a list its patch strategy).
 * - `x-kubernetes-int-or-string`, or `format: int-or-string` (IntOrString), is an int-or-string
 *   scalar; a type-less `oneOf`/`anyOf` of scalar types (Quantity: string | number) is a scalar of
 *   no single type (`scalarType` undefined).
 * - `type: object` with `properties` is a struct (its `mapValues` is `additionalProperties`, if
 *   any); with only `additionalProperties` a map; with neither, untyped for built-ins
 *   (RawExtension, FieldsV1) and for `x-kubernetes-preserve-unknown-fields`, else an empty struct.
 * - No type and no properties/items (apiextensions JSON, `x-kubernetes-preserve-unknown-fields`
 *   without a type): untyped.
 * `modelName` is the component name a node was reached through (`io.k8s.api.apps.v1.DeploymentSpec`,
 * `io.k8s.apimachinery.pkg.apis.meta.v1.Time`); inline schemas have none.
 * Nodes are built on first access and cached per raw schema object, so recursive schemas
 * (JSONSchemaProps) cost one node per reached object. Raw schemas are never mutated.
 */
import type { SchemaKind, SchemaNode } from './types.js';

export type RawSchema = Record<string, any>;

/** Finds the raw schema a `$ref` names (`#/components/schemas/<name>`). */
export type RefResolver = (ref: string) => RawSchema | undefined;

export interface NodeOptions {
  /** `type: object` with no properties nor additionalProperties: 'untyped' (built-ins) or an empty 'struct' (CRDs). */
  emptyObject: 'untyped' | 'struct';
}

const SCALARS = new Set(['string', 'integer', 'number', 'boolean']);
/** Keywords the referring node does not pass on (they describe the reference, not the type). */
const REF_KEYWORDS = new Set(['$ref', 'allOf']);

function refOf(s: RawSchema): string | undefined {
  if (typeof s.$ref === 'string') return s.$ref;
  if (Array.isArray(s.allOf) && s.allOf.length === 1 && typeof s.allOf[0]?.$ref === 'string') return s.allOf[0].$ref;
  return undefined;
}

export class NodeFactory {
  private readonly nodes = new WeakMap<RawSchema, SchemaNode>();

  constructor(
    private readonly resolve: RefResolver,
    private readonly options: NodeOptions,
  ) {}

  /** The node of a raw schema; `modelName` names it when it is a component itself. */
  node(raw: RawSchema, modelName?: string): SchemaNode {
    let n = this.nodes.get(raw);
    if (!n) {
      const [flat, ref] = this.flatten(raw);
      n = new OpenAPINode(flat, this, ref ?? modelName);
      this.nodes.set(raw, n);
    }
    return n;
  }

  /**
   * Follows references, the referring keywords winning; stops on a reference cycle. Returns the
   * merged schema and the name of the last component reached, if any.
   */
  private flatten(raw: RawSchema): [RawSchema, string | undefined] {
    let out: RawSchema = raw;
    let name: string | undefined;
    const seen = new Set<string>();
    for (let ref = refOf(out); ref !== undefined && !seen.has(ref); ref = refOf(out)) {
      seen.add(ref);
      const target = this.resolve(ref);
      const own = Object.fromEntries(Object.entries(out).filter(([k]) => !REF_KEYWORDS.has(k)));
      out = { ...(target ?? {}), ...own };
      name = ref.slice(ref.lastIndexOf('/') + 1);
    }
    return [out, name];
  }

  get emptyObject(): NodeOptions['emptyObject'] {
    return this.options.emptyObject;
  }
}

function kindOf(s: RawSchema, emptyObject: NodeOptions['emptyObject']): { kind: SchemaKind; scalarType?: SchemaNode['scalarType'] } {
  if (s['x-kubernetes-int-or-string'] === true || s.format === 'int-or-string') return { kind: 'scalar', scalarType: 'int-or-string' };
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'array') return { kind: 'list' };
  if (type === 'object' || (type === undefined && (s.properties || s.additionalProperties))) {
    if (s.properties && Object.keys(s.properties).length > 0) return { kind: 'struct' };
    if (s.additionalProperties && typeof s.additionalProperties === 'object') return { kind: 'map' };
    if (s['x-kubernetes-preserve-unknown-fields'] === true || s.additionalProperties === true) return { kind: 'untyped' };
    return { kind: type === 'object' && emptyObject === 'struct' ? 'struct' : 'untyped' };
  }
  if (SCALARS.has(type)) return { kind: 'scalar', scalarType: type };
  const alternatives = (s.oneOf ?? s.anyOf) as RawSchema[] | undefined;
  if (type === undefined && Array.isArray(alternatives) && alternatives.length > 0 && alternatives.every((a) => SCALARS.has(a?.type))) {
    const types = new Set(alternatives.map((a) => a.type));
    if (types.size === 2 && types.has('integer') && types.has('string')) return { kind: 'scalar', scalarType: 'int-or-string' };
    return { kind: 'scalar' };
  }
  if (type === undefined && s.items) return { kind: 'list' };
  return { kind: 'untyped' };
}

class OpenAPINode implements SchemaNode {
  readonly kind: SchemaKind;
  readonly scalarType?: SchemaNode['scalarType'];
  readonly format?: string;
  readonly required?: readonly string[];
  readonly listType?: 'atomic' | 'set' | 'map';
  readonly listMapKeys?: readonly string[];
  readonly mapType?: 'granular' | 'atomic';
  readonly patchStrategy?: string;
  readonly patchMergeKey?: string;
  readonly preserveUnknownFields?: boolean;
  readonly embeddedResource?: boolean;
  readonly defaultValue?: unknown;
  readonly description?: string;
  readonly modelName?: string;

  constructor(
    private readonly raw: RawSchema,
    private readonly factory: NodeFactory,
    modelName: string | undefined,
  ) {
    const k = kindOf(raw, factory.emptyObject);
    this.kind = k.kind;
    if (k.scalarType) this.scalarType = k.scalarType;
    if (typeof raw.format === 'string') this.format = raw.format;
    if (Array.isArray(raw.required)) this.required = raw.required;
    const lt = raw['x-kubernetes-list-type'];
    if (lt === 'atomic' || lt === 'set' || lt === 'map') this.listType = lt;
    if (Array.isArray(raw['x-kubernetes-list-map-keys'])) this.listMapKeys = raw['x-kubernetes-list-map-keys'];
    const mt = raw['x-kubernetes-map-type'];
    if (mt === 'atomic' || mt === 'granular') this.mapType = mt;
    if (typeof raw['x-kubernetes-patch-strategy'] === 'string') this.patchStrategy = raw['x-kubernetes-patch-strategy'];
    if (typeof raw['x-kubernetes-patch-merge-key'] === 'string') this.patchMergeKey = raw['x-kubernetes-patch-merge-key'];
    if (raw['x-kubernetes-preserve-unknown-fields'] === true) this.preserveUnknownFields = true;
    if (raw['x-kubernetes-embedded-resource'] === true) this.embeddedResource = true;
    if ('default' in raw) this.defaultValue = raw.default;
    if (typeof raw.description === 'string') this.description = raw.description;
    if (modelName !== undefined) this.modelName = modelName;
  }

  field(name: string): SchemaNode | undefined {
    if (this.kind !== 'struct') return undefined;
    const p = this.raw.properties?.[name];
    return p && typeof p === 'object' && Object.prototype.hasOwnProperty.call(this.raw.properties, name) ? this.factory.node(p) : undefined;
  }

  fieldNames(): readonly string[] {
    return this.kind === 'struct' && this.raw.properties ? Object.keys(this.raw.properties) : [];
  }

  mapValues(): SchemaNode | undefined {
    if (this.kind !== 'map' && this.kind !== 'struct') return undefined;
    const ap = this.raw.additionalProperties;
    return ap && typeof ap === 'object' ? this.factory.node(ap) : undefined;
  }

  listItems(): SchemaNode | undefined {
    if (this.kind !== 'list') return undefined;
    const items = this.raw.items;
    return items && typeof items === 'object' && !Array.isArray(items) ? this.factory.node(items) : undefined;
  }
}
