import { existsSync, mkdirSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { CODE_VOLUME, DEPS_VOLUME, ENTRYPOINT_COMMAND, REQUIREMENTS_CONTAINER, workingDirProblem } from '@podflow/core';
import { containerArgv, containerEnv } from './container-env';
import { expandVars } from './expand-vars';
import type { PodObjects } from './pod-objects';
import { PodConfigError } from './pod-config-error';
import { planMounts, type SandboxMount } from './sandbox';
import { relativePath, type HostVolume } from './volumes';

/** What the local executor runs for one container, worked out before any container starts. */
export interface ContainerPlan {
  container: Container;
  kind: 'init' | 'sidecar' | 'primary' | 'container';
  argv: string[];
  /** The container's own variables (the process also gets the executor's base environment). */
  env: Record<string, string>;
  cwd: string;
  /** Volume mounts, checked and ordered; empty = no mount namespace needed. */
  mounts: SandboxMount[];
}

export const noCommandMessage = (name: string) =>
  `container "${name}" has no command; images are not pulled locally, so a container runs only its command`;

export interface PlanContext {
  pod: Pod;
  primary: string;
  objects: PodObjects;
  volumes: ReadonlyMap<string, HostVolume>;
  podDir: string;
  /** Run-time values for the primary (PODFLOW_CODE_DIR, PODFLOW_OUTPUTS_FILE). */
  primaryOverrides: Record<string, string>;
}

/** Plans every container (init containers first, in order). Throws PodConfigError for whatever cannot run here. */
export function planContainers(ctx: PlanContext): ContainerPlan[] {
  const spec = ctx.pod.spec;
  // Podflow's install step is not run here: the executor points PODFLOW_DEPS_DIR at a cached environment instead.
  const init = (spec?.initContainers ?? []).filter((c) => c.name !== REQUIREMENTS_CONTAINER).map((c) => plan(ctx, c, c.restartPolicy === 'Always' ? 'sidecar' : 'init'));
  const main = (spec?.containers ?? []).map((c) => plan(ctx, c, c.name === ctx.primary ? 'primary' : 'container'));
  return [...init, ...main];
}

function plan(ctx: PlanContext, container: Container, kind: ContainerPlan['kind']): ContainerPlan {
  const isPrimary = kind === 'primary';
  if (!container.command?.length) throw new PodConfigError(noCommandMessage(container.name));
  const env = containerEnv(ctx.pod, container, ctx.objects, isPrimary ? ctx.primaryOverrides : {});
  const argv = containerArgv(container, env);

  const mounts: SandboxMount[] = [];
  for (const mount of container.volumeMounts ?? []) {
    // Podflow's own code and requirements volumes are reached through PODFLOW_CODE_DIR and PODFLOW_DEPS_DIR: they
    // never need a namespace.
    if (isPrimary && (mount.name === CODE_VOLUME || mount.name === DEPS_VOLUME)) continue;
    const volume = ctx.volumes.get(mount.name);
    if (!volume) throw new PodConfigError(`container "${container.name}" mounts volume "${mount.name}", which the pod does not define`);
    let source = volume.hostPath;
    const sub = mount.subPathExpr ? expandVars(mount.subPathExpr, (n) => env[n]) : mount.subPath;
    if (sub) {
      source = join(volume.hostPath, relativePath(sub));
      if (!existsSync(source)) {
        if (volume.readOnly) throw new PodConfigError(`container "${container.name}": subPath "${sub}" does not exist in volume "${mount.name}"`);
        mkdirSync(source, { recursive: true });
      }
    }
    mounts.push({ volume: mount.name, source, target: mount.mountPath, readOnly: (mount.readOnly ?? false) || volume.readOnly });
  }
  let ordered: SandboxMount[];
  try {
    ordered = planMounts(mounts);
  } catch (e) {
    throw new PodConfigError(`container "${container.name}": ${(e as Error).message}`);
  }

  let cwd = container.workingDir;
  if (!cwd) {
    cwd = join(ctx.podDir, 'work', container.name);
    mkdirSync(cwd, { recursive: true });
  } else {
    const dir = cwd;
    const problem = workingDirProblem(dir);
    if (problem) throw new PodConfigError(`container "${container.name}": workingDir "${dir}" ${problem}`);
    const inside = [...ordered].reverse().find((m) => dir === m.target || dir.startsWith(`${m.target}/`));
    if (inside && !inside.readOnly) mkdirSync(hostPathInside(inside.source, dir.slice(inside.target.length), container.name), { recursive: true });
    else if (!inside && !existsSync(dir)) {
      throw new PodConfigError(`container "${container.name}": workingDir ${dir} does not exist on this machine (the local executor runs commands on the host)`);
    }
  }
  return { container, kind, argv, env, cwd, mounts: ordered };
}

/**
 * The host directory for `rest` inside a volume's `source`, refused unless it lies inside it: the executor creates
 * directories only inside what the pod owns.
 */
function hostPathInside(source: string, rest: string, container: string): string {
  const path = join(source, rest);
  const within = relative(source, path);
  if (within === '..' || within.startsWith('../') || isAbsolute(within)) {
    throw new PodConfigError(`container "${container}": workingDir would lie outside its volume (${path} is not inside ${source})`);
  }
  return path;
}

/**
 * A primary that only runs Podflow's entrypoint on its code: a warm worker can fork it, if it needs no mount namespace
 * or the worker can build one (`namespaces`: the worker runs as root). Its pod may have init containers, sidecars and
 * other containers (they run as their own processes, init containers first, as for any pod).
 */
export function isWarmEligible(plan: ContainerPlan, namespaces: boolean): boolean {
  if (plan.kind !== 'primary' || (plan.mounts.length > 0 && !namespaces)) return false;
  const { command = [], args = [] } = plan.container;
  return args.length === 0 && command.length === ENTRYPOINT_COMMAND.length && command.every((part, i) => part === ENTRYPOINT_COMMAND[i]);
}
