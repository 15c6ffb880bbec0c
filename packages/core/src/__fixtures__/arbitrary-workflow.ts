import fc from 'fast-check';
import { nodeId } from '../document/ids';
import {
  API_VERSION, KIND,
  type Binding, type MapSettings, type Position, type Task, type WorkflowDoc, type WorkflowInput, type WorkflowNode, type WorkflowOutput,
} from '../document/workflow-schema';
import type { Json } from '../util/json';
import { PYTHON_KEYWORDS } from '../util/names';

/**
 * fast-check arbitraries for workflow documents (fields in schema order, as parsing writes them) that pass the schema and keep referential integrity (unique ids and
 * names, bindings and outputs naming existing nodes/inputs, layout keys naming existing things, no cycles). Strings
 * are hostile on purpose: YAML 1.1 booleans, numbers in disguise, indicators, unicode, control characters, code with
 * trailing spaces and odd indentation.
 */

/** Strings that a careless YAML writer would turn into something else. */
export const YAML_TRAPS = [
  '', ' ', 'yes', 'no', 'on', 'off', 'y', 'n', 'true', 'False', 'null', '~', 'NULL', '0x10', '0o17', '010', '1_000',
  '1e3', '.5', '-.inf', '.NaN', '+12', '12:30:00', '2024-01-01', '- a', 'key: value', '? q', '#not a comment',
  '&anchor', '*alias', '!tag', '%YAML', '@at', '`tick', '|', '>', '"', "'", '{a: 1}', '[1, 2]', '<<', '=',
  ' leading', 'trailing ', 'tab\there', 'a\nb', 'line\n', '\n', '\n\nx', 'x\n\n', 'crlf\r\nline', '\u2028', '\u0085',
  '\ufeffbom', 'é', '日本語', '🚀 emoji', 'a # b', "it's", 'say "hi"', '\\', 'null\u0000byte', '---', '...',
];

export const arbString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...YAML_TRAPS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...YAML_TRAPS), { maxLength: 3 }).map((p) => p.join('')) },
);

export const arbIdentifier: fc.Arbitrary<string> = fc
  .stringMatching(/^[a-z_][a-z0-9_]{0,10}$/)
  .filter((s) => !PYTHON_KEYWORDS.has(s));

/**
 * Keys of string-keyed records. `__proto__` is left out: the schema's `z.record` drops it (see the known-bug test in
 * document/roundtrip.test.ts); every other key a person can type is in.
 */
const notProto = (key: string): boolean => key !== '__proto__';

export const arbNodeIdText: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,12}$/),
  fc.constantFrom('yes', 'on', 'null', 'True', 'constructor', 'toString', 'x-1', '_'),
).filter(notProto);

const arbNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
  fc.constantFrom(0, 1.5, 1e21, -1e-7, Number.MAX_SAFE_INTEGER, 2 ** 60),
).map((n) => (Object.is(n, -0) ? 0 : n)); // JSON writes -0 as 0: a known, accepted loss

const arbKey: fc.Arbitrary<string> = fc.oneof(arbIdentifier, arbString).filter(notProto);

export const arbJson: fc.Arbitrary<Json> = fc.letrec<{ json: Json }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    arbNumber,
    arbString,
    fc.array(tie('json'), { maxLength: 3 }),
    fc.dictionary(arbKey, tie('json'), { maxKeys: 3 }),
  ),
})).json;

/** Python source: a `def` line, then a body of odd lines (trailing spaces, tabs, blank lines, unicode, YAML traps). */
const arbCode = (name: string): fc.Arbitrary<string> =>
  fc
    .record({
      leading: fc.constantFrom('', '\n', '# comment\n', '  \n', 'import os\n\n'),
      params: fc.constantFrom('a: int', 'a: int, b: int = 0', '', 'xs: list[str]'),
      body: fc.array(fc.oneof(arbString.map((s) => `    # ${s.replace(/[\r\n]/g, ' ')}`), fc.constantFrom('    x = 1   ', '', '   ', '\t', '    return "yes"', '    s = """\nkey: value\n- a\n"""')), { maxLength: 4 }),
      ending: fc.constantFrom('', '\n', '\n\n', '  ', '\n  \n'),
    })
    .map(({ leading, params, body, ending }) => `${leading}def ${name}(${params}) -> str:\n${[...body, '    return ""'].join('\n')}${ending}`);

