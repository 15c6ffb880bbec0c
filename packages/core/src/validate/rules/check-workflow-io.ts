import type { WorkflowDoc } from '../../document/workflow-schema';
import { findNode, inputsOf, outputsOf } from '../../document/accessors';
import { checkJsonValue, formatPyType, isAssignable, parsePyType } from '../../python/py-type';
import { isDns1123Label, isPythonIdentifier } from '../../util/names';
import { nodeOutputType } from '../binding-types';
import type { Diagnostic } from '../diagnostic';

/** The workflow's name, defaults, inputs and outputs. */
export function checkWorkflowIo(doc: WorkflowDoc): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!isDns1123Label(doc.metadata.name)) {
    out.push({ code: 'workflow-name', severity: 'error', path: 'metadata.name', message: `workflow name "${doc.metadata.name}" must be a DNS-1123 label (lowercase letters, digits and '-', at most 63), since it names Kubernetes objects` });
  }
  const ns = doc.spec.defaults?.namespace;
  if (ns !== undefined && !isDns1123Label(ns)) {
    out.push({ code: 'namespace-name', severity: 'error', path: 'spec.defaults.namespace', message: `namespace "${ns}" must be a DNS-1123 label` });
  }

  const seenInputs = new Set<string>();
  inputsOf(doc).forEach((input, i) => {
    const path = `spec.inputs[${i}]`;
    if (!isPythonIdentifier(input.name)) out.push({ code: 'input-name', severity: 'error', path: `${path}.name`, message: `workflow input name "${input.name}" must be a Python identifier` });
    if (seenInputs.has(input.name)) out.push({ code: 'input-duplicate', severity: 'error', path: `${path}.name`, message: `two workflow inputs are named "${input.name}"` });
    seenInputs.add(input.name);
    const type = parsePyType(input.type);
    if (!type.ok) {
      out.push({ code: 'type-unsupported', severity: 'error', path: `${path}.type`, message: `workflow input ${input.name}: ${type.message}` });
    } else if (input.default !== undefined) {
      const problem = checkJsonValue(input.default, type.type, input.name);
      if (problem) out.push({ code: 'input-default-type', severity: 'error', path: `${path}.default`, message: `default of workflow input ${problem}` });
    }
  });

  const seenOutputs = new Set<string>();
  outputsOf(doc).forEach((output, i) => {
    const path = `spec.outputs[${i}]`;
    if (!isPythonIdentifier(output.name)) out.push({ code: 'output-name', severity: 'error', path: `${path}.name`, message: `workflow output name "${output.name}" must be a Python identifier` });
    if (seenOutputs.has(output.name)) out.push({ code: 'output-duplicate', severity: 'error', path: `${path}.name`, message: `two workflow outputs are named "${output.name}"` });
    seenOutputs.add(output.name);
    const source = findNode(doc, output.from.node);
    if (!source) {
      out.push({ code: 'dangling-node', severity: 'error', path: `${path}.from.node`, message: `workflow output ${output.name} comes from node "${output.from.node}", which does not exist` });
      return;
    }
    const type = nodeOutputType(doc, source, output.from.output);
    if (!type) {
      out.push({ code: 'unknown-output', severity: 'error', nodeId: source.id, path: `${path}.from.output`, message: `workflow output ${output.name} reads output "${output.from.output}" of node ${source.id}, which has no such output` });
      return;
    }
    if (output.type !== undefined) {
      const declared = parsePyType(output.type);
      if (!declared.ok) out.push({ code: 'type-unsupported', severity: 'error', path: `${path}.type`, message: `workflow output ${output.name}: ${declared.message}` });
      else if (isAssignable(type, declared.type) === 'no') {
        out.push({ code: 'output-type-mismatch', severity: 'error', path: `${path}.type`, message: `workflow output ${output.name} is declared ${formatPyType(declared.type)} but node ${source.id} gives ${formatPyType(type)}` });
      }
    }
  });
  return out;
}
