import { describe, expect, it } from 'vitest';
import {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidIP,
  isValidLabelValue,
  isValidPathSegmentName,
} from './format.js';
import {
  apiServiceNameValidator,
  clusterTrustBundleNameValidator,
  crdNameValidator,
  cronJobNameErrors,
  maskTrailingDash,
  metaValidationRulesFor,
  nameValidatorFor,
  validateStorageVersionName,
} from './names.js';

// Exact upstream texts (Kubernetes v1.35.4). Note the double space RegexError puts before "or".
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const CONFIG_KEY =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const KEY_NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('format checks', () => {
  it.each<[string, (v: string) => string[], string, string[]]>([
    ['subdomain ok', isDNS1123Subdomain, 'my.example-1.com', []],
    ['subdomain Bad_Name', isDNS1123Subdomain, 'Bad_Name', [SUBDOMAIN]],
    ['subdomain a..b', isDNS1123Subdomain, 'a..b', [SUBDOMAIN]],
    ['subdomain trailing dash', isDNS1123Subdomain, 'abc-', [SUBDOMAIN]],
    ['subdomain 253 chars ok', isDNS1123Subdomain, 'a'.repeat(253), []],
    ['subdomain 254 chars', isDNS1123Subdomain, 'a'.repeat(254), ['must be no more than 253 characters']],
    ['subdomain 254 chars and bad', isDNS1123Subdomain, 'A'.repeat(254), ['must be no more than 253 characters', SUBDOMAIN]],
    ['subdomain counts bytes', isDNS1123Subdomain, 'é'.repeat(127), ['must be no more than 253 characters', SUBDOMAIN]],
    ['subdomain newline at end', isDNS1123Subdomain, 'abc\n', [SUBDOMAIN]],
    ['label ok', isDNS1123Label, 'kube-system', []],
    ['label 63 ok', isDNS1123Label, 'a'.repeat(63), []],
    ['label 64 chars', isDNS1123Label, 'a'.repeat(64), ['must be no more than 63 characters']],
    ['label with dots', isDNS1123Label, 'a.b', ['must not contain dots']],
    ['label a..b is not a subdomain', isDNS1123Label, 'a..b', [LABEL]],
    ['label uppercase', isDNS1123Label, 'Bad', [LABEL]],
    ['label empty', isDNS1123Label, '', [LABEL]],
    ['1035 ok', isDNS1035Label, 'my-svc', []],
    ['1035 leading digit', isDNS1035Label, '1svc', [DNS1035]],
    ['1035 dots', isDNS1035Label, 'a.b', [DNS1035]],
    ['config key empty', isConfigMapKey, '', [CONFIG_KEY]],
    ['config key a/b', isConfigMapKey, 'a/b', [CONFIG_KEY]],
    ['config key ok', isConfigMapKey, 'Key_1.json-x', []],
    ['config key .', isConfigMapKey, '.', ["must not be '.'"]],
    ['config key ..', isConfigMapKey, '..', ["must not be '..'"]],
    ['config key ..x', isConfigMapKey, '..x', ["must not start with '..'"]],
    ['config key 254', isConfigMapKey, 'k'.repeat(254), ['must be no more than 253 characters']],
    ['label value 63 ok', isValidLabelValue, 'v'.repeat(63), []],
    ['label value 64', isValidLabelValue, 'v'.repeat(64), ['must be no more than 63 bytes']],
    ['label value empty ok', isValidLabelValue, '', []],
    ['label value -x', isValidLabelValue, '-x', [LABEL_VALUE]],
    ['path segment .', isValidPathSegmentName, '.', ["may not be '.'"]],
    ['path segment ..', isValidPathSegmentName, '..', ["may not be '..'"]],
    ['path segment / and %', isValidPathSegmentName, 'a/b%c', ["may not contain '/'", "may not contain '%'"]],
    ['path segment anything else', isValidPathSegmentName, 'system:Bad_Name ok', []],
  ])('%s', (_case, fn, value, want) => {
    expect(fn(value)).toEqual(want);
  });
});

