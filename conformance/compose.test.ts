/**
 * docker-compose.yml cannot run here (no Docker engine), so this checks what can be checked
 * without one: it parses, every field used is one Compose defines (a schema of the subset the
 * file uses), services reference existing files and volumes, and the commands use real CLI
 * options of this repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseTargetSpec } from './targets/parse.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const compose = yaml.load(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as Record<string, any>;

/** The Compose specification's shape for the keys this file uses (compose-spec.json subset). */
const stringOrList = { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
const serviceSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    build: {
      oneOf: [
        { type: 'string' },
        { type: 'object', properties: { context: { type: 'string' }, dockerfile: { type: 'string' } }, additionalProperties: false },
      ],
    },
    image: { type: 'string' },
    command: stringOrList,
    entrypoint: stringOrList,
    ports: { type: 'array', items: { type: 'string', pattern: '^\\d+:\\d+$' } },
    volumes: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9-]+:/[^:]+$' } },
    tmpfs: stringOrList,
    privileged: { type: 'boolean' },
    depends_on: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: { condition: { enum: ['service_started', 'service_healthy', 'service_completed_successfully'] } },
        required: ['condition'],
        additionalProperties: false,
      },
    },
    healthcheck: {
      type: 'object',
      additionalProperties: false,
      properties: {
        test: { type: 'array', items: { type: 'string' }, minItems: 2 },
        interval: { type: 'string', pattern: '^\\d+(ms|s|m)$' },
        timeout: { type: 'string', pattern: '^\\d+(ms|s|m)$' },
        retries: { type: 'integer', minimum: 1 },
      },
      required: ['test'],
    },
  },
  oneOf: [{ required: ['build'] }, { required: ['image'] }],
};
const composeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['services'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' },
    services: { type: 'object', additionalProperties: serviceSchema },
    volumes: { type: 'object', additionalProperties: { type: 'null' } },
  },
};

describe('docker-compose.yml', () => {
  it('parses and uses only Compose fields, in their Compose shapes', () => {
    const validate = new Ajv({ allErrors: true }).compile(composeSchema);
    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('has the fake-apiserver, k3s and conformance services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['conformance', 'fake-apiserver', 'k3s']);
    expect(compose.services.k3s.image).toMatch(/^rancher\/k3s:v1\.\d+\.\d+-k3s\d+$/);
    expect(compose.services.conformance.depends_on).toEqual({
      'fake-apiserver': { condition: 'service_healthy' },
      k3s: { condition: 'service_healthy' },
    });
  });

  it('mounts only declared volumes and builds from an existing Dockerfile', () => {
    for (const svc of Object.values(compose.services) as Array<Record<string, any>>) {
      for (const v of svc.volumes ?? []) expect(Object.keys(compose.volumes)).toContain(v.split(':')[0]);
      if (svc.build) expect(existsSync(join(ROOT, svc.build, 'Dockerfile'))).toBe(true);
    }
  });

  it('runs the real CLI of this repository with options it accepts', () => {
    const serve = compose.services['fake-apiserver'].command as string[];
    expect(serve.slice(0, 3)).toEqual(['node', 'bin/kubeharness.js', 'serve']);
    expect(existsSync(join(ROOT, 'bin/kubeharness.js'))).toBe(true);
    const flags = serve.filter((a) => a.startsWith('--'));
    expect(flags.every((f) => ['--host', '--port', '--kubeconfig', '--seed'].includes(f))).toBe(true);
    const script = (compose.services.conformance.command as string[]).join(' ');
    expect(script).toContain('conformance/cli.ts');
    const targets = [...script.matchAll(/--target (\S+)/g)].map((m) => m[1]);
    expect(targets).toHaveLength(2);
    const parsed = targets.map((t) => parseTargetSpec(t));
    expect(parsed.map((t) => [t.name, t.kind])).toEqual([
      ['fake', 'fake'],
      ['k3s', 'real'],
    ]);
  });
});
