/**
 * Builds fake-apiserver/protobuf/data/schema.json.gz: the protobuf schema of every built-in kind,
 * dumped by reflection over the real Go API types (fake-apiserver/protobuf/gen/schema, a Go module
 * pinned to k8s.io/{api,apimachinery,client-go,apiextensions-apiserver,kube-aggregator} v0.35.4,
 * built from the Go module cache or the Go module proxy).
 *
 *   npx tsx scripts/build-protobuf.ts              # the schema
 *   npx tsx scripts/build-protobuf.ts --fixtures   # also the Go-made test fixtures (testdata/go/)
 *
 * Why reflection rather than the generated.proto files: the JSON side of each field (its JSON
 * name, omitempty/omitzero, embedded-struct inlining, pointer or value) lives only in the Go struct
 * tags, and the JSON a protobuf body stands for is what encoding/json makes of that struct.
 *
 * Checks before writing: every referenced message exists, every custom JSON mapping is one the
 * TypeScript side implements, and no two fields of a message share a JSON key once embedded
 * structs are inlined. Output is deterministic: compact JSON (Go sorts map keys), gzip level 9,
 * zero mtime.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { isScalar, parseSchema, type Schema } from '../fake-apiserver/protobuf/schema.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PKG = join(ROOT, 'fake-apiserver/protobuf');
const GEN = join(PKG, 'gen');
const OUT = join(PKG, 'data/schema.json.gz');
const FIXTURES = join(PKG, 'testdata/go');

const SPECIALS = new Set([
  'Time',
  'MicroTime',
  'Quantity',
  'IntOrString',
  'RawJSON',
  'SchemaOrBool',
  'SchemaOrArray',
  'SchemaOrStringArray',
  'Items',
]);

function go(args: string[]): string {
  return execFileSync(process.env.GO ?? 'go', args, {
    cwd: GEN,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** The JSON keys a message contributes to its object, inlined embedded structs included. */
function jsonKeys(schema: Schema, name: string): string[] {
  const m = schema.messages.get(name)!;
  return m.fields.flatMap((f) => (f.json === '' ? jsonKeys(schema, f.type) : f.json === '-' ? [] : [f.json]));
}

function check(schema: Schema): void {
  const problems: string[] = [];
  for (const [name, m] of schema.messages) {
    if (m.json && !SPECIALS.has(m.json)) problems.push(`${name}: custom JSON ${m.json} is not implemented`);
    for (const f of m.fields) {
      for (const t of [f.type, f.valueType]) {
        if (t !== undefined && !isScalar(t) && !schema.messages.has(t)) problems.push(`${name}.${f.goName}: no message ${t}`);
      }
    }
    if (!m.json) {
      const keys = jsonKeys(schema, name);
      const dup = keys.filter((k, i) => keys.indexOf(k) !== i);
      if (dup.length > 0) problems.push(`${name}: JSON keys ${dup.join(', ')} appear twice after inlining`);
    }
  }
  for (const kinds of [...Object.values(schema.kinds), schema.anyVersion]) {
    for (const [kind, name] of Object.entries(kinds)) if (!schema.messages.has(name)) problems.push(`kind ${kind}: no message ${name}`);
  }
  if (problems.length > 0) throw new Error(`protobuf schema:\n  ${problems.join('\n  ')}`);
}

function main(): void {
  const { values } = parseArgs({ options: { fixtures: { type: 'boolean', default: false } } });
  const text = go(['run', './schema']);
  const schema = parseSchema(JSON.parse(text));
  check(schema);
  const compact = JSON.stringify(JSON.parse(text));
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, gzipSync(compact, { level: 9 }));
  const kinds = Object.values(schema.kinds).reduce((n, k) => n + Object.keys(k).length, 0);
  console.log(`wrote ${OUT}: ${schema.messages.size} messages, ${kinds} kinds, ${compact.length} bytes JSON`);
  if (values.fixtures) {
    rmSync(FIXTURES, { recursive: true, force: true });
    go(['run', './fixtures', FIXTURES]);
    console.log(`wrote ${FIXTURES}`);
  }
}

main();
