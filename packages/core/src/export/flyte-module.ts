import type { Binding, WorkflowDoc, WorkflowNode } from '../document/workflow-schema';
import { findNode, findTask, inputsOf, outputsOf, tasksOf } from '../document/accessors';
import { topoSort } from '../graph/topo-sort';
import { mappedInputs } from '../document/mapped-inputs';
import { formatPyType, listOf, optionalOf, parsePyType, type PyType } from '../python/py-type';
import { parseTaskCode } from '../python/parse-task-code';
import { PYTHON_KEYWORDS, isPythonIdentifier } from '../util/names';
import type { Diagnostic } from '../validate/diagnostic';
import { hasErrors } from '../validate/diagnostic';
import { validateWorkflow } from '../validate/validate-workflow';
import { emptyImports, mapMetadata, taskDecorator, type FlyteImports } from './flyte-task-decorator';
import { moduleChunks, type ModuleChunk } from './python-module-chunks';
import { pythonLiteral, pythonString } from './python-literal';

export type FlyteExport = { ok: true; module: string; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** Names the exported module itself binds; a task's code that defines one of them cannot share the module. */
const FRAMEWORK_NAMES = new Set([
  'task', 'dynamic', 'workflow', 'map_task', 'Resources', 'PodTemplate', 'TaskMetadata', 'Cache', 'WorkflowFailurePolicy', 'timedelta',
  'Any', 'NamedTuple', 'Optional',
]);

/** `map-pod-workflow` → `map_pod_workflow` (the importer maps `_` back to `-`). */
export function flyteWorkflowFunctionName(workflowName: string): string {
  return workflowName.replace(/-/g, '_');
}

/**
 * A workflow as one flytekit module (DESIGN.md §5): its tasks with their code under `@task`/`@dynamic` with
 * `pod_template=PodTemplate(...)`, resources, image, environment, retries, timeout and cache; one `@workflow` named
 * after the workflow whose body calls the tasks (`map_task` for map nodes) and returns the workflow's outputs, with
 * the inputs' defaults as Python defaults. Readable as code a person wrote: flytekit's serializer reads it back to the
 * same pods (`apps/server/src/flyte` tests that with real flytekit).
 *
 * Refused, with a diagnostic naming the task, node or field: an invalid workflow; task modules that bind the same
 * top-level name differently (one module cannot hold both) or a name the module's own imports use; resources that
 * flytekit's `Resources` cannot name; pod fields the Kubernetes Python client lacks; a workflow name that is not a
 * Python identifier once `-` becomes `_`.
 */
export function toFlytekitModule(doc: WorkflowDoc): FlyteExport {
  const invalid = validateWorkflow(doc).filter((d) => d.severity === 'error');
  if (invalid.length > 0) return { ok: false, diagnostics: invalid };
  const problems: Diagnostic[] = [];
  const notes: string[] = [];
  const imports = emptyImports();
  const wfName = flyteWorkflowFunctionName(doc.metadata.name);
  if (!isPythonIdentifier(wfName) || PYTHON_KEYWORDS.has(wfName)) {
    problems.push({ code: 'flyte-export-name', severity: 'error', path: 'metadata.name', message: `"${wfName}" is not a Python identifier, so it cannot name the @workflow function; rename the workflow (letters, digits and -, not starting with a digit)` });
  }
  const taskNames = new Set(tasksOf(doc).map((t) => t.name));
  if (taskNames.has(wfName)) {
    problems.push({ code: 'flyte-export-name', severity: 'error', path: 'metadata.name', message: `the workflow function ${wfName} would have the same name as a task; rename one of them` });
  }

  // Each task's code is a module; lay them side by side: shared imports and helpers once, the functions decorated.
  const userImports: string[] = [];
  const helpers: ModuleChunk[] = [];
  const boundBy = new Map<string, { text: string; task: string }>();
  const taskBlocks: string[] = [];
  tasksOf(doc).forEach((task, index) => {
    const chunks = moduleChunks(task.code);
    let fn: ModuleChunk | undefined;
    for (const chunk of chunks) {
      if (chunk.kind === 'function' && chunk.defines[0] === task.name) {
        fn = chunk;
        continue;
      }
      for (const name of chunk.defines) {
        const clash = taskNames.has(name) ? `task ${name}` : (FRAMEWORK_NAMES.has(name) && !sameImport(chunk, name)) || name === wfName ? `the module's own ${name}` : undefined;
        const earlier = boundBy.get(name);
        if (clash || (earlier && earlier.text !== chunk.text)) {
          problems.push({
            code: 'flyte-export-name-clash',
            severity: 'error',
            task: task.name,
            path: `spec.tasks[${index}].code`,
            message: `the code binds ${name} at module level, which ${clash ?? `task ${earlier!.task} binds differently`}; in one flytekit module they would collide — rename it`,
          });
        }
        if (!earlier) boundBy.set(name, { text: chunk.text, task: task.name });
      }
      if (chunk.kind === 'import') {
        if (!userImports.includes(chunk.text)) userImports.push(chunk.text);
      } else if (!helpers.some((h) => h.text === chunk.text)) {
        helpers.push(chunk);
      }
    }
    taskBlocks.push(`${taskDecorator(doc, task, imports, problems)}\n${fn?.text ?? task.code.trim()}`);
  });

  const body = workflowBody(doc, wfName, taskNames, imports, problems);
  if (doc.spec.defaults?.namespace) notes.push(`# Podflow ran this workflow in namespace ${doc.spec.defaults.namespace}; Flyte picks the namespace from the project and domain.`);
  if (hasErrors(problems)) return { ok: false, diagnostics: problems };

  const header = [`"""${docstring(doc)}"""`];
  const framework: string[] = [];
  if (imports.datetime.size > 0) userImports.unshift(`from datetime import ${[...imports.datetime].sort().join(', ')}`);
  if (imports.typing.size > 0) userImports.unshift(`from typing import ${[...imports.typing].sort().join(', ')}`);
  framework.push(`from flytekit import ${sortImports(imports.flytekit).join(', ')}`);
  if (imports.kubernetes.size > 0) framework.push(importLine('kubernetes.client', [...imports.kubernetes].sort()));
  const sections = [header.join('\n'), ...(notes.length ? [notes.join('\n')] : []), ...(userImports.length ? [dedupeImports(userImports).join('\n')] : []), framework.join('\n')];
  let text = sections.join('\n\n');
  let previous: ModuleChunk['kind'] = 'import';
  for (const helper of helpers) {
    const gap = helper.kind === 'function' || helper.kind === 'class' || previous === 'function' || previous === 'class' ? '\n\n\n' : previous === 'import' ? '\n\n' : '\n';
    text += `${gap}${helper.text}`;
    previous = helper.kind;
  }
  for (const block of [...taskBlocks, body]) text += `\n\n\n${block}`;
  return { ok: true, module: `${text}\n`, diagnostics: [] };
}

/** `from typing import Optional` in a task binds what the module's own typing import binds: no clash. */
function sameImport(chunk: ModuleChunk, name: string): boolean {
  if (chunk.kind !== 'import') return false;
  const from = /^from\s+(\S+)\s+import\b/.exec(chunk.text)?.[1];
  if (from === 'typing') return ['Any', 'NamedTuple', 'Optional'].includes(name) && !new RegExp(`\\b${name}\\s+as\\b`).test(chunk.text);
  if (from === 'datetime') return name === 'timedelta';
  if (from === 'flytekit') return true;
  return false;
}

function docstring(doc: WorkflowDoc): string {
  const description = doc.metadata.description?.trim();
  const lines = [...wrap(`${doc.metadata.name}${description ? `: ${description}` : ''}`, 100), '', 'Exported from a Podflow workflow (podflow/v1alpha1).'];
  return lines.join('\n').replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** flytekit's names, classes first (as isort orders them). */
function sortImports(names: Set<string>): string[] {
  return [...names].sort((a, b) => {
    const ca = /^[A-Z]/.test(a) ? 0 : 1;
    const cb = /^[A-Z]/.test(b) ? 0 : 1;
    return ca - cb || (a < b ? -1 : a > b ? 1 : 0);
  });
}

function importLine(module: string, names: string[]): string {
  const flat = `from ${module} import ${names.join(', ')}`;
  return flat.length <= 100 ? flat : `from ${module} import (\n${names.map((n) => `    ${n},\n`).join('')})`;
}

/** Identical import lines once; `from typing import X` lines merged. */
function dedupeImports(lines: string[]): string[] {
  const typing = new Set<string>();
  const rest: string[] = [];
  for (const line of lines) {
    const m = /^from typing import ([\w, ]+)$/.exec(line);
    if (m) m[1]!.split(',').map((s) => s.trim()).filter(Boolean).forEach((n) => typing.add(n));
    else if (!rest.includes(line)) rest.push(line);
  }
  return typing.size > 0 ? [`from typing import ${[...typing].sort().join(', ')}`, ...rest] : rest;
}

interface NodeOutputs {
  /** Variable per output name. */
  vars: Map<string, string>;
}

function workflowBody(doc: WorkflowDoc, wfName: string, taskNames: Set<string>, imports: FlyteImports, problems: Diagnostic[]): string {
  imports.flytekit.add('workflow');
  const taken = new Set<string>([...taskNames, ...FRAMEWORK_NAMES, wfName, ...inputsOf(doc).map((i) => i.name)]);
  const fresh = (base: string): string => {
    let name = base.replace(/[^A-Za-z0-9_]/g, '_');
    if (!isPythonIdentifier(name) || PYTHON_KEYWORDS.has(name)) name = `n_${name}`;
    let candidate = name;
    for (let i = 2; taken.has(candidate); i++) candidate = `${name}_${i}`;
    taken.add(candidate);
    return candidate;
  };

  // Signature: required inputs first (Python wants defaults last), then those with defaults.
  const params = [...inputsOf(doc)].sort((a, b) => Number(a.default !== undefined) - Number(b.default !== undefined));
  const signature = params.map((input) => {
    const type = typeSource(input.type, imports);
    return input.default !== undefined ? `${input.name}: ${type} = ${pythonLiteral(input.default)}` : `${input.name}: ${type}`;
  });

  const sorted = topoSort(doc);
  const order = 'order' in sorted ? sorted.order : [];
  const outputsOfNode = new Map<string, NodeOutputs>();
  const lines: string[] = [];
  const usedIds = new Set<string>();
  for (const id of order) {
    const node = findNode(doc, id)!;
    const signatureOf = parseTaskCode(findTask(doc, node.task)!.code, node.task).signature;
    const args = Object.entries(node.inputs ?? {}).map(([port, binding]) => `${port}=${bindingSource(binding, outputsOfNode)}`);
    if (node.map) {
      const over = mappedInputs(doc, node);
      for (const input of signatureOf?.inputs ?? []) {
        if (!over.includes(input.name) && !(input.name in (node.inputs ?? {})) && input.defaultText !== undefined) args.push(`${input.name}=${input.defaultText}`);
      }
    }
    let call = node.map ? `${mapCall(doc, node, imports)}(${args.join(', ')})` : `${node.task}(${args.join(', ')})`;
    // The importer names a node after its task (then _2, _3…); any other id travels as the node's name.
    let fallback = node.task;
    for (let i = 2; usedIds.has(fallback); i++) fallback = `${node.task}_${i}`;
    if (fallback !== node.id) call += `.with_overrides(name=${pythonString(node.id)})`;
    usedIds.add(node.id);
    const outNames = signatureOf?.outputs.map((o) => o.name) ?? [];
    const base = fresh(taken.has(node.id) ? `${node.id}_out` : node.id);
    const vars = new Map<string, string>();
    if (outNames.length === 0) {
      lines.push(`    ${call}`);
    } else if (outNames.length === 1) {
      vars.set(outNames[0]!, base);
      lines.push(`    ${base} = ${call}`);
    } else {
      const names = outNames.map((o) => fresh(`${base}_${o}`));
      outNames.forEach((o, i) => vars.set(o, names[i]!));
      lines.push(`    ${names.join(', ')} = ${call}`);
    }
    outputsOfNode.set(node.id, { vars });
  }

  const outputs = outputsOf(doc);
  let returns = '';
  let namedTuple = '';
  const outTypes = outputs.map((o) => typeSource(o.type ?? outputTypeOf(doc, o.from.node, o.from.output), imports));
  const values = outputs.map((o) => outputsOfNode.get(o.from.node)?.vars.get(o.from.output) ?? 'None');
  if (outputs.length === 1 && outputs[0]!.name === 'o0') {
    returns = ` -> ${outTypes[0]}`;
    lines.push(`    return ${values[0]}`);
  } else if (outputs.length > 0 && outputs.every((o, i) => o.name === `o${i}`)) {
    returns = ` -> tuple[${outTypes.join(', ')}]`;
    lines.push(`    return ${values.join(', ')}`);
  } else if (outputs.length > 0) {
    imports.typing.add('NamedTuple');
    const cls = `${wfName.split('_').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('')}Outputs`;
    namedTuple = `class ${cls}(NamedTuple):\n${outputs.map((o, i) => `    ${o.name}: ${outTypes[i]}`).join('\n')}\n\n\n`;
    returns = ` -> ${cls}`;
    lines.push(`    return ${cls}(${outputs.map((o, i) => `${o.name}=${values[i]}`).join(', ')})`);
  }
  if (lines.length === 0) lines.push('    pass');
  let decorator = '@workflow';
  if (doc.spec.failurePolicy === 'continue') {
    imports.flytekit.add('WorkflowFailurePolicy');
    decorator = '@workflow(failure_policy=WorkflowFailurePolicy.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE)';
  }
  const sig = signature.length === 0 ? '' : signature.join(', ');
  const defLine = `def ${wfName}(${sig})${returns}:`;
  const def = defLine.length <= 120 ? defLine : `def ${wfName}(\n${signature.map((s) => `    ${s},\n`).join('')})${returns}:`;
  if (problems.length > 0) return '';
  return `${namedTuple}${decorator}\n${def}\n${lines.join('\n')}`;
}

function mapCall(doc: WorkflowDoc, node: WorkflowNode, imports: FlyteImports): string {
  imports.flytekit.add('map_task');
  const map = node.map!;
  const args = [node.task];
  const task = findTask(doc, node.task)!;
  const sig = parseTaskCode(task.code, task.name).signature;
  const over = mappedInputs(doc, node);
  const bound = Object.keys(node.inputs ?? {}).filter((port) => !over.includes(port));
  // flytekit maps every input it is not told is bound; Podflow maps only `over`, the rest keep their defaults.
  const defaulted = (sig?.inputs ?? []).filter((i) => !over.includes(i.name) && !bound.includes(i.name) && i.defaultText !== undefined);
  const allBound = [...bound, ...defaulted.map((i) => i.name)];
  if (allBound.length > 0) args.push(`bound_inputs={${allBound.map(pythonString).join(', ')}}`);
  if (map.concurrency !== undefined) args.push(`concurrency=${map.concurrency}`);
  if (map.minSuccessRatio !== undefined && map.minSuccessRatio !== 1) args.push(`min_success_ratio=${map.minSuccessRatio}`);
  if (map.retries !== undefined && map.retries !== (task.retries ?? 0)) args.push(`metadata=${mapMetadata(doc, node.task, map.retries, imports)}`);
  return `map_task(${args.join(', ')})`;
}

function bindingSource(binding: Binding, outputs: Map<string, NodeOutputs>): string {
  if ('input' in binding) return binding.input;
  if ('node' in binding) return outputs.get(binding.node)?.vars.get(binding.output) ?? 'None';
  return pythonLiteral(binding.value);
}

/** A document type as the annotation flytekit reads: builtin generics, `Optional`/`Any` from typing. */
function typeSource(text: string, imports: FlyteImports): string {
  const parsed = parsePyType(text);
  const type: PyType = parsed.ok ? parsed.type : { kind: 'any' };
  const source = formatPyType(type);
  if (source.includes('Optional[')) imports.typing.add('Optional');
  if (/\bAny\b/.test(source)) imports.typing.add('Any');
  return source;
}

function outputTypeOf(doc: WorkflowDoc, nodeId: string, output: string): string {
  const node = findNode(doc, nodeId);
  const task = node ? findTask(doc, node.task) : undefined;
  const out = task ? parseTaskCode(task.code, task.name).signature?.outputs.find((o) => o.name === output) : undefined;
  if (!out) return 'Any';
  let type = out.type;
  if (node?.map) type = listOf(node.map.minSuccessRatio !== undefined && node.map.minSuccessRatio < 1 ? optionalOf(type) : type);
  return formatPyType(type);
}

