/**
 * Printers of admissionregistration.k8s.io: webhook configurations, validating and mutating
 * admission policies and their bindings.
 */
import { AGE_COLUMN, col, NAME_COLUMN, printer } from './columns.js';
import { arr, labelSelectorProtoString, obj, str } from './format.js';
import { since } from './timestamps.js';
import type { Obj } from './types.js';

const webhookCount = (o: Obj, nowMs: number) => [
  str(o.metadata?.name),
  arr(o.webhooks).length,
  since(o.metadata?.creationTimestamp, nowMs),
];

export const mutatingWebhookConfigurationPrinter = printer(
  [NAME_COLUMN, col('Webhooks', 'integer', 'Webhooks indicates the number of webhooks registered in this configuration'), AGE_COLUMN],
  webhookCount,
);

export const validatingWebhookConfigurationPrinter = printer(
  [NAME_COLUMN, col('Webhooks', 'integer', 'Webhooks indicates the number of webhooks registered in this configuration'), AGE_COLUMN],
  webhookCount,
);

function paramKind(spec: Obj): string {
  if (spec.paramKind === undefined || spec.paramKind === null) return '<unset>';
  return `${str(spec.paramKind.apiVersion)}/${str(spec.paramKind.kind)}`;
}

/** The ParamRef cell: "namespace/name", "*\/name", the selector's proto String(), or `<unset>`. */
function paramRef(spec: Obj): string {
  const pr = spec.paramRef;
  if (pr === undefined || pr === null) return '<unset>';
  if (str(pr.name).length > 0) return str(pr.namespace) !== '' ? `${str(pr.namespace)}/${str(pr.name)}` : `*/${str(pr.name)}`;
  if (pr.selector !== undefined && pr.selector !== null) return labelSelectorProtoString(obj(pr.selector));
  return '<unset>';
}

export const validatingAdmissionPolicyPrinter = printer(
  [
    NAME_COLUMN,
    col('Validations', 'integer', 'Validations indicates the number of validation rules defined in this configuration'),
    col('ParamKind', 'string', 'ParamKind specifies the kind of resources used to parameterize this policy'),
    AGE_COLUMN,
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    return [str(o.metadata?.name), arr(spec.validations).length, paramKind(spec), since(o.metadata?.creationTimestamp, nowMs)];
  },
);

export const mutatingAdmissionPolicyPrinter = printer(
  [
    NAME_COLUMN,
    col('Mutations', 'integer', 'Mutation indicates the number of mutations rules defined in this configuration'),
    col('ParamKind', 'string', 'ParamKind specifies the kind of resources used to parameterize this policy'),
    AGE_COLUMN,
  ],
  (o, nowMs) => {
    const spec = obj(o.spec);
    return [str(o.metadata?.name), arr(spec.mutations).length, paramKind(spec), since(o.metadata?.creationTimestamp, nowMs)];
  },
);

const bindingRow = (o: Obj, nowMs: number) => {
  const spec = obj(o.spec);
  return [str(o.metadata?.name), str(spec.policyName), paramRef(spec), since(o.metadata?.creationTimestamp, nowMs)];
};

export const validatingAdmissionPolicyBindingPrinter = printer(
  [
    NAME_COLUMN,
    col('PolicyName', 'string', 'PolicyName indicates the policy definition which the policy binding binded to'),
    col('ParamRef', 'string', 'ParamRef indicates the param resource which sets the configuration param'),
    AGE_COLUMN,
  ],
  bindingRow,
);

export const mutatingAdmissionPolicyBindingPrinter = printer(
  [
    NAME_COLUMN,
    col('PolicyName', 'string', 'PolicyName indicates the policy definition which the policy binding binded to'),
    col('ParamRef', 'string', 'ParamRef indicates the param resource which sets the configuration param'),
    AGE_COLUMN,
  ],
  bindingRow,
);
