import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputsOf, nodesOf, outputsOf, tasksOf } from '../document/accessors';
import { nodeId, type NodeId } from '../document/ids';
import { WorkflowDocSchema, type WorkflowDoc } from '../document/workflow-schema';
import { arbIdentifier, arbitraryWorkflow, arbJson, arbNodeIdText, arbString } from '../__fixtures__/arbitrary-workflow';
import { deepFreeze } from '../__fixtures__/deep-freeze';
import { integrityProblems } from '../__fixtures__/integrity-problems';
import { topoSort } from '../graph/topo-sort';
import {
  addNode, addTask, addWorkflowInput, addWorkflowOutput, connect, disconnect, duplicateNodes, extractFragment, moveNodes,
  pasteFragment, removeNodes, removeTask, removeWorkflowInput, removeWorkflowOutput, renameNode, renameTask,
  renameWorkflowInput, setInputValue, setMap, updateTask, updateWorkflowInput, updateWorkflowMeta, updateWorkflowOutput,
  type OpResult,
} from './index';

/**
 * An op with random arguments. Targets are picks (`pick % (count + 1)`), so that one time in (count + 1) an op names
 * something that does not exist and must be refused or skipped.
 */
type Command = { op: string; pick: number; pick2: number; picks: number[]; name: string; text: string; json: unknown; n: number; flag: boolean };

const arbCommand: fc.Arbitrary<Command> = fc.record({
  op: fc.constantFrom(
    'addTask', 'updateTask', 'renameTask', 'removeTask', 'addNode', 'removeNodes', 'renameNode', 'connectNode', 'connectInput',
    'disconnect', 'setInputValue', 'setMap', 'moveNodes', 'addWorkflowInput', 'updateWorkflowInput', 'removeWorkflowInput',
    'renameWorkflowInput', 'addWorkflowOutput', 'updateWorkflowOutput', 'removeWorkflowOutput', 'duplicateNodes',
    'copyPaste', 'pasteForeign', 'updateWorkflowMeta',
  ),
  pick: fc.nat(),
  pick2: fc.nat(),
  picks: fc.array(fc.nat(), { maxLength: 4 }),
  name: fc.oneof(arbIdentifier, arbNodeIdText, arbString),
  text: arbString,
  json: arbJson,
  n: fc.integer({ min: -5, max: 1000 }),
  flag: fc.boolean(),
});

const pickOf = <T,>(items: readonly T[], pick: number): T | undefined => items[pick % (items.length + 1)];
const nodeAt = (doc: WorkflowDoc, pick: number): NodeId => pickOf(nodesOf(doc), pick)?.id ?? nodeId('ghost');
const taskAt = (doc: WorkflowDoc, pick: number): string => pickOf(tasksOf(doc), pick)?.name ?? 'ghost_task';
const inputAt = (doc: WorkflowDoc, pick: number): string => pickOf(inputsOf(doc), pick)?.name ?? 'ghost_input';
const outputAt = (doc: WorkflowDoc, pick: number): string => pickOf(outputsOf(doc), pick)?.name ?? 'ghost output';
const bindingNameAt = (doc: WorkflowDoc, id: NodeId, pick: number, fallback: string): string =>
  pickOf(Object.keys(nodesOf(doc).find((n) => n.id === id)?.inputs ?? {}), pick) ?? fallback;
const orSame = (doc: WorkflowDoc, result: OpResult): WorkflowDoc => (result.ok ? result.doc : doc);

