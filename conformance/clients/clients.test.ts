// Real clients as conformance: the client-go program and the kubectl session against the fake (when
// Go is installed), and against the reference cluster too when its binaries were built.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goVersion, type GoBuildResult } from './go-build.js';
import {
  buildKubectl,
  compareSessions,
  formatKubectlReport,
  normaliseOutput,
  runKubectlSession,
  unexpectedExitCodes,
  type StepResult,
} from './kubectl-session.js';
import { buildClientGoConformance, compareResults, formatClientGoReport, runClientGoConformance } from './run-client-go.js';
import { referenceBinariesPresent } from './targets.js';

const hasGo = (await goVersion()) !== undefined;
const hasReference = hasGo && referenceBinariesPresent();
if (!hasGo) console.warn('conformance/clients: skipped, `go` is not on PATH');
else if (!hasReference) {
  console.warn(
    'conformance/clients: the reference comparison is skipped: no ~/.cache/kubeharness/reference-cluster/*/bin/kube-apiserver (run `npm run reference-cluster -- build`)',
  );
}

describe('normalisation and comparison', () => {
  it('normalises volatile parts of kubectl output', () => {
    const text = [
      'NAME         DATA   AGE',
      'app-config   2      5s',
      'web          1      2m13s',
      '  uid: 0f3c2a1e-1234-4abc-9def-0123456789ab',
      '  resourceVersion: "1234"',
      '  creationTimestamp: "2025-11-22T19:28:00Z"',
      'web   ClusterIP   10.0.0.17   <none>   80/TCP   3s   app=web',
      'diff -u -N /tmp/kh-kubectl-home-x/LIVE-123/v1.ConfigMap.ns-abc.a /tmp/kh-kubectl-home-x/MERGED-456/v1.ConfigMap.ns-abc.a',
      '* spec.size: bad',
      '* spec.color: bad',
    ].join('\n');
    expect(normaliseOutput(text, [['ns-abc', 'NAMESPACE']])).toBe(
      [
        'NAME  DATA  AGE',
        'app-config  2  <age>',
        'web  1  <age>',
        '  uid: <uid>',
        '  resourceVersion: <rv>',
        '  creationTimestamp: "<time>"',
        'web  ClusterIP  <ip>  <none>  80/TCP  <age>  app=web',
        'diff -u -N <tmp>/LIVE-<n>/v1.ConfigMap.NAMESPACE.a <tmp>/MERGED-<n>/v1.ConfigMap.NAMESPACE.a',
        '* spec.color: bad',
        '* spec.size: bad',
      ].join('\n'),
    );
  });

  it('compares transcripts line by line and client-go results by observation', () => {
    const step = (normalised: string): StepResult => ({
      id: 's',
      command: 'kubectl x',
      exitCode: 0,
      expectedExit: 0,
      stdout: '',
      stderr: '',
      normalised,
    });
    expect(compareSessions([step('a\nb')], [step('a\nc')])[0].differences).toEqual([{ line: 2, a: 'b', b: 'c' }]);
    const [c] = compareResults(
      { name: 'fake', results: [{ scenario: 'x', ok: true, observations: { n: 1 } }] },
      { name: 'reference', results: [{ scenario: 'x', ok: true, observations: { n: 2 } }] },
    );
    expect(c.differences).toEqual([{ path: '.n', kind: 'changed', a: 1, b: 2 }]);
  });
});

// Cold Go builds (client-go program ~30 s, kubectl ~40 s on 2 cores with a warm module cache) are
// cached by source hash under ~/.cache/kubeharness; warm runs take no time.
const BUILD_TIMEOUT = 600_000;

describe.skipIf(!hasGo)('real clients against the fake', () => {
  let clientGo: GoBuildResult;
  let kubectl: GoBuildResult;
  beforeAll(async () => {
    [clientGo, kubectl] = await Promise.all([buildClientGoConformance(), buildKubectl()]);
  }, BUILD_TIMEOUT);

  it('client-go: every scenario passes on the fake', async () => {
    const report = await runClientGoConformance({ targets: ['fake'] });
    expect(report.build.binary).toBe(clientGo.binary);
    expect(report.unexpected, formatClientGoReport(report)).toEqual([]);
    expect(report.comparisons.map((c) => c.scenario)).toContain('informers/watchlist=on');
  }, 90_000);

  it('kubectl: the session gives the exit codes of the real server', async () => {
    const report = await runKubectlSession({ targets: ['fake'], kubectl: kubectl.binary });
    const bad = unexpectedExitCodes(report.results.fake ?? []);
    expect(
      bad.map((r) => `${r.id}: exit ${r.exitCode} (want ${r.expectedExit})\n${r.normalised}`),
      'steps with an unexpected exit code',
    ).toEqual([]);
  }, 90_000);
});

describe.skipIf(!hasReference)('real clients: fake vs reference cluster', () => {
  let stateDir: string;
  let kubeconfig: string;
  let stop: (() => Promise<void>) | undefined;
  let kubectl: GoBuildResult;
  beforeAll(async () => {
    const { startReferenceCluster } = await import('../reference-cluster/index.js');
    stateDir = await mkdtemp(join(tmpdir(), 'kh-clients-ref-'));
    const [cluster, k] = await Promise.all([startReferenceCluster({ stateDir, build: false }), buildKubectl(), buildClientGoConformance()]);
    kubeconfig = cluster.kubeconfigPath;
    stop = () => cluster.stop();
    kubectl = k;
  }, BUILD_TIMEOUT);
  afterAll(async () => {
    await stop?.();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  }, 60_000);

  it('client-go: the targets agree scenario by scenario', async () => {
    const report = await runClientGoConformance({ targets: ['fake', 'reference'], referenceKubeconfig: kubeconfig });
    const text = formatClientGoReport(report);
    if (report.fixed.length) console.warn(text);
    expect(report.unexpected, text).toEqual([]);
  }, 120_000);

  it('kubectl: the normalised transcripts agree line by line (known differences aside)', async () => {
    const report = await runKubectlSession({ targets: ['fake', 'reference'], referenceKubeconfig: kubeconfig, kubectl: kubectl.binary });
    const text = formatKubectlReport(report);
    if (report.fixed.length) console.warn(text);
    expect(
      unexpectedExitCodes(report.results.reference ?? []).map((r) => `${r.id}: ${r.normalised}`),
      'the script itself vs the real server',
    ).toEqual([]);
    expect(
      report.unexpected.map((c) => c.id),
      text,
    ).toEqual([]);
  }, 120_000);
});