const arbPosition: fc.Arbitrary<Position> = fc.record({ x: arbNumber, y: arbNumber });
const arbStringMap = fc.dictionary(arbKey, arbString, { maxKeys: 3 });

const arbTaskBody = (name: string): fc.Arbitrary<Task> =>
  fc.record(
    {
      name: fc.constant(name),
      type: fc.constantFrom('python' as const, 'dynamic' as const),
      description: arbString,
      code: arbCode(name),
      pod: fc.record(
        {
          primaryContainerName: fc.constantFrom('primary', 'main', ''),
          labels: arbStringMap,
          annotations: arbStringMap,
          spec: fc.record(
            {
              containers: fc.array(fc.record({ name: fc.constantFrom('primary', 'sidecar'), image: arbString }), { maxLength: 2 }),
              nodeSelector: arbStringMap,
              extra: arbJson,
            },
            { requiredKeys: ['containers'] },
          ),
        },
        { requiredKeys: [] },
      ),
      resources: fc.record(
        { requests: fc.dictionary(fc.constantFrom('cpu', 'memory', 'gpu'), fc.oneof(arbString, arbNumber)), limits: fc.dictionary(fc.constantFrom('cpu', 'memory'), fc.oneof(arbString, arbNumber)) },
        { requiredKeys: [] },
      ),
      image: arbString,
      env: arbStringMap,
      retries: fc.integer({ min: 0, max: 100 }),
      timeoutSeconds: fc.oneof(fc.integer({ min: 1, max: 86_400 }), fc.double({ min: 0.001, max: 1e6, noNaN: true })),
      cache: fc.record({ enabled: fc.boolean(), version: arbString }, { requiredKeys: ['enabled'] }),
    },
    { requiredKeys: ['name', 'type', 'code'] },
  );