describe('isQualifiedName (label keys, finalizers, annotation keys)', () => {
  it.each<[string, string[]]>([
    ['app', []],
    ['example.com/app', []],
    ['app.kubernetes.io/name', []],
    ['Example.com/app', [`prefix part ${SUBDOMAIN}`]],
    ['/app', ['prefix part must be non-empty']],
    ['example.com/', ['name part must be non-empty', KEY_NAME_PART]],
    ['a'.repeat(64), ['name part must be no more than 63 bytes']],
    [`${'p'.repeat(254)}/x`, ['prefix part must be no more than 253 bytes']],
    ['bad name', [KEY_NAME_PART]],
    [
      'a/b/c',
      [
        "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ],
    ],
  ])('%j', (value, want) => {
    expect(isQualifiedName(value)).toEqual(want);
  });
});

describe('isValidIP (IPAddress names)', () => {
  it.each<[string, string[]]>([
    ['10.9.8.7', []],
    ['2001:db8::ffff', []],
    ['010.9.8.7', ['must not have leading 0s']],
    ['2001:DB8::1', ['must be in canonical form ("2001:db8::1")']],
    ['2001:db8:0:0:0:0:0:1', ['must be in canonical form ("2001:db8::1")']],
    ['::ffff:1.2.3.4', ['must not be an IPv4-mapped IPv6 address']],
    ['not-an-ip', ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']],
    ['1.2.3.256', ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']],
  ])('%s', (value, want) => {
    expect(isValidIP(value)).toEqual(want);
  });
});

describe('nameValidatorFor', () => {
  it.each<[string, string, string, boolean, string[]]>([
    // group, resource, name, prefix (generateName), expected
    ['', 'configmaps', 'Bad_Name', false, [SUBDOMAIN]],
    ['', 'configmaps', 'a..b', false, [SUBDOMAIN]],
    ['', 'configmaps', 'a'.repeat(254), false, ['must be no more than 253 characters']],
    ['', 'secrets', 'my.secret', false, []],
    ['', 'pods', 'web-0', false, []],
    ['', 'namespaces', 'a'.repeat(64), false, ['must be no more than 63 characters']],
    ['', 'namespaces', 'my.ns', false, ['must not contain dots']],
    ['', 'services', '1svc', false, [DNS1035]],
    ['', 'services', 'my.svc', false, [DNS1035]],
    ['', 'nodes', 'node-1.example.com', false, []],
    ['apps', 'statefulsets', 'a.b', false, ['must not contain dots']],
    ['apps', 'deployments', 'a.b', false, []],
    ['', 'replicationcontrollers', 'a'.repeat(254), false, ['must be no more than 253 bytes']],
    ['rbac.authorization.k8s.io', 'clusterroles', 'system:controller:Bad_Name', false, []],
    ['rbac.authorization.k8s.io', 'roles', 'a/b', false, ["may not contain '/'"]],
    ['rbac.authorization.k8s.io', 'rolebindings', 'a%b', false, ["may not contain '%'"]],
    ['rbac.authorization.k8s.io', 'clusterrolebindings', '..', false, ["may not be '..'"]],
    // RBAC ignores prefix mode: a generateName of "." is rejected outright.
    ['rbac.authorization.k8s.io', 'roles', '.', true, ["may not be '.'"]],
    ['coordination.k8s.io', 'leases', 'Bad_Name', false, [SUBDOMAIN]],
    ['coordination.k8s.io', 'leasecandidates', 'Bad_Name', false, []],
    ['certificates.k8s.io', 'certificatesigningrequests', 'Any Name_At/All', false, []],
    ['networking.k8s.io', 'ipaddresses', '10.0.0.1', false, []],
    ['example.com', 'widgets', 'Bad_Name', false, [SUBDOMAIN]],
    // generateName: prefix mode tolerates one trailing '-'.
    ['', 'configmaps', 'my-prefix-', true, []],
    ['', 'configmaps', 'Bad-', true, [SUBDOMAIN]],
    ['', 'configmaps', '-', true, [SUBDOMAIN]],
    ['', 'configmaps', 'my-prefix-', false, [SUBDOMAIN]],
    ['', 'namespaces', 'ns-', true, []],
    ['', 'services', 'svc-', true, []],
  ])('%s/%s %j prefix=%s', (group, resource, name, prefix, want) => {
    expect(nameValidatorFor(group, resource)(name, prefix)).toEqual(want);
  });

  it('maskTrailingDash replaces the last two characters, as upstream does', () => {
    expect(maskTrailingDash('ab-')).toBe('aa');
    expect(maskTrailingDash('a-')).toBe('a');
    expect(maskTrailingDash('-')).toBe('-');
    expect(maskTrailingDash('abc')).toBe('abc');
  });

  it('reports the validation flavour per type', () => {
    expect(metaValidationRulesFor('', 'configmaps').flavour).toBe('core');
    expect(metaValidationRulesFor('coordination.k8s.io', 'leases').flavour).toBe('apimachinery');
    expect(metaValidationRulesFor('', 'replicationcontrollers').flavour).toBe('core-with-opts');
    expect(metaValidationRulesFor('policy', 'poddisruptionbudgets').flavour).toBe('none');
    expect(metaValidationRulesFor('stable.example.com', 'crontabs').flavour).toBe('apimachinery');
  });
});

describe('object-dependent name rules', () => {
  it('CRD names must be plural.group', () => {
    const v = crdNameValidator('crontabs', 'stable.example.com');
    expect(v('crontabs.stable.example.com', false)).toEqual([]);
    expect(v('crontab.stable.example.com', false)).toEqual(['must be spec.names.plural+"."+spec.group']);
  });

  it('APIService names must be version.group', () => {
    const v = apiServiceNameValidator('v1', 'metrics.k8s.io');
    expect(v('v1.metrics.k8s.io', false)).toEqual([]);
    expect(v('v1beta1.metrics.k8s.io', false)).toEqual(['must be `spec.version+"."+spec.group`: "v1.metrics.k8s.io"']);
    expect(v('a/b', false)).toEqual(["may not contain '/'"]);
  });

  it('ClusterTrustBundle names follow the signer', () => {
    expect(clusterTrustBundleNameValidator('')('a:b', false)).toEqual([
      'ClusterTrustBundle without signer name must not have ":" in its name',
    ]);
    expect(clusterTrustBundleNameValidator('example.com/signer')('example.com:signer:abc', false)).toEqual([]);
    expect(clusterTrustBundleNameValidator('example.com/signer')('abc', false)).toEqual([
      'ClusterTrustBundle for signerName example.com/signer must be named with prefix example.com:signer:',
    ]);
  });

  it('StorageVersion names are group.resource', () => {
    expect(validateStorageVersionName('apps.deployments', false)).toEqual([]);
    expect(validateStorageVersionName('deployments', false)).toEqual(['name must be in the form of <group>.<resource>']);
    expect(validateStorageVersionName('apps.1deployments', false)).toEqual([`the resource segment ${DNS1035}`]);
  });

  it('CronJob names are limited to 52 characters', () => {
    expect(cronJobNameErrors('c'.repeat(52))).toEqual([]);
    expect(cronJobNameErrors('c'.repeat(53))).toMatchObject([
      { type: 'FieldValueInvalid', field: 'metadata.name', value: 'c'.repeat(53), detail: 'must be no more than 52 characters' },
    ]);
  });
});
