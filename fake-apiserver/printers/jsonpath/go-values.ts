/**
 * How Go prints the JSON values jsonpath finds: `fmt.Fprint` of scalars (`%v`), Go's
 * `encoding/json` Marshal of maps and slices (sorted keys, HTML-safe escapes), and
 * `JSONPath.PrintResults` of one value. Integral numbers stand for int64, others for float64.
 */
import { goCompare } from '../../selectors/go-format.js';

/** `fmt.Sprint(f)` of a float64: shortest digits, `%e` form when exp < -4 or exp >= 6 (then "e+06"). */
export function goFormatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const e = f.toExponential(); // shortest round-trip digits, e.g. "1.2345675e+6"
  const exp = Number(e.slice(e.indexOf('e') + 1));
  if (exp < -4 || exp >= 6) return e.replace(/e([+-])(\d)$/, 'e$10$2');
  return f.toString(); // plain decimal in this range
}

/** `fmt.Sprint` of a JSON scalar (int64, float64, bool, string). */
export function goSprint(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? BigInt(v).toString() : goFormatFloat(v);
  return String(v);
}

/** Go's encoding/json string escaping: like JSON.stringify, plus \u003c \u003e \u0026 \u2028 \u2029. */
function goQuoteJSON(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `json.Marshal` of a decoded JSON value as Go encodes `map[string]interface{}` / `[]interface{}`. */
export function goMarshalJSON(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuoteJSON(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? BigInt(v).toString() : JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goMarshalJSON).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort(goCompare);
  return `{${keys.map((k) => `${goQuoteJSON(k)}:${goMarshalJSON(o[k])}`).join(',')}}`;
}

/**
 * `JSONPath.PrintResults(w, []reflect.Value{reflect.ValueOf(value)})`: maps and slices as JSON,
 * scalars with fmt.Fprint, and a nil value as `<no value>` (reflect.ValueOf(nil) is invalid).
 */
export function printResult(value: unknown): string {
  if (value === null || value === undefined) return '<no value>';
  if (typeof value === 'object') return goMarshalJSON(value);
  return goSprint(value);
}
