import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Readable } from 'node:stream';
import { LineSplitter } from './line-splitter';
import { SETPRIV_EXEC_FAILURE, tiedToParent } from './process-lifetime';
import { groupGone, signalGroup, trackProcessGroup, untrackProcessGroup } from './process-registry';
import { signalByNumber, type ContainerExit, type LineSink, type RunningContainer } from './running-container';
import { bwrapArgv, unshareArgv, type SandboxKind, type SandboxMount } from './sandbox';

export interface HostProcessSpec {
  name: string;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** Present when the container has volume mounts: run it in a private mount namespace. */
  sandbox?: { kind: SandboxKind; mounts: SandboxMount[]; root: string };
  onLine: LineSink;
}

/** How long output pipes may stay open after the process group is gone (held by an escaped daemon). */
const DRAIN_MS = 2000;
/** How long a SIGKILLed group may take to be gone once its pipes are closed (groupGone). */
export const GROUP_GONE_MS = 200;

/**
 * Runs a container as a host process in its own process group (session). Signals go to the whole group, and once
 * the main process ends whatever it left in its group is killed, as when a container's main process exits.
 */
export function launchHostProcess(spec: HostProcessSpec): RunningContainer {
  const { argv, sandbox } = spec;
  const [file, args, extraFd] = !sandbox
    ? [argv[0] ?? '', argv.slice(1), false]
    : sandbox.kind === 'bwrap'
      ? ['bwrap', bwrapArgv(sandbox.mounts, spec.cwd, argv), true]
      : ['unshare', unshareArgv(sandbox.root, sandbox.mounts, spec.cwd, argv), true];
  // bwrap dies with its parent by itself (--die-with-parent); the others are tied to it by the kernel.
  const [spawnFile, spawnArgs] = sandbox?.kind === 'bwrap' ? [file, args] : tiedToParent(file, args);
  let execFailure: string | undefined;

  const child = spawn(spawnFile, spawnArgs, {
    cwd: sandbox ? '/' : spec.cwd,
    env: spec.env,
    detached: true,
    stdio: extraFd ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
  });
  const outerPid = child.pid;
  if (outerPid !== undefined) trackProcessGroup(outerPid);

  // bwrap: the command runs in its own session (--new-session), whose id arrives on the status fd.
  let commandGroup: number | undefined = sandbox?.kind === 'bwrap' ? undefined : outerPid;
  let sandboxExitCode: number | undefined;
  let sandboxReady = !sandbox;
  const sandboxMessages: string[] = [];
  const status = extraFd ? (child.stdio[3] as Readable | null) : null;
  if (status) {
    let text = '';
    status.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const pid = /"child-pid"\s*:\s*(\d+)/.exec(text);
      if (pid && commandGroup === undefined) {
        commandGroup = Number(pid[1]);
        trackProcessGroup(commandGroup);
      }
      const code = /"exit-code"\s*:\s*(\d+)/.exec(text);
      if (code) sandboxExitCode = Number(code[1]);
      if (sandbox?.kind === 'unshare' && text.includes('ready')) sandboxReady = true;
      if (sandbox?.kind === 'bwrap' && code) sandboxReady = true;
    });
  }

  const streams: Promise<void>[] = [];
  const splitters: LineSplitter[] = [];
  for (const [stream, pipe] of [['stdout', child.stdout], ['stderr', child.stderr]] as const) {
    if (!pipe) continue;
    const splitter = new LineSplitter((line) => {
      const failed = stream === 'stderr' && execFailure === undefined ? SETPRIV_EXEC_FAILURE.exec(line) : null;
      if (failed) {
        execFailure = failed[2]!;
        return;
      }
      if (stream === 'stderr' && sandbox && /^(bwrap|podflow-sandbox|unshare|mount|chroot): /.test(line) && !sandboxReady) sandboxMessages.push(line);
      spec.onLine(stream, line, Date.now());
    });
    splitters.push(splitter);
    pipe.on('data', (chunk: Buffer) => splitter.push(chunk));
    streams.push(new Promise((resolve) => pipe.once('close', () => resolve())));
  }

  let killed = false;
  let spawnError: Error | undefined;
  const exitedProcess = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (e) => {
      spawnError = e;
      resolve({ code: null, signal: null });
    });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  const exited = (async (): Promise<ContainerExit> => {
    const { code, signal } = await exitedProcess;
    // As when a container's main process ends: whatever it left running goes too.
    if (commandGroup !== undefined) signalGroup(commandGroup, 'SIGKILL');
    if (outerPid !== undefined) signalGroup(outerPid, 'SIGKILL');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(streams), new Promise((resolve) => (timer = setTimeout(resolve, DRAIN_MS)))]);
    clearTimeout(timer);
    child.stdout?.destroy();
    child.stderr?.destroy();
    status?.destroy();
    for (const s of splitters) s.end();
    await Promise.all([commandGroup, outerPid].map((group) => group !== undefined && groupGone(group, GROUP_GONE_MS)));
    if (outerPid !== undefined) untrackProcessGroup(outerPid);
    if (commandGroup !== undefined) untrackProcessGroup(commandGroup);

    if (spawnError) {
      const missing = (spawnError as NodeJS.ErrnoException).code === 'ENOENT';
      return {
        exitCode: 127,
        signal: null,
        startError: missing
          ? `${sandbox ? file : `command "${argv[0]}"`} not found on this machine (PATH=${spec.env.PATH ?? ''})`
          : `cannot start ${argv[0]}: ${spawnError.message}`,
      };
    }
    if (execFailure !== undefined && code === 127 && !sandbox) {
      return {
        exitCode: 127,
        signal: null,
        startError: /no such file/i.test(execFailure)
          ? `command "${argv[0]}" not found on this machine (PATH=${spec.env.PATH ?? ''})`
          : `cannot start ${argv[0]}: ${execFailure}`,
      };
    }
    const exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
    if (sandbox && !sandboxReady && sandboxExitCode === undefined && !(signal && killed)) {
      return { exitCode, signal, startError: sandboxMessages.join('; ') || `the ${sandbox.kind} mount namespace could not be set up` };
    }
    const finalCode = sandboxExitCode ?? exitCode;
    const finalSignal = signal ?? (finalCode > 128 ? signalByNumber(finalCode - 128) : null);
    return { exitCode: finalCode, signal: finalSignal };
  })();

  return {
    name: spec.name,
    exited,
    kill(sig) {
      killed = true;
      if (sig === 'SIGKILL' || commandGroup === undefined) {
        // Before bwrap has started the command there is nothing to be graceful with.
        if (commandGroup !== undefined) signalGroup(commandGroup, 'SIGKILL');
        if (outerPid !== undefined) signalGroup(outerPid, 'SIGKILL');
      } else {
        signalGroup(commandGroup, sig);
      }
    },
  };
}
