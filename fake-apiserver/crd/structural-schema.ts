/**
 * Custom resource schemas (apiextensions-apiserver): defaulting, pruning and validation of custom
 * objects against a version's `openAPIV3Schema`, with the Kubernetes extensions:
 * - `x-kubernetes-preserve-unknown-fields`: unknown fields are kept below this node;
 * - `x-kubernetes-int-or-string`: integer or string;
 * - `x-kubernetes-embedded-resource`: apiVersion, kind and metadata are kept and required;
 * - `nullable`: null is allowed (otherwise a null field is pruned like the real server does).
 *
 * Validation is ajv (OpenAPI v3 is a JSON Schema dialect); ajv's errors are rendered as the real
 * server's field errors (`spec.replicas: Invalid value: "string": spec.replicas in body must be of
 * type integer: "string"`). CEL rules (`x-kubernetes-validations`) are not evaluated.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { invalid, notSupported, required, type FieldError } from '../errors/field-errors.js';

export type JSONSchemaProps = Record<string, any>;

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, allowUnionTypes: true });

/** OpenAPI v3 structural schema → a plain JSON schema ajv understands. */
export function toJsonSchema(s: JSONSchemaProps | undefined): Record<string, unknown> {
  if (!s || typeof s !== 'object') return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith('x-kubernetes-') || k === 'nullable' || k === 'default' || k === 'example' || k === 'externalDocs') continue;
    if (k === 'properties' || k === 'patternProperties') {
      out[k] = Object.fromEntries(Object.entries(v as Record<string, JSONSchemaProps>).map(([p, ps]) => [p, toJsonSchema(ps)]));
    } else if (k === 'items') {
      out[k] = Array.isArray(v) ? v.map(toJsonSchema) : toJsonSchema(v);
    } else if (k === 'additionalProperties') {
      out[k] = typeof v === 'boolean' ? v : toJsonSchema(v);
    } else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') {
      out[k] = (v as JSONSchemaProps[]).map(toJsonSchema);
    } else if (k === 'not') {
      out[k] = toJsonSchema(v);
    } else {
      out[k] = v;
    }
  }
  if (s['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [...((out.anyOf as unknown[]) ?? []), { type: 'integer' }, { type: 'string' }];
  }
  if (s.nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (s['x-kubernetes-embedded-resource']) {
    out.required = [...new Set([...((out.required as string[]) ?? []), 'apiVersion', 'kind'])];
  }
  return out;
}

export class CustomResourceSchema {
  private validateFn: ValidateFunction | undefined;

  constructor(readonly openAPIV3Schema: JSONSchemaProps | undefined) {}

  /** Applies `default` values for absent fields, top-down (structural defaulting). */
  applyDefaults(obj: Record<string, unknown>): void {
    if (this.openAPIV3Schema) defaultValue(obj, this.openAPIV3Schema);
  }

  /** Removes fields not in the schema (apiVersion/kind/metadata are always kept at the root). */
  prune(obj: Record<string, unknown>): string[] {
    const pruned: string[] = [];
    if (!this.openAPIV3Schema) return pruned;
    pruneObject(obj, this.openAPIV3Schema, '', true, pruned);
    return pruned;
  }

  validate(obj: Record<string, unknown>): FieldError[] {
    if (!this.openAPIV3Schema) return [];
    if (!this.validateFn) {
      const schema = toJsonSchema(this.openAPIV3Schema);
      // metadata is validated as ObjectMeta elsewhere; the CRD schema may only restrict name.
      if (schema.properties && typeof schema.properties === 'object') {
        const props = { ...(schema.properties as Record<string, unknown>) };
        delete props.metadata;
        delete props.apiVersion;
        delete props.kind;
        schema.properties = props;
      }
      this.validateFn = ajv.compile(schema);
    }
    const validate = this.validateFn;
    if (validate(obj)) return [];
    return (validate.errors ?? []).map((e) => fieldErrorOf(e, obj)).filter((e): e is FieldError => e !== undefined);
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function defaultValue(value: unknown, s: JSONSchemaProps): void {
  if (isMap(value)) {
    const props = (s.properties ?? {}) as Record<string, JSONSchemaProps>;
    for (const [k, ps] of Object.entries(props)) {
      if (value[k] === undefined && ps.default !== undefined) value[k] = structuredClone(ps.default);
      if (value[k] !== undefined) defaultValue(value[k], ps);
    }
    if (isMap(s.additionalProperties))
      for (const k of Object.keys(value)) if (!(k in props)) defaultValue(value[k], s.additionalProperties);
  } else if (Array.isArray(value) && isMap(s.items)) {
    for (const item of value) defaultValue(item, s.items);
  }
}

const ROOT_KEEP = new Set(['apiVersion', 'kind', 'metadata']);

function pruneObject(value: unknown, s: JSONSchemaProps, path: string, root: boolean, pruned: string[]): void {
  if (Array.isArray(value)) {
    if (isMap(s.items)) value.forEach((item, i) => pruneObject(item, s.items, `${path}[${i}]`, false, pruned));
    return;
  }
  if (!isMap(value)) return;
  const props = (s.properties ?? {}) as Record<string, JSONSchemaProps>;
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  for (const k of Object.keys(value)) {
    const child = props[k];
    if (child) {
      pruneObject(value[k], child, path ? `${path}.${k}` : k, false, pruned);
    } else if (isMap(s.additionalProperties)) {
      pruneObject(value[k], s.additionalProperties, path ? `${path}.${k}` : k, false, pruned);
    } else if ((root || embedded) && ROOT_KEEP.has(k)) {
      continue;
    } else if (!preserve && s.additionalProperties !== true) {
      pruned.push(path ? `${path}.${k}` : k);
      delete value[k];
    }
  }
}

function goTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v; // string, boolean, object
}

function dotted(instancePath: string): string {
  return instancePath
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function valueAt(obj: unknown, instancePath: string): unknown {
  let v: any = obj;
  for (const p of instancePath.split('/').filter(Boolean)) v = v?.[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  return v;
}

/** An ajv error as the real server's field error (kube-openapi validate error texts). */
function fieldErrorOf(e: ErrorObject, obj: unknown): FieldError | undefined {
  const path = dotted(e.instancePath);
  const value = valueAt(obj, e.instancePath);
  const p = e.params as Record<string, any>;
  switch (e.keyword) {
    case 'required': {
      const field = path ? `${path}.${p.missingProperty}` : p.missingProperty;
      return required(field, '');
    }
    case 'type': {
      const t = goTypeName(value);
      return invalid(path, t, `${path} in body must be of type ${String(p.type).split(',')[0]}: "${t}"`);
    }
    case 'enum':
      return notSupported(
        path,
        value,
        (p.allowedValues as unknown[]).map((x) => String(x)),
      );
    case 'minimum':
      return invalid(path, value, `${path} in body should be greater than or equal to ${p.limit}`);
    case 'maximum':
      return invalid(path, value, `${path} in body should be less than or equal to ${p.limit}`);
    case 'exclusiveMinimum':
      return invalid(path, value, `${path} in body should be greater than ${p.limit}`);
    case 'exclusiveMaximum':
      return invalid(path, value, `${path} in body should be less than ${p.limit}`);
    case 'pattern':
      return invalid(path, value, `${path} in body should match '${p.pattern}'`);
    case 'minLength':
      return invalid(path, value, `${path} in body should be at least ${p.limit} chars long`);
    case 'maxLength':
      return { type: 'FieldValueTooLong', field: path, detail: `may not be more than ${p.limit} bytes` };
    case 'minItems':
      return invalid(path, value, `${path} in body should have at least ${p.limit} items`);
    case 'maxItems':
      return {
        type: 'FieldValueTooMany',
        field: path,
        value: Array.isArray(value) ? value.length : 0,
        hasValue: true,
        detail: `must have at most ${p.limit} items`,
      };
    case 'minProperties':
      return invalid(path, value, `${path} in body should have at least ${p.limit} properties`);
    case 'maxProperties':
      return invalid(path, value, `${path} in body should have at most ${p.limit} properties`);
    case 'anyOf':
    case 'oneOf':
      return invalid(path, value, `${path} in body must be of type ${e.keyword === 'anyOf' ? 'integer or string' : 'one of the schemas'}`);
    default:
      return invalid(path, value, `${path} in body ${e.message ?? 'is invalid'}`);
  }
}
