/**
 * JSON syntax errors in the words of Go's encoding/json, which the real server's messages embed
 * (`unexpected end of JSON input`, `invalid character 'x' looking for beginning of value`).
 * V8's messages carry the offending character; Go's context phrase is approximated.
 */
export function goJsonSyntaxError(e: unknown, text: string): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/Unexpected end of JSON input|Unterminated string/i.test(msg)) return 'unexpected end of JSON input';
  const at = /position (\d+)/.exec(msg)?.[1];
  if (at !== undefined && Number(at) >= text.trimEnd().length) return 'unexpected end of JSON input';
  const tok = /Unexpected token '?(.)'?/.exec(msg)?.[1] ?? /Unexpected (?:non-whitespace )?character/.exec(msg)?.[0];
  if (tok && tok.length === 1) return `invalid character '${tok}' looking for beginning of value`;
  const pos = /position (\d+)/.exec(msg)?.[1];
  if (pos !== undefined) {
    const context = /property name/.test(msg)
      ? 'looking for beginning of object key string'
      : /after property value/.test(msg)
        ? 'after object key:value pair'
        : 'looking for beginning of value';
    return `invalid character '${text[Number(pos)] ?? ''}' ${context}`;
  }
  return msg;
}

/** The Go type name encoding/json uses in "cannot unmarshal X into ..." errors. */
export function goJsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v; // number, string
}
