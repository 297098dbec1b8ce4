// A scripted session of the real kubectl (v1.35.4, built from the Go module proxy; see ./kubectl)
// run against the fake and the reference cluster. Each step's exit code, stdout and stderr are
// normalised (ages, uids, resourceVersions, timestamps, IPs, ports, temp paths, the run's namespace)
// and the two transcripts are compared line by line.
//
//   npx tsx conformance/clients/kubectl-session.ts [--target fake] [--target reference]
//       [--reference-kubeconfig PATH] [--reference-state-dir DIR] [--kubectl PATH] [--transcripts DIR]
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildGoModule, type GoBuildResult } from './go-build.js';
import { knownDifference, type KnownDifference } from './known-differences.js';
import { startTarget, type ClientTarget, type TargetName, type TargetOptions } from './targets.js';

export const KUBECTL_VERSION = 'v1.35.4';

export function buildKubectl(options: { force?: boolean; log?: (l: string) => void } = {}): Promise<GoBuildResult> {
  const v = KUBECTL_VERSION;
  const [major, minor] = v.slice(1).split('.');
  const ldflags = ['k8s.io/client-go/pkg/version', 'k8s.io/component-base/version']
    .flatMap((p) => [`-X ${p}.gitVersion=${v}`, `-X ${p}.gitMajor=${major}`, `-X ${p}.gitMinor=${minor}`, `-X ${p}.gitTreeState=clean`])
    .join(' ');
  return buildGoModule('kubectl', 'kubectl', { ...options, ldflags: `-s -w ${ldflags}` });
}

/** Values a step can use: the run's namespace and CRD group, and earlier steps' raw stdout. */
export interface SessionContext {
  ns: string;
  group: string;
  stdout: Record<string, string>;
}

export interface Step {
  id: string;
  args: string[] | ((c: SessionContext) => string[]);
  stdin?: string | ((c: SessionContext) => string);
  /** Retry (up to this many ms) until the exit code is 0 — for things that settle asynchronously. */
  retryMs?: number;
  /** Whether to add `-n NS` (default true). */
  namespaced?: boolean;
  /** The exit code the real kubectl gives against the reference cluster (default 0). */
  expectExit?: number;
  /** Sort stdout lines before comparing (for output whose order depends on timing). */
  sortLines?: boolean;
}

export interface StepResult {
  id: string;
  command: string;
  exitCode: number;
  expectedExit: number;
  stdout: string;
  stderr: string;
  /** The normalised transcript of the step. */
  normalised: string;
}