function apply(doc: WorkflowDoc, c: Command, foreign: WorkflowDoc): WorkflowDoc {
  const position = { x: c.n, y: c.pick2 };
  switch (c.op) {
    case 'addTask':
      return orSame(doc, addTask(doc, { name: c.name, type: c.flag ? 'dynamic' : 'python', code: `def ${c.name}(a: int) -> int:\n    return ${taskAt(doc, c.pick)}(a=a)\n` }));
    case 'updateTask':
      return orSame(doc, updateTask(doc, taskAt(doc, c.pick), c.flag ? { description: c.text, retries: c.n } : { image: undefined, env: { K: c.text } }));
    case 'renameTask':
      return orSame(doc, renameTask(doc, taskAt(doc, c.pick), c.name));
    case 'removeTask':
      return orSame(doc, removeTask(doc, taskAt(doc, c.pick)));
    case 'addNode': {
      const tasks = tasksOf(doc); // addNode accepts a task that does not exist yet (validation reports it); not tested here
      const task = tasks[c.pick % Math.max(1, tasks.length)];
      return task ? addNode(doc, { task: task.name, ...(c.flag ? { id: c.name, position } : {}) }).doc : doc;
    }
    case 'removeNodes':
      return removeNodes(doc, c.picks.map((p) => nodeAt(doc, p)));
    case 'renameNode':
      return orSame(doc, renameNode(doc, nodeAt(doc, c.pick), nodeId(c.name)));
    case 'connectNode':
      return orSame(doc, connect(doc, { from: { node: nodeAt(doc, c.pick), output: c.flag ? 'o0' : c.text }, to: { node: nodeAt(doc, c.pick2), input: c.name } }));
    case 'connectInput':
      return orSame(doc, connect(doc, { from: { input: inputAt(doc, c.pick) }, to: { node: nodeAt(doc, c.pick2), input: c.name } }));
    case 'disconnect': {
      const node = nodeAt(doc, c.pick);
      return disconnect(doc, { node, input: bindingNameAt(doc, node, c.pick2, c.name) });
    }
    case 'setInputValue':
      return orSame(doc, setInputValue(doc, { node: nodeAt(doc, c.pick), input: c.name, value: c.json as never }));
    case 'setMap':
      return orSame(doc, setMap(doc, nodeAt(doc, c.pick), c.flag ? { concurrency: c.n, over: [c.name] } : undefined));
    case 'moveNodes':
      return moveNodes(doc, Object.fromEntries([...c.picks.map((p) => [nodeAt(doc, p), position]), [`input:${inputAt(doc, c.pick)}`, position], [c.name, position]]));
    case 'addWorkflowInput':
      return orSame(doc, addWorkflowInput(doc, { name: c.name, type: 'int', ...(c.flag ? { default: c.json as never } : {}) }, c.flag ? position : undefined));
    case 'updateWorkflowInput':
      return orSame(doc, updateWorkflowInput(doc, inputAt(doc, c.pick), c.flag ? { default: undefined } : { type: c.text, description: c.text }));
    case 'removeWorkflowInput':
      return removeWorkflowInput(doc, inputAt(doc, c.pick));
    case 'renameWorkflowInput':
      return orSame(doc, renameWorkflowInput(doc, inputAt(doc, c.pick), c.name));
    case 'addWorkflowOutput':
      return orSame(doc, addWorkflowOutput(doc, { name: c.text, from: { node: nodeAt(doc, c.pick), output: 'o0' } }, c.flag ? position : undefined));
    case 'updateWorkflowOutput':
      return orSame(doc, updateWorkflowOutput(doc, outputAt(doc, c.pick), c.flag ? { name: c.text } : { from: { node: nodeAt(doc, c.pick2), output: 'o1' } }));
    case 'removeWorkflowOutput':
      return removeWorkflowOutput(doc, outputAt(doc, c.pick));
    case 'duplicateNodes':
      return duplicateNodes(doc, c.picks.map((p) => nodeAt(doc, p)), position).doc;
    case 'copyPaste':
      return pasteFragment(doc, extractFragment(doc, c.picks.map((p) => nodeAt(doc, p))), position).doc;
    case 'pasteForeign':
      return pasteFragment(doc, extractFragment(foreign, c.picks.map((p) => nodeAt(foreign, p))), position).doc;
    case 'updateWorkflowMeta':
      return orSame(doc, updateWorkflowMeta(doc, c.flag ? { name: c.text, description: undefined } : { description: c.text, failurePolicy: 'continue', defaults: { image: c.text } }));
    default:
      throw new Error(`no such op ${c.op}`);
  }
}

const problemsOf = (doc: WorkflowDoc): string[] => {
  const problems = integrityProblems(doc);
  const parsed = WorkflowDocSchema.safeParse(doc);
  if (!parsed.success) problems.push(`schema: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (!('order' in topoSort(doc))) problems.push('cycle');
  return problems;
};

describe('ops, on arbitrary documents', () => {
  it('the generated documents are themselves valid and intact', () => {
    fc.assert(fc.property(arbitraryWorkflow(), (doc) => {
      expect(problemsOf(doc)).toEqual([]);
    }));
  });

  it('any sequence of ops keeps the schema, referential integrity and acyclicity, and never mutates its input', () => {
    fc.assert(
      fc.property(arbitraryWorkflow(), arbitraryWorkflow(), fc.array(arbCommand, { minLength: 1, maxLength: 20 }), (start, foreign, commands) => {
        let doc = deepFreeze(start);
        deepFreeze(foreign);
        for (const command of commands) {
          const before = JSON.stringify(doc);
          const next = apply(doc, command, foreign);
          expect(JSON.stringify(doc), `${command.op} changed its input`).toBe(before);
          expect(problemsOf(next), `after ${command.op}`).toEqual([]);
          doc = deepFreeze(next);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('after removeNodes nothing refers to a removed id', () => {
    fc.assert(
      fc.property(arbitraryWorkflow(), fc.array(fc.nat(), { maxLength: 5 }), (start, picks) => {
        const doc = deepFreeze(start);
        const ids = picks.map((p) => nodeAt(doc, p));
        const gone = new Set<string>(ids);
        const next = removeNodes(doc, ids);
        const refs = [
          ...nodesOf(next).map((n) => n.id),
          ...nodesOf(next).flatMap((n) => Object.values(n.inputs ?? {}).flatMap((b) => ('node' in b ? [b.node] : []))),
          ...outputsOf(next).map((o) => o.from.node),
          ...Object.keys(next.spec.layout ?? {}),
        ];
        expect(refs.filter((r) => gone.has(r))).toEqual([]);
        expect(nodesOf(next).length).toBe(nodesOf(doc).filter((n) => !gone.has(n.id)).length);
      }),
    );
  });

  it('an op that changes nothing returns the same document object', () => {
    fc.assert(
      fc.property(arbitraryWorkflow(), (start) => {
        const doc = deepFreeze(start);
        expect(removeNodes(doc, [nodeId('ghost')])).toBe(doc);
        expect(moveNodes(doc, {})).toBe(doc);
        expect(removeWorkflowInput(doc, 'ghost_input')).toBe(doc);
        expect(duplicateNodes(doc, [], { x: 0, y: 0 }).doc).toBe(doc);
        const first = nodesOf(doc)[0];
        if (first) expect(orSame(doc, renameNode(doc, first.id, first.id))).toBe(doc);
      }),
    );
  });
});
