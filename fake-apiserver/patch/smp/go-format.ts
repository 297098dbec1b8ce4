/**
 * Go's fmt rendering of decoded JSON values (`%v` and reflect.TypeOf), so that strategic merge
 * patch error messages read exactly as apimachinery's: maps as `map[k:v ...]` with sorted keys,
 * slices as `[a b]`, nil as `<nil>`. Integers print as int64 (the apiserver decodes patches with
 * PreserveInts), other numbers as Go's %v of a float64 (%g, two-digit exponents).
 */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o)
      .sort()
      .map((k) => `${k}:${goValue(o[k])}`)
      .join(' ')}]`;
  }
  if (typeof v === 'number') return goNumber(v);
  return String(v);
}

function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const s = String(n);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** reflect.TypeOf(v).String() for decoded JSON; `%!s(<nil>)` is what `%s` prints for a nil Type. */
export function goType(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object') return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  return 'string';
}

/** `%s` of a value: strings as is, others as fmt's bad-verb form (`%!s(int64=1)`). */
export function goString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '%!s(<nil>)';
  return `%!s(${goType(v)}=${goValue(v)})`;
}
