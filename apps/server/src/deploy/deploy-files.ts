// Test helpers: the deploy/ manifests and the Containerfile, read as they are in the repository.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const DEPLOY = join(REPO, 'deploy');

export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; [k: string]: unknown };

export function readManifest(file: string): K8sObject[] {
  return parseAllDocuments(readFileSync(join(DEPLOY, file), 'utf8')).map((d) => {
    if (d.errors.length > 0) throw new Error(`deploy/${file}: ${d.errors[0]!.message}`);
    return d.toJS() as K8sObject;
  });
}

/** The files kustomization.yaml lists, in order. */
export function kustomizationResources(): string[] {
  return (readManifest('kustomization.yaml')[0] as unknown as { resources: string[] }).resources;
}

export function find<T = K8sObject>(kind: string): T {
  for (const file of [...kustomizationResources(), 'cluster-role.yaml']) {
    const found = readManifest(file).find((o) => o.kind === kind);
    if (found) return found as T;
  }
  throw new Error(`no ${kind} in deploy/`);
}

export interface Deployment {
  metadata: { name: string };
  spec: {
    replicas: number;
    strategy: { type: string };
    template: {
      spec: {
        serviceAccountName: string;
        securityContext: { runAsUser: number; runAsGroup: number };
        containers: {
          name: string;
          args: string[];
          ports: { name: string; containerPort: number }[];
          readinessProbe: { httpGet: { path: string; port: string; httpHeaders: { name: string; value: string }[] } };
          volumeMounts: { name: string; mountPath: string }[];
        }[];
        volumes: { name: string; persistentVolumeClaim?: { claimName: string } }[];
      };
    };
  };
}

/** `--name=value` args as a list of [name, value]. */
export function flags(args: string[]): [string, string][] {
  return args.filter((a) => a.startsWith('--')).map((a) => {
    const i = a.indexOf('=');
    return i < 0 ? [a.slice(2), ''] : [a.slice(2, i), a.slice(i + 1)];
  });
}

/** The Containerfile as instructions (continuation lines joined, comments dropped). */
export function containerfile(): { op: string; args: string; stage: number }[] {
  const text = readFileSync(join(REPO, 'Containerfile'), 'utf8').replace(/\\\n/g, ' ');
  let stage = -1;
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      if (op!.toUpperCase() === 'FROM') stage++;
      return { op: op!.toUpperCase(), args: rest.join(' '), stage };
    });
}
