import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXECUTOR_ACCESS } from '../executors/kubernetes/preflight';
import { hostMatcher } from '../http/install-security';
import { containerfile, DEPLOY, find, flags, kustomizationResources, readManifest, REPO, type Deployment } from './deploy-files';

// deploy/ and the Containerfile, checked statically (issue #17 §5). No image can be built here (no container
// runtime, no registry): these tests check what can be checked without one. The manifests themselves are checked by
// the test API server (deploy.k8s.test.ts: dry run, strict) and the server runs with the Deployment's args there.

describe('deploy/ manifests', () => {
  it('every resource of kustomization.yaml exists and parses; the optional ClusterRole is not among them', () => {
    const resources = kustomizationResources();
    for (const file of resources) expect(existsSync(join(DEPLOY, file)), file).toBe(true);
    expect(resources).not.toContain('cluster-role.yaml');
    expect(readManifest('cluster-role.yaml').map((o) => o.kind)).toEqual(['ClusterRole', 'ClusterRoleBinding']);
  });

  it('one replica, Recreate (one SQLite database), the service account, the data PVC at --data-dir', () => {
    const d = find<Deployment>('Deployment');
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy.type).toBe('Recreate');
    const pod = d.spec.template.spec;
    expect(pod.serviceAccountName).toBe(find('ServiceAccount').metadata.name);
    const container = pod.containers[0]!;
    const args = new Map(flags(container.args));
    const dataVolume = pod.volumes.find((v) => v.persistentVolumeClaim)!;
    expect(dataVolume.persistentVolumeClaim!.claimName).toBe(find('PersistentVolumeClaim').metadata.name);
    expect(container.volumeMounts.find((m) => m.name === dataVolume.name)?.mountPath).toBe(args.get('data-dir'));
    expect(args.get('local-executor')).toBe('off');
  });

  it('the Role grants every verb the executor checks for, and the binding names it and the service account', () => {
    const role = find<{ metadata: { name: string }; rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[] }>('Role');
    for (const a of EXECUTOR_ACCESS) {
      const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
      expect(role.rules.some((r) => r.apiGroups.includes('') && r.resources.includes(resource) && r.verbs.includes(a.verb)), `${a.verb} ${resource}`).toBe(true);
    }
    expect(role.rules.flatMap((r) => r.resources)).not.toContain('secrets');
    expect(role.rules.flatMap((r) => r.verbs)).not.toContain('*');
    const binding = find<{ roleRef: { name: string; kind: string }; subjects: { kind: string; name: string }[] }>('RoleBinding');
    expect(binding.roleRef).toMatchObject({ kind: 'Role', name: role.metadata.name });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: find('ServiceAccount').metadata.name }]);
  });

  it('--host/--allow-host match the Service and kubectl port-forward; the Host check refuses anything else', () => {
    const d = find<Deployment>('Deployment');
    const container = d.spec.template.spec.containers[0]!;
    const args = flags(container.args);
    const port = Number(new Map(args).get('port'));
    const service = find<{ metadata: { name: string }; spec: { ports: { port: number; targetPort: string }[] } }>('Service');
    const namespace = (readManifest('kustomization.yaml')[0] as unknown as { namespace: string }).namespace;
    expect(new Map(args).get('host')).toBe('0.0.0.0');
    expect(service.spec.ports[0]!.targetPort).toBe(container.ports[0]!.name);
    expect(container.ports[0]!.containerPort).toBe(port);
    const allowHosts = args.filter(([k]) => k === 'allow-host').map(([, v]) => v);
    const matches = hostMatcher({ port: () => port, allowHosts });
    const name = service.metadata.name;
    const servicePort = service.spec.ports[0]!.port;
    for (const host of [`${name}:${servicePort}`, `${name}.${namespace}:${servicePort}`, `${name}.${namespace}.svc:${servicePort}`, `${name}.${namespace}.svc.cluster.local:${servicePort}`]) {
      expect(matches(host), host).toBe(true);
    }
    // `kubectl -n podflow port-forward svc/podflow 8080:8080` (README): the browser sends localhost:8080
    expect(matches(`localhost:${port}`)).toBe(true);
    expect(matches(`127.0.0.1:${port}`)).toBe(true);
    expect(matches('evil.example:8080')).toBe(false);
    expect(matches(`${name}.other-namespace.svc:${servicePort}`)).toBe(false);
    // the probes send a Host the server accepts
    expect(matches(container.readinessProbe.httpGet.httpHeaders.find((h) => h.name === 'Host')!.value)).toBe(true);
  });
});