const arbMap: fc.Arbitrary<MapSettings> = fc.record(
  {
    over: fc.array(arbIdentifier, { maxLength: 2 }),
    concurrency: fc.integer({ min: 1, max: 64 }),
    minSuccessRatio: fc.double({ min: 0, max: 1, noNaN: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
    retries: fc.integer({ min: 0, max: 100 }),
  },
  { requiredKeys: [] },
);

/** A binding before it knows what exists: resolved against earlier nodes and the workflow inputs. */
interface RawBinding {
  kind: 'node' | 'input' | 'value';
  pick: number;
  output: string;
  value: Json;
}
const arbRawBinding: fc.Arbitrary<RawBinding> = fc.record({
  kind: fc.constantFrom('node' as const, 'input' as const, 'value' as const),
  pick: fc.nat(),
  output: fc.oneof(fc.constantFrom('o0', 'o1'), arbIdentifier),
  value: arbJson,
});

interface RawNode {
  id: string;
  taskPick: number;
  description: string | undefined;
  map: MapSettings | undefined;
  inputs: [string, RawBinding][] | undefined;
}
const arbRawNode: fc.Arbitrary<RawNode> = fc.record({
  id: arbNodeIdText,
  taskPick: fc.nat(),
  description: fc.option(arbString, { nil: undefined }),
  map: fc.option(arbMap, { nil: undefined }),
  inputs: fc.option(fc.uniqueArray(fc.tuple(arbKey, arbRawBinding), { selector: ([k]) => k, maxLength: 3 }), { nil: undefined }),
});

const arbInput = (name: string): fc.Arbitrary<WorkflowInput> =>
  fc.record(
    { name: fc.constant(name), type: fc.constantFrom('int', 'str', 'list[int]', 'Optional[str]', 'dict'), description: arbString, default: arbJson },
    { requiredKeys: ['name', 'type'] },
  );

export interface ArbitraryWorkflowOptions {
  maxTasks?: number;
  maxNodes?: number;
}

export function arbitraryWorkflow({ maxTasks = 4, maxNodes = 8 }: ArbitraryWorkflowOptions = {}): fc.Arbitrary<WorkflowDoc> {
  const arbTasks = fc.uniqueArray(arbIdentifier, { maxLength: maxTasks }).chain((names) => fc.tuple(...names.map(arbTaskBody)));
  const arbInputs = fc.uniqueArray(arbIdentifier, { maxLength: 3 }).chain((names) => fc.tuple(...names.map(arbInput)));
  return fc
    .record({
      name: fc.oneof(fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/), arbString),
      description: fc.option(arbString, { nil: undefined }),
      defaults: fc.option(fc.record({ image: arbString, namespace: arbString }, { requiredKeys: [] }), { nil: undefined }),
      podTemplate: fc.option(
        fc.record({ metadata: fc.record({ labels: arbStringMap, annotations: arbStringMap }, { requiredKeys: [] }), spec: fc.dictionary(arbKey, arbJson, { maxKeys: 2 }) }, { requiredKeys: [] }),
        { nil: undefined },
      ),
      failurePolicy: fc.option(fc.constantFrom('failFast' as const, 'continue' as const), { nil: undefined }),
      inputs: arbInputs,
      tasks: arbTasks,
      nodes: fc.uniqueArray(arbRawNode, { selector: (n) => n.id, maxLength: maxNodes }),
      outputs: fc.uniqueArray(fc.record({ name: arbString, pick: fc.nat(), output: fc.constantFrom('o0', 'o1'), type: fc.option(arbString, { nil: undefined }) }), { selector: (o) => o.name, maxLength: 3 }),
      layoutPicks: fc.array(fc.tuple(fc.nat(), arbPosition), { maxLength: 8 }),
      omitEmpty: fc.boolean(),
    })
    .map((raw): WorkflowDoc => {
      const tasks: Task[] = raw.tasks;
      const inputs: WorkflowInput[] = raw.inputs;
      const nodes: WorkflowNode[] = tasks.length === 0 ? [] : raw.nodes.map((rn, i): WorkflowNode => {
        const node: WorkflowNode = { id: nodeId(rn.id), task: tasks[rn.taskPick % tasks.length]!.name };
        if (rn.description !== undefined) node.description = rn.description;
        if (rn.map) node.map = rn.map;
        if (rn.inputs) {
          node.inputs = Object.fromEntries(rn.inputs.map(([key, b]): [string, Binding] => {
            if (b.kind === 'node' && i > 0) return [key, { node: nodeId(raw.nodes[b.pick % i]!.id), output: b.output }];
            if (b.kind === 'input' && inputs.length > 0) return [key, { input: inputs[b.pick % inputs.length]!.name }];
            return [key, { value: b.value }];
          }));
        }
        return node;
      });
      const outputs: WorkflowOutput[] = nodes.length === 0 ? [] : raw.outputs.map((o) => {
        const from = { node: nodes[o.pick % nodes.length]!.id, output: o.output };
        return o.type === undefined ? { name: o.name, from } : { name: o.name, type: o.type, from };
      });
      const layoutKeys = [...nodes.map((n) => n.id as string), ...inputs.map((i) => `input:${i.name}`), ...outputs.map((o) => `output:${o.name}`)];
      const layout = layoutKeys.length === 0 ? {} : Object.fromEntries(raw.layoutPicks.map(([pick, p]) => [layoutKeys[pick % layoutKeys.length]!, p]));
      const spec: WorkflowDoc['spec'] = {};
      if (raw.defaults) spec.defaults = raw.defaults;
      if (raw.podTemplate) spec.podTemplate = raw.podTemplate as WorkflowDoc['spec']['podTemplate'];
      if (raw.failurePolicy) spec.failurePolicy = raw.failurePolicy;
      const put = <K extends 'inputs' | 'outputs' | 'tasks' | 'nodes'>(key: K, list: NonNullable<WorkflowDoc['spec'][K]>): void => {
        if (list.length > 0 || !raw.omitEmpty) spec[key] = list;
      };
      put('inputs', inputs);
      put('outputs', outputs);
      put('tasks', tasks);
      put('nodes', nodes);
      if (Object.keys(layout).length > 0 || !raw.omitEmpty) spec.layout = layout;
      const metadata: WorkflowDoc['metadata'] = { name: raw.name };
      if (raw.description !== undefined) metadata.description = raw.description;
      return { apiVersion: API_VERSION, kind: KIND, metadata, spec };
    });
}
