// Test-only: a workflow reduced to what "equivalent" means in issue #15 — the same tasks (code, pod, resources,
// retries, timeouts, cache, map settings), nodes, bindings, and inputs and outputs with their defaults. Layout,
// descriptions, the order of keys and of list entries that are sets (tasks, nodes, inputs) do not count; neither do
// defaults written out (primaryContainerName "primary", retries 0, a disabled cache, map retries equal to the task's,
// map.over naming just the first input, blank-line runs in code), nor quantities written as numbers (the Kubernetes Python client makes them
// strings; Kubernetes reads both the same).
import { parseTaskCode, stableStringify, type WorkflowDoc } from '@podflow/core';

export function equivalentForm(doc: WorkflowDoc): unknown {
  const s = doc.spec;
  const byName = <T extends { name: string }>(xs: T[] | undefined) => [...(xs ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1));
  const tasks = byName(s.tasks).map(({ description: _d, ...t }) => {
    const out: Record<string, unknown> = { ...t };
    if (t.pod?.primaryContainerName === 'primary') out.pod = { ...t.pod, primaryContainerName: undefined };
    // Import lays a task's module out as PEP 8 does (two blank lines before a def): blank-line runs do not count.
    out.code = t.code.replace(/\n(\s*\n)+/g, '\n\n');
    if (!t.retries) delete out.retries;
    if (t.resources) out.resources = quantitiesAsStrings(t.resources);
    if (t.pod?.spec) out.pod = { ...(out.pod as object), spec: quantitiesAsStrings(t.pod.spec) };
    if (!t.cache?.enabled) delete out.cache;
    return JSON.parse(stableStringify(out));
  });
  const retriesOf = (task: string) => s.tasks?.find((t) => t.name === task)?.retries ?? 0;
  const nodes = [...(s.nodes ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1)).map(({ description: _d, ...n }) => {
    const out: Record<string, unknown> = { ...n };
    if (n.map) {
      const map: Record<string, unknown> = { ...n.map };
      if (n.map.retries === retriesOf(n.task)) delete map.retries;
      if (n.map.minSuccessRatio === 1) delete map.minSuccessRatio;
      const task = s.tasks?.find((t) => t.name === n.task);
      const first = task ? parseTaskCode(task.code, task.name).signature?.inputs[0]?.name : undefined;
      if (n.map.over?.length === 1 && n.map.over[0] === first) delete map.over;
      out.map = map;
    }
    // A constant equal to the parameter's own Python default is what leaving it unbound means (flytekit binds
    // defaults explicitly; the importer leaves them out).
    const sig = (() => {
      const task = s.tasks?.find((t) => t.name === n.task);
      return task ? parseTaskCode(task.code, task.name).signature : undefined;
    })();
    if (n.inputs) {
      const inputs = { ...n.inputs };
      for (const [port, b] of Object.entries(inputs)) {
        const param = sig?.inputs.find((i) => i.name === port);
        if ('value' in b && param?.defaultText !== undefined && stableStringify(pythonDefault(param.defaultText)) === stableStringify(b.value)) delete inputs[port];
      }
      out.inputs = inputs;
    }
    if (out.inputs && Object.keys(out.inputs).length === 0) delete out.inputs;
    return JSON.parse(stableStringify(out));
  });
  return {
    name: doc.metadata.name,
    failurePolicy: s.failurePolicy ?? 'failFast',
    defaults: JSON.parse(stableStringify(s.defaults ?? {})),
    inputs: byName(s.inputs).map(({ description: _d, ...i }) => JSON.parse(stableStringify(i))),
    outputs: byName(s.outputs).map(({ description: _d, ...o }) => JSON.parse(stableStringify(o))),
    tasks,
    nodes,
  };
}

/** Numbers under requests/limits (resource quantities) as strings. */
export function quantitiesAsStrings<T>(value: T): T {
  const walk = (v: unknown, key?: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') {
      const quantities = key === 'requests' || key === 'limits';
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, quantities && typeof x === 'number' ? String(x) : walk(x, k)]));
    }
    return v;
  };
  return walk(value) as T;
}

function pythonDefault(text: string): unknown {
  try {
    return JSON.parse(text.replace(/\bNone\b/g, 'null').replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false'));
  } catch {
    return Symbol('not JSON');
  }
}