describe('Containerfile (static: no image can be built here)', () => {
  const steps = containerfile();
  const build = readFileSync(join(REPO, 'scripts/build.mjs'), 'utf8');
  const vite = readFileSync(join(REPO, 'vite.config.ts'), 'utf8');
  const engines = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;

  it('two stages on a Node release the engines field accepts', () => {
    const froms = steps.filter((s) => s.op === 'FROM').map((s) => s.args);
    expect(froms).toHaveLength(2);
    for (const from of froms) {
      const major = /node:(\d+)-/.exec(from)?.[1];
      expect(major, from).toBeDefined();
      expect(engines).toMatch(new RegExp(`\\^${major}\\.|>=${major}\\.`));
    }
  });

  it('every COPY from the build context names a file or directory of the repository', () => {
    for (const step of steps.filter((s) => s.op === 'COPY' && !s.args.startsWith('--from'))) {
      const sources = step.args.split(/\s+/).slice(0, -1);
      for (const source of sources) expect(existsSync(join(REPO, source)), source).toBe(true);
    }
  });

  it('every COPY --from=build is something the build stage has: a source, node_modules, or what scripts/build.mjs writes', () => {
    const workdir = steps.find((s) => s.stage === 0 && s.op === 'WORKDIR')!.args;
    for (const step of steps.filter((s) => s.op === 'COPY' && s.args.startsWith('--from=build'))) {
      const source = step.args.split(/\s+/)[1]!;
      expect(source.startsWith(`${workdir}/`), source).toBe(true);
      const path = source.slice(workdir.length + 1);
      const built = path === 'node_modules' || (path === 'apps/server/dist' && build.includes('apps/server/dist/cli.mjs')) || (path === 'apps/web/dist' && (vite.includes("'dist'") || vite.includes('apps/web/dist') || build.includes('vite')));
      expect(built || existsSync(join(REPO, path)), path).toBe(true);
    }
  });

  it('the entrypoint is the podflow command it copies; the user, port and serve flags agree with deploy/', () => {
    const entry = JSON.parse(steps.find((s) => s.op === 'ENTRYPOINT')!.args) as string[];
    expect(entry).toEqual(['node', '/app/apps/server/bin/podflow.mjs']);
    expect(steps.some((s) => s.op === 'COPY' && s.args.endsWith('./apps/server/bin') && steps.find((w) => w.op === 'WORKDIR' && w.stage === 1)!.args === '/app')).toBe(true);
    const pod = find<Deployment>('Deployment').spec.template.spec;
    expect(steps.find((s) => s.op === 'USER')!.args).toBe(`${pod.securityContext.runAsUser}:${pod.securityContext.runAsGroup}`);
    expect(Number(steps.find((s) => s.op === 'EXPOSE')!.args)).toBe(pod.containers[0]!.ports[0]!.containerPort);
    const cmd = JSON.parse(steps.find((s) => s.op === 'CMD')!.args) as string[];
    expect(cmd[0]).toBe(pod.containers[0]!.args[0]);
    const deploymentFlags = new Set(flags(pod.containers[0]!.args).map(([k]) => k));
    for (const [flag] of flags(cmd)) expect(deploymentFlags.has(flag), flag).toBe(true);
  });

  it('the build context leaves out node_modules, build output and .git', () => {
    for (const file of ['.containerignore', '.dockerignore']) {
      const ignore = readFileSync(join(REPO, file), 'utf8');
      for (const p of ['**/node_modules', '**/dist', '.git']) expect(ignore.split('\n'), `${file}: ${p}`).toContain(p);
    }
  });
});
