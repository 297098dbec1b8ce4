/**
 * Decoding an `application/apply-patch+yaml` body (YAML, or JSON, which is YAML) into the
 * object to apply, as patch.go's applyPatcher does with sigs.k8s.io/yaml.
 *
 * YAML 1.1 booleans (`yes`/`no`/`on`/`off`/`y`/`n`, any case variant go-yaml v2 accepts) decode
 * as booleans, like go-yaml v2; `~` and `null` are null; everything else follows the YAML core
 * schema. Errors are 400 `error decoding YAML: ...`; the text after the prefix is js-yaml's, not
 * Go's. A document that is not a mapping is rejected as Go's unmarshal into a map would.
 */
import yaml from 'js-yaml';
import { badRequest } from '../errors/status.js';
import { isMap } from './value.js';

const TRUE = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
const FALSE = ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];

const yaml11Bool = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && (TRUE.includes(data) || FALSE.includes(data)),
  construct: (data: string) => TRUE.includes(data),
  predicate: (v: unknown) => typeof v === 'boolean',
  represent: { lowercase: (v: unknown) => (v ? 'true' : 'false') },
  defaultStyle: 'lowercase',
});

const SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [yaml11Bool] });

export function decodeApplyPatch(body: Buffer | string): Record<string, unknown> {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  let value: unknown;
  try {
    value = yaml.load(text, { schema: SCHEMA });
  } catch (e) {
    // Tabs are legal in JSON but not in YAML indentation; fall back for JSON bodies.
    try {
      value = JSON.parse(text);
    } catch {
      throw badRequest(`error decoding YAML: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  if (value === undefined || value === null) return {};
  if (!isMap(value)) {
    const what = Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : typeof value;
    throw badRequest(
      `error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${what} into Go value of type map[string]interface {}`,
    );
  }
  return value;
}