const manifest = (ns: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: ${ns}
  labels: {app: demo}
data:
  mode: blue
  replicas: "2"
---
apiVersion: v1
kind: Secret
metadata:
  name: app-secret
  namespace: ${ns}
  labels: {app: demo}
stringData:
  token: s3cr3t
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
  labels: {app: demo}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: registry.k8s.io/pause:3.10
        ports:
        - containerPort: 8080
          name: http
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: ${ns}
  labels: {app: demo}
spec:
  selector: {app: web}
  ports:
  - name: http
    port: 80
    targetPort: http
`;

const crd = (group: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.${group}
spec:
  group: ${group}
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList, shortNames: [wdg], categories: [khcat]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}, scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    - {name: Color, type: string, jsonPath: .spec.color, priority: 1}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
    schema:
      openAPIV3Schema:
        type: object
        description: A widget for the kubectl session.
        properties:
          spec:
            type: object
            description: The desired widget.
            properties:
              size: {type: integer, description: How big., minimum: 0}
              color: {type: string, enum: [red, blue]}
              replicas: {type: integer}
          status:
            type: object
            properties:
              replicas: {type: integer}
`;

const widget = (group: string, name: string, size: number) => `apiVersion: ${group}/v1
kind: Widget
metadata:
  name: ${name}
spec:
  size: ${size}
  color: red
  replicas: 1
`;

const owned = (name: string, owner: string, uid: string) => `apiVersion: v1
kind: Secret
metadata:
  name: ${name}
  ownerReferences:
  - apiVersion: v1
    kind: ConfigMap
    name: ${owner}
    uid: ${uid}
stringData: {k: v}
`;

/** The scripted session. Order matters: later steps depend on earlier ones. */
export function sessionSteps(): Step[] {
  const s: Step[] = [];
  const add = (id: string, args: Step['args'], extra: Omit<Step, 'id' | 'args'> = {}) => s.push({ id, args, ...extra });
  add('create-namespace', (c) => ['create', 'namespace', c.ns], { namespaced: false });
  add('apply', ['apply', '-f', '-'], { stdin: (c) => manifest(c.ns) });
  add('apply-again', ['apply', '-f', '-'], { stdin: (c) => manifest(c.ns) });
  add('run-pod', ['run', 'pod1', '--image=registry.k8s.io/pause:3.10', '--restart=Never', '--labels=app=demo,tier=pod'], {
    retryMs: 20_000,
  });
  add('get-name', ['get', 'configmaps,secrets,services,deployments,pods', '-l', 'app=demo', '-o', 'name']);
  add('get-table', ['get', 'configmaps,secrets', '-l', 'app=demo']);
  add('get-wide-cm', ['get', 'configmap', 'app-config', '-o', 'wide']);
  add('get-wide-svc', ['get', 'service', 'web', '-o', 'wide']);
  // Only pod1: the reference cluster's deployment controller also makes pods for `web`.
  add('get-wide-pod', ['get', 'pods', '-l', 'tier=pod', '-o', 'wide']);
  add('get-show-labels', ['get', 'configmap', 'app-config', '--show-labels']);
  add('get-yaml', ['get', 'configmap', 'app-config', '-o', 'yaml']);
  add('get-json-secret', ['get', 'secret', 'app-secret', '-o', 'json']);
  add('get-jsonpath-deploy', [
    'get',
    'deployment',
    'web',
    '-o',
    'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.strategy.type} {.spec.revisionHistoryLimit} {.spec.progressDeadlineSeconds}',
  ]);
  add('get-jsonpath-range', [
    'get',
    'configmaps,secrets',
    '-l',
    'app=demo',
    '-o',
    'jsonpath={range .items[*]}{.kind}/{.metadata.name}{"\\n"}{end}',
  ]);
  add('get-custom-columns', [
    'get',
    'configmap',
    'app-config',
    '-o',
    'custom-columns=NAME:.metadata.name,MODE:.data.mode,NS:.metadata.namespace',
  ]);
  add('get-svc-ports', [
    'get',
    'service',
    'web',
    '-o',
    'jsonpath={.spec.type} {.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.ports[0].protocol} {.spec.sessionAffinity}',
  ]);
  add('get-pod-status', [
    'get',
    'pod',
    'pod1',
    '-o',
    'jsonpath={.status.phase} {.status.qosClass} {.spec.restartPolicy} {.spec.dnsPolicy} {.spec.schedulerName} {.spec.terminationGracePeriodSeconds}',
  ]);
  add('get-missing', ['get', 'configmap', 'does-not-exist'], { expectExit: 1 });
  add('create-duplicate', ['create', 'configmap', 'app-config', '--from-literal=a=b'], { expectExit: 1 });
  add('create-invalid-name', ['create', 'configmap', 'Bad_Name', '--from-literal=a=b'], { expectExit: 1 });
  add('create-dry-run-server', ['create', 'configmap', 'dry', '--from-literal=a=b', '--dry-run=server', '-o', 'yaml']);
  add('create-dry-run-client', ['create', 'configmap', 'dry', '--from-literal=a=b', '--dry-run=client', '-o', 'yaml']);
  add('label', ['label', 'configmap', 'app-config', 'tier=config']);
  add('label-no-overwrite', ['label', 'configmap', 'app-config', 'tier=other'], { expectExit: 1 });
  add('label-overwrite', ['label', 'configmap', 'app-config', 'tier=other', '--overwrite']);
  add('label-remove', ['label', 'configmap', 'app-config', 'tier-']);
  add('label-selector', ['label', 'configmaps,secrets', '-l', 'app=demo', 'batch=1']);
  add('annotate', ['annotate', 'configmap', 'app-config', 'note=hello']);
  add('annotate-overwrite', ['annotate', 'configmap', 'app-config', 'note=bye', '--overwrite']);
  add('get-labels-annotations', ['get', 'configmap', 'app-config', '-o', 'jsonpath={.metadata.labels} {.metadata.annotations.note}']);
  add('patch-merge', ['patch', 'configmap', 'app-config', '--type=merge', '-p', '{"data":{"mode":"green"}}']);
  add('patch-json', ['patch', 'configmap', 'app-config', '--type=json', '-p', '[{"op":"add","path":"/data/extra","value":"1"}]']);
  add(
    'patch-json-test-fails',
    ['patch', 'configmap', 'app-config', '--type=json', '-p', '[{"op":"test","path":"/data/mode","value":"red"}]'],
    { expectExit: 1 },
  );
  add('patch-strategic', [
    'patch',
    'deployment',
    'web',
    '-p',
    '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"registry.k8s.io/pause:3.9"}]}}}}',
  ]);
  add('patch-no-change', ['patch', 'configmap', 'app-config', '--type=merge', '-p', '{"data":{"mode":"green"}}']);
  add('patch-strategic-configmap', ['patch', 'configmap', 'app-config', '--type=strategic', '-p', '{"data":{"s":"1"}}']);
  add('get-after-patch', ['get', 'configmap', 'app-config', '-o', 'jsonpath={.data}']);
  add('get-deploy-image', ['get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[*].image} {.metadata.generation}']);
  add('set-image', ['set', 'image', 'deployment/web', 'web=registry.k8s.io/pause:3.10']);
  add('scale', ['scale', 'deployment', 'web', '--replicas=3']);
  add('scale-precondition', ['scale', 'deployment', 'web', '--current-replicas=2', '--replicas=4'], { expectExit: 1 });
  add('get-replicas', ['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}']);
  // Not the Deployment: the reference cluster's controller adds a revision annotation and status.
  const noDeployment = (c: SessionContext) =>
    manifest(c.ns)
      .split('---\n')
      .filter((d) => !d.includes('kind: Deployment'))
      .join('---\n');
  add('diff', ['diff', '-f', '-'], {
    expectExit: 1,
    stdin: (c) => noDeployment(c).replace('mode: blue', 'mode: purple').replace('port: 80', 'port: 81'),
  });
  add('diff-none', ['diff', '-f', '-'], {
    stdin: (c) =>
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secret\n  namespace: ${c.ns}\n  labels: {app: demo, batch: "1"}\nstringData:\n  token: s3cr3t\n`,
  });
  const ssaCM = (c: SessionContext, mode: string) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n  namespace: ${c.ns}\ndata:\n  mode: ${mode}\n`;
  add('apply-server-side-conflict', ['apply', '--server-side', '--field-manager=ssa-tool', '-f', '-'], {
    stdin: (c) => ssaCM(c, 'yellow'),
    expectExit: 1,
  });
  add('apply-server-side-force', ['apply', '--server-side', '--field-manager=ssa-tool', '--force-conflicts', '-f', '-'], {
    stdin: (c) => ssaCM(c, 'yellow'),
  });
  add('apply-server-side-new', ['apply', '--server-side', '-f', '-'], {
    stdin: (c) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa-new\n  namespace: ${c.ns}\ndata:\n  a: "1"\n`,
  });
  // managedFields are ordered by operation, then by the second of their timestamp, then by manager:
  // the order depends on whether two updates fell into the same second.
  add(
    'get-managed-fields',
    [
      'get',
      'configmap',
      'app-config',
      '--show-managed-fields',
      '-o',
      'jsonpath={range .metadata.managedFields[*]}{.manager} {.operation} {.fieldsV1}{"\\n"}{end}',
    ],
    { sortLines: true },
  );
  add('apply-crd', ['apply', '-f', '-'], { stdin: (c) => crd(c.group), namespaced: false });
  add('wait-crd', (c) => ['wait', '--for=condition=Established', `crd/widgets.${c.group}`, '--timeout=30s'], { namespaced: false });
  add('apply-widgets', ['apply', '-f', '-'], {
    stdin: (c) => `${widget(c.group, 'w1', 1)}---\n${widget(c.group, 'w2', 7)}`,
    retryMs: 20_000,
  });
  add('get-widgets', ['get', 'widgets'], { retryMs: 10_000 });
  add('get-widgets-wide', ['get', 'widgets', '-o', 'wide']);
  add('get-widgets-shortname', ['get', 'wdg', '-o', 'name']);
  add('get-category', ['get', 'khcat']);
  add('get-widget-yaml', ['get', 'widget', 'w1', '-o', 'yaml']);
  add('widget-invalid', ['apply', '-f', '-'], {
    stdin: (c) => widget(c.group, 'w3', -1).replace('color: red', 'color: green'),
    expectExit: 1,
  });
  add('widget-unknown-field', ['apply', '-f', '-'], {
    stdin: (c) => widget(c.group, 'w4', 2).replace('replicas: 1', 'replicas: 1\n  bogus: true'),
    expectExit: 1,
  });
  add('scale-widget', ['scale', 'widget', 'w1', '--replicas=5']);
  add('patch-widget-merge', ['patch', 'widget', 'w2', '--type=merge', '-p', '{"spec":{"size":8}}']);
  add('patch-widget-strategic', ['patch', 'widget', 'w2', '-p', '{"spec":{"size":9}}'], { expectExit: 1 });
  add('patch-widget-status', ['patch', 'widget', 'w2', '--subresource=status', '--type=merge', '-p', '{"status":{"replicas":2}}']);
  add('get-widgets-after', [
    'get',
    'widgets',
    '-o',
    'jsonpath={range .items[*]}{.metadata.name} {.spec.size} {.spec.replicas} {.status.replicas} {.metadata.generation}{"\\n"}{end}',
  ]);
  add('explain-widget', ['explain', 'widget.spec'], { retryMs: 20_000 });
  add('explain-configmap', ['explain', 'configmap'], { namespaced: false });
  add('explain-deployment-strategy', ['explain', 'deployment.spec.strategy'], { namespaced: false });
  add('explain-recursive', ['explain', 'lease.spec', '--recursive'], { namespaced: false });
  add('api-resources', ['api-resources'], { namespaced: false });
  add('api-resources-apps', ['api-resources', '--api-group=apps', '-o', 'wide'], { namespaced: false });
  add('api-resources-cluster', ['api-resources', '--namespaced=false', '-o', 'name'], { namespaced: false });
  add('api-versions', ['api-versions'], { namespaced: false });
  add('auth-can-i', ['auth', 'can-i', 'create', 'pods']);
  // Garbage collection with the three cascade modes.
  for (const mode of ['orphan', 'background', 'foreground'] as const) {
    const owner = `owner-${mode}`;
    add(`gc-${mode}-owner`, ['create', 'configmap', owner, '--from-literal=a=b']);
    add(`gc-${mode}-uid`, ['get', 'configmap', owner, '-o', 'jsonpath={.metadata.uid}']);
    add(`gc-${mode}-dependent`, ['apply', '-f', '-'], { stdin: (c) => owned(`dep-${mode}`, owner, c.stdout[`gc-${mode}-uid`]) });
    add(`gc-${mode}-delete`, ['delete', 'configmap', owner, `--cascade=${mode}`, '--timeout=30s']);
    if (mode === 'orphan') {
      add(`gc-${mode}-dependent-kept`, ['get', 'secret', `dep-${mode}`, '-o', 'jsonpath={.metadata.name} {.metadata.ownerReferences}'], {
        retryMs: 0,
      });
    } else {
      add(`gc-${mode}-dependent-gone`, ['wait', '--for=delete', `secret/dep-${mode}`, '--timeout=30s']);
    }
  }
  add('delete-pod-force', ['delete', 'pod', 'pod1', '--grace-period=0', '--force']);
  add('delete-manifest', ['delete', '-f', '-', '--wait=true'], { stdin: (c) => manifest(c.ns) });
  add('delete-widgets', ['delete', 'widgets', '--all']);
  add('get-after-delete', ['get', 'configmaps,secrets,services,deployments,widgets', '-l', 'app=demo']);
  add('delete-missing', ['delete', 'configmap', 'app-config'], { expectExit: 1 });
  add('delete-missing-ignore', ['delete', 'configmap', 'app-config', '--ignore-not-found']);
  add('delete-crd', (c) => ['delete', 'crd', `widgets.${c.group}`], { namespaced: false });
  add('delete-namespace', (c) => ['delete', 'namespace', c.ns, '--wait=false'], { namespaced: false });
  return s;
}

// ---- normalisation -------------------------------------------------------------------------

const UID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;
const TIME = /\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)\b/g;
const IPV4 = /\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g;
const AGE_TOKEN = /(^|\s)(\d+(?:y|d|h|m|s)(?:\d+(?:d|h|m|s))?|<invalid>)(?=\s|$)/g;

/** Normalises one step's output. `replace` maps run-specific strings (namespace, group) to placeholders. */
export function normaliseOutput(text: string, replace: [string, string][]): string {
  let t = text;
  for (const [from, to] of replace) t = t.split(from).join(to);
  t = t
    .replace(UID, '<uid>')
    .replace(TIME, '<time>')
    .replace(/("?resourceVersion"?:\s*)"?\d+"?/g, '$1<rv>')
    .replace(/resourceVersion=\d+/g, 'resourceVersion=<rv>')
    .replace(IPV4, '<ip>')
    .replace(/<ip>:\d+/g, '<ip>:<port>')
    .replace(/localhost:\d+/g, 'localhost:<port>')
    .replace(/\b(LIVE|MERGED)-\d+/g, '$1-<n>')
    .replace(/\/(tmp|var\/folders)\/[^\s]*kubectl[^\s/]*/g, '<tmp>')
    .replace(/^(\+\+\+|---) (\S+)\t.*$/gm, '$1 $2 <time>');
  const lines = t.split('\n').map((line) => line.replace(AGE_TOKEN, '$1<age>').replace(/ {2,}/g, '  ').trimEnd());
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return sortBulletRuns(lines).join('\n');
}

/**
 * Sorts runs of consecutive "* …" lines (an aggregated error's causes): the real server reports
 * CRD schema violations in map iteration order, which changes from request to request.
 */
function sortBulletRuns(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    if (!lines[i].startsWith('* ')) {
      out.push(lines[i++]);
      continue;
    }
    const run: string[] = [];
    while (i < lines.length && lines[i].startsWith('* ')) run.push(lines[i++]);
    out.push(...run.sort());
  }
  return out;
}

function transcript(r: { exitCode: number; stdout: string; stderr: string }, replace: [string, string][], sortLines = false): string {
  let out = normaliseOutput(r.stdout, replace);
  if (sortLines) out = out.split('\n').sort().join('\n');
  // klog lines (I1122 19:28:00.110989 …) are process noise, not kubectl output.
  const err = normaliseOutput(
    r.stderr
      .split('\n')
      .filter((l) => !/^[IWE]\d{4} /.test(l))
      .join('\n'),
    replace,
  );
  return `exit ${r.exitCode}\n--- stdout\n${out}\n--- stderr\n${err}`;
}

// ---- running -------------------------------------------------------------------------------

function exec(binary: string, args: string[], env: NodeJS.ProcessEnv, stdin?: string) {
  return new Promise<{ exitCode: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(binary, args, { env, timeout: 60_000, maxBuffer: 32 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 255) : 0;
      resolve({ exitCode: code, stdout, stderr });
    });
    if (stdin !== undefined) child.stdin?.end(stdin);
    else child.stdin?.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runSession(
  kubectl: string,
  kubeconfig: string,
  options: { runId?: string; steps?: Step[]; log?: (l: string) => void } = {},
): Promise<StepResult[]> {
  const runId = options.runId ?? `r${process.pid.toString(36)}${(Date.now() % 1_000_000).toString(36)}`;
  const ctx: SessionContext = { ns: `kh-kubectl-${runId}`, group: `${runId}.kubectl.kubeharness.example.com`, stdout: {} };
  const replace: [string, string][] = [
    [ctx.group, 'GROUP'],
    [ctx.ns, 'NAMESPACE'],
  ];
  // A private HOME: no user kubeconfig, a fresh discovery cache per target.
  const home = await mkdtemp(join(tmpdir(), 'kh-kubectl-home-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    KUBECONFIG: kubeconfig,
    KUBECTL_EXTERNAL_DIFF: 'diff -u -N',
    KUBECTL_KUBERC: 'false',
    TMPDIR: home,
    LANG: 'C',
  };
  const results: StepResult[] = [];
  try {
    for (const step of options.steps ?? sessionSteps()) {
      const base = typeof step.args === 'function' ? step.args(ctx) : step.args;
      const args = step.namespaced === false ? base : [...base, '-n', ctx.ns];
      const stdin = typeof step.stdin === 'function' ? step.stdin(ctx) : step.stdin;
      const deadline = Date.now() + (step.retryMs ?? 0);
      let r = await exec(kubectl, args, env, stdin);
      while (r.exitCode !== (step.expectExit ?? 0) && Date.now() < deadline) {
        await sleep(500);
        r = await exec(kubectl, args, env, stdin);
      }
      ctx.stdout[step.id] = r.stdout;
      const command = normaliseOutput(`kubectl ${args.join(' ')}`, replace);
      results.push({ id: step.id, command, ...r, expectedExit: step.expectExit ?? 0, normalised: transcript(r, replace, step.sortLines) });
      options.log?.(`${step.id}: exit ${r.exitCode}`);
    }
  } finally {
    await rm(home, { recursive: true, force: true });
  }
  return results;
}

export interface LineDifference {
  line: number;
  a?: string;
  b?: string;
}

export interface StepComparison {
  id: string;
  command: string;
  equal: boolean;
  differences: LineDifference[];
  /** Set when the step is listed in known-differences.ts. */
  known?: KnownDifference;
}

/** Line-by-line comparison of two normalised transcripts (by step id). */
export function compareSessions(a: StepResult[], b: StepResult[]): StepComparison[] {
  const bBy = new Map(b.map((r) => [r.id, r]));
  return a.map((ra) => {
    const rb = bBy.get(ra.id);
    const la = ra.normalised.split('\n');
    const lb = rb ? rb.normalised.split('\n') : ['(step missing)'];
    const differences: LineDifference[] = [];
    for (let i = 0; i < Math.max(la.length, lb.length); i++) {
      if (la[i] !== lb[i]) differences.push({ line: i + 1, a: la[i], b: lb[i] });
    }
    const known = knownDifference('kubectl', ra.id);
    return { id: ra.id, command: ra.command, equal: differences.length === 0, differences, ...(known ? { known } : {}) };
  });
}

export interface KubectlReport {
  build: GoBuildResult;
  results: Partial<Record<TargetName, StepResult[]>>;
  comparisons: StepComparison[];
  /** Steps that differ and are not listed in known-differences.ts. */
  unexpected: StepComparison[];
  /** Listed steps that now agree (remove them from the list). */
  fixed: StepComparison[];
  /** No unexpected differences (with `strict`, no differences at all). */
  passed: boolean;
}

/** Steps whose exit code is not the one the real server gives (known differences excluded). */
export function unexpectedExitCodes(results: StepResult[]): StepResult[] {
  return results.filter((r) => r.exitCode !== r.expectedExit && !knownDifference('kubectl', r.id));
}

export async function runKubectlSession(
  options: TargetOptions & { targets?: TargetName[]; kubectl?: string; transcriptsDir?: string; strict?: boolean } = {},
): Promise<KubectlReport> {
  const targets = options.targets ?? ['fake', 'reference'];
  const build: GoBuildResult = options.kubectl
    ? { binary: options.kubectl, cached: true, seconds: 0, hash: 'given' }
    : await buildKubectl({ log: options.log });
  const results: Partial<Record<TargetName, StepResult[]>> = {};
  for (const name of targets) {
    let target: ClientTarget | undefined;
    try {
      target = await startTarget(name, options);
      results[name] = await runSession(build.binary, target.kubeconfigPath);
    } finally {
      await target?.stop();
    }
    if (options.transcriptsDir) {
      await mkdir(options.transcriptsDir, { recursive: true });
      const text = results[name]!.map((r) => `### ${r.id}: ${r.command}\n${r.normalised}\n`).join('\n');
      await writeFile(join(options.transcriptsDir, `kubectl-${name}.txt`), text);
    }
  }
  const comparisons = targets.length >= 2 ? compareSessions(results[targets[0]]!, results[targets[1]]!) : [];
  const unexpected = comparisons.filter((c) => !c.equal && (options.strict || !c.known));
  const fixed = comparisons.filter((c) => c.equal && c.known);
  return { build, results, comparisons, unexpected, fixed, passed: unexpected.length === 0 };
}

export function formatKubectlReport(report: KubectlReport, names: [string, string] = ['fake', 'reference']): string {
  const lines = [`kubectl ${report.build.cached ? '(cached binary)' : `(built in ${report.build.seconds}s)`} ${report.build.binary}`];
  for (const c of report.comparisons) {
    const tag = c.equal ? (c.known ? 'FIXED' : 'SAME') : c.known ? 'KNOWN' : 'DIFF';
    lines.push(`${tag.padEnd(5)}  ${c.id.padEnd(30)} ${c.command}`);
    if (c.known && c.equal) lines.push('        fixed: remove it from conformance/clients/known-differences.ts');
    if (c.known && !c.equal) lines.push(`        known fake difference: ${c.known.observed}`);
    for (const d of c.differences.slice(0, 20)) {
      lines.push(`        line ${d.line}:`);
      lines.push(`          ${names[0]}: ${d.a ?? '(none)'}`);
      lines.push(`          ${names[1]}: ${d.b ?? '(none)'}`);
    }
    if (c.differences.length > 20) lines.push(`        … ${c.differences.length - 20} more`);
  }
  const n = report.comparisons.filter((c) => !c.equal).length;
  lines.push(
    n === 0
      ? 'all steps agree'
      : `${n} of ${report.comparisons.length} steps differ (${report.unexpected.length} unexpected, ${n - report.unexpected.length} known)`,
  );
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      target: { type: 'string', multiple: true },
      'reference-kubeconfig': { type: 'string' },
      'reference-state-dir': { type: 'string' },
      kubectl: { type: 'string' },
      transcripts: { type: 'string' },
      strict: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const targets = (values.target?.length ? values.target : ['fake', 'reference']) as TargetName[];
  for (const t of targets) if (t !== 'fake' && t !== 'reference') throw new Error(`unknown target ${t}`);
  const report = await runKubectlSession({
    targets,
    kubectl: values.kubectl,
    referenceKubeconfig: values['reference-kubeconfig'],
    referenceStateDir: values['reference-state-dir'] ?? process.env.KUBEHARNESS_REFERENCE_DIR,
    transcriptsDir: values.transcripts,
    strict: values.strict,
    log: (l) => process.stderr.write(`${l}\n`),
  });
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (targets.length >= 2) process.stdout.write(`${formatKubectlReport(report, [targets[0], targets[1]])}\n`);
  else for (const r of report.results[targets[0]] ?? []) process.stdout.write(`### ${r.id}: ${r.command}\n${r.normalised}\n\n`);
  return report.passed ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(2);
    },
  );
}
