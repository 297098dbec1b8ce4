/**
 * `JSONPath.FindResults` of client-go's jsonpath over plain JSON values. JSON `null` is a present
 * nil value (upstream: a valid reflect.Value holding nil); `undefined` never appears in results.
 * Numbers that are integers play Go's int64, the others float64 (what unstructured JSON decodes to).
 * `{range}`/`{end}` blocks are not supported (they throw, which callers treat as an error).
 */
import { printResult } from './go-values.js';
import { JSONPathError, type JPNode, type ListNode, type ParamsEntry } from './parser.js';

type Value = unknown;

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid';

function kindOf(v: Value): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'string';
  return 'invalid';
}

const isArray = Array.isArray;
const isMap = (v: Value): v is Record<string, Value> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Children for wildcards and recursive descent: map values, array elements, a string's bytes. */
function children(v: Value): Value[] {
  if (isMap(v)) return Object.values(v);
  if (isArray(v)) return [...v];
  if (typeof v === 'string') return [...Buffer.from(v, 'utf8')];
  return [];
}

/** template.Equal / Less on two basic values; throws for incomparable kinds. */
function compare(op: string, left: Value, right: Value): boolean {
  const k1 = kindOf(left);
  const k2 = kindOf(right);
  if (k1 === 'invalid' || k2 === 'invalid') throw new JSONPathError('invalid type for comparison');
  if (k1 !== k2) throw new JSONPathError('incompatible types for comparison');
  const equal = () => left === right;
  const less = () => {
    if (k1 === 'bool') throw new JSONPathError('invalid type for comparison');
    return (left as number | string) < (right as number | string);
  };
  switch (op) {
    case '==':
      return equal();
    case '!=':
      return !equal();
    case '<':
      return less();
    case '<=':
      return less() || equal();
    case '>':
      return !(less() || equal());
    case '>=':
      return !less();
  }
  throw new JSONPathError(`unrecognized filter operator ${op}`);
}

class Evaluator {
  constructor(private readonly allowMissingKeys: boolean) {}

  walk(input: Value[], node: JPNode): Value[] {
    switch (node.type) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.value);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'float':
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return input.flatMap((v) => (v === null ? [] : children(v)));
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return node.nodes.flatMap((list) => this.evalList(input, list));
      case 'identifier':
        if (node.name === 'range' || node.name === 'end') throw new JSONPathError(`${node.name} is not supported here`);
        throw new JSONPathError(`unrecognized identifier ${node.name}`);
    }
  }

  evalList(input: Value[], list: ListNode): Value[] {
    let cur = input;
    for (const node of list.nodes) cur = this.walk(cur, node);
    return cur;
  }

  private evalField(input: Value[], name: string): Value[] {
    if (input.length === 0) return [];
    const results: Value[] = [];
    for (const v of input) {
      if (isMap(v) && Object.hasOwn(v, name)) results.push(v[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JSONPathError(`${name} is not found`);
    return results;
  }

  private evalArray(input: Value[], nodeParams: readonly ParamsEntry[]): Value[] {
    const result: Value[] = [];
    for (const value of input) {
      if (value === null) continue;
      if (!isArray(value)) throw new JSONPathError(`${typeName(value)} is not array or slice`);
      const params = nodeParams.map((p) => ({ ...p }));
      const len = value.length;
      if (!params[0].known) params[0].value = 0;
      if (params[0].value < 0) params[0].value += len;
      if (!params[1].known) params[1].value = len;
      if (params[1].value < 0 || (params[1].value === 0 && params[1].derived)) params[1].value += len;
      if (params[1].value === params[0].value) return result; // zero elements requested
      if (params[0].value >= len || params[0].value < 0) {
        throw new JSONPathError(`array index out of bounds: index ${params[0].value}, length ${len}`);
      }
      if (params[1].value > len || params[1].value < 0) {
        throw new JSONPathError(`array index out of bounds: index ${params[1].value - 1}, length ${len}`);
      }
      if (params[0].value > params[1].value) {
        throw new JSONPathError(`starting index ${params[0].value} is greater than ending index ${params[1].value}`);
      }
      const slice = value.slice(params[0].value, params[1].value);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new JSONPathError('step must be > 0');
        step = params[2].value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private evalRecursive(input: Value[]): Value[] {
    const result: Value[] = [];
    for (const value of input) {
      if (value === null) continue;
      const kids = children(value);
      if (kids.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: Value[], node: Extract<JPNode, { type: 'filter' }>): Value[] {
    const results: Value[] = [];
    for (const value of input) {
      if (!isArray(value)) throw new JSONPathError(`${typeName(value)} is not array or slice and cannot be filtered`);
      for (const item of value) {
        let lefts: Value[];
        try {
          lefts = this.evalList([item], node.left);
        } catch (err) {
          if (node.operator === 'exists') continue;
          throw err;
        }
        if (node.operator === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JSONPathError('can only compare one element at a time');
        const rights = this.evalList([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JSONPathError('can only compare one element at a time');
        if (compare(node.operator, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }
}

function typeName(v: Value): string {
  if (v === null) return '<nil>';
  if (isMap(v)) return 'map[string]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return 'interface {}';
}

/**
 * `JSONPath.FindResults`: one result list per top-level node of the template (text nodes yield
 * their text). Throws JSONPathError where upstream returns an error.
 */
export function findResults(template: ListNode, data: Value, allowMissingKeys = false): Value[][] {
  const ev = new Evaluator(allowMissingKeys);
  return template.nodes.map((node) => ev.walk([data], node));
}

/**
 * `JSONPath.Execute` into a string: each result list printed with PrintResults (values separated
 * by spaces, maps and slices as JSON, a present null as "null"). For tests and debugging.
 */
export function executeJSONPath(template: ListNode, data: Value, allowMissingKeys = false): string {
  return findResults(template, data, allowMissingKeys)
    .map((values) => values.map((v) => (v === null ? 'null' : printResult(v))).join(' '))
    .join('');
}
