import { memo, useMemo } from 'react';
import { Handle, Position } from '@xyflow/react';
import { useEditorStore } from '../../store/editor-store';
import { checkConnection } from '../connection-check';
import type { InputPortView, OutputPortView, TaskNodeData } from '../node-view';
import { typeColor } from '../type-color';
import { useConnectingFrom } from './use-connecting-from';
import { DiagnosticsBadge } from './DiagnosticsBadge';
import { useNodeRunStatus } from '../../runs/run-store';
import { NodeRunStatus } from '../../runs/NodeRunStatus';
import { BoxIcon, CodeIcon, CpuIcon, LayersIcon, PinIcon, ZapIcon } from '../../ui/icons';
import { TaskNodeCompact } from './TaskNodeCompact';
import { useCompact } from './use-compact';
import { noteRender } from './render-probe';

const KIND_LABEL = { task: 'Task', map: 'Map', dynamic: 'Dynamic' } as const;
const KIND_ICON = { task: CodeIcon, map: LayersIcon, dynamic: ZapIcon } as const;

/** The body shared by task, map and dynamic nodes: in full, or compact when the view is zoomed far out. */
export const TaskNodeBody = memo(function TaskNodeBody({ data, selected }: { data: TaskNodeData; selected: boolean }) {
  return useCompact() ? <TaskNodeCompact data={data} selected={selected} /> : <TaskNodeFull data={data} selected={selected} />;
});

/**
 * The full body: title with kind badge, one row per input (left handle) and output (right handle) with its name and
 * type, container chips and a resources line. While a connection is dragged, inputs that would refuse it are dimmed
 * and say why.
 */
const TaskNodeFull = memo(function TaskNodeFull({ data, selected }: { data: TaskNodeData; selected: boolean }) {
  noteRender(data.nodeId);
  const status = useNodeRunStatus(data.nodeId);
  const connecting = useConnectingFrom();
  const refusals = useMemo(() => {
    if (!connecting || connecting.type !== 'source' || connecting.nodeId === data.nodeId) return undefined;
    const doc = useEditorStore.getState().doc;
    if (!doc) return undefined;
    const out = new Map<string, string>();
    for (const input of data.inputs) {
      const r = checkConnection(doc, { source: connecting.nodeId, sourceHandle: connecting.handleId, target: data.nodeId, targetHandle: input.name });
      if (!r.ok) out.set(input.name, r.reason);
    }
    return out;
  }, [connecting, data]);
  const Icon = KIND_ICON[data.kind];
  const rows = Math.max(data.inputs.length, data.outputs.length);
  return (
    <div
      className={`pf-node task-node kind-${data.kind}${selected ? ' selected' : ''}${connecting ? ' is-connecting' : ''}`}
      data-status={status}
      data-testid={`node-${data.nodeId}`}
    >
      {data.kind === 'map' && <div className="map-stack" aria-hidden="true" />}
      <div className="node-header">
        <span className="node-kind-icon" aria-hidden="true">
          <Icon size={14} />
        </span>
        <div className="node-titles">
          <div className="node-title" title={data.nodeId}>
            {data.nodeId}
          </div>
          {(data.taskName !== data.nodeId || data.mapSummary) && (
            <div className="node-subtitle">
              {data.taskName !== data.nodeId && <span className="mono">{data.taskName}</span>}
              {data.taskName !== data.nodeId && data.mapSummary && <span> · </span>}
              {data.mapSummary}
            </div>
          )}
        </div>
        <span className={`kind-badge kind-${data.kind}`}>{KIND_LABEL[data.kind]}</span>
        <DiagnosticsBadge id={data.nodeId} />
      </div>
      {data.missingTask && <div className="node-note error">Task “{data.taskName}” is not defined</div>}
      {data.codeProblem && <div className="node-note warning">The code does not define {data.taskName}() yet</div>}
      {rows > 0 && (
        <div className="node-ports">
          {Array.from({ length: rows }, (_, i) => (
            <div className="port-row" key={i}>
              <InputPort port={data.inputs[i]} refusal={data.inputs[i] && refusals?.get(data.inputs[i].name)} />
              <OutputPort port={data.outputs[i]} />
            </div>
          ))}
        </div>
      )}
      {(data.containers.length > 0 || data.resources || data.scheduling) && (
        <div className="node-footer">
          <div className="chips">
            {data.containers.map((c) => (
              <span key={`${c.role}:${c.name}`} className={`chip chip-${c.role}`} title={`${c.role === 'init' ? 'init container' : c.role === 'sidecar' ? 'sidecar container' : 'primary container (runs the code)'}: ${c.name}`}>
                {c.role === 'init' ? <span className="chip-role">init</span> : <BoxIcon size={10} />}
                {c.name}
              </span>
            ))}
          </div>
          {(data.resources || data.scheduling) && (
            <span className="node-facts">
              {data.resources && (
                <span className="resources" title="Resources of the primary container">
                  <CpuIcon size={11} />
                  {data.resources}
                </span>
              )}
              {data.scheduling && (
                <span className="resources" title="Where the pod may be scheduled (nodeSelector, tolerations)">
                  <PinIcon size={11} />
                  {data.scheduling}
                </span>
              )}
            </span>
          )}
        </div>
      )}
      <NodeRunStatus nodeId={data.nodeId} />
    </div>
  );
});

function InputPort({ port, refusal }: { port: InputPortView | undefined; refusal: string | undefined }) {
  if (!port) return <div className="port port-in empty" />;
  const color = typeColor(port.typeText);
  return (
    <div className={`port port-in${refusal ? ' refused' : ''}`} title={refusal ?? `${port.name}: ${port.typeText}${port.mapped ? ' (mapped: one item per pod)' : ''}`}>
      <Handle
        type="target"
        position={Position.Left}
        id={port.name}
        className="port-handle"
        style={{ '--port-color': color } as React.CSSProperties}
        data-refused={refusal ? 'true' : undefined}
      />
      <span className="port-name">{port.name}</span>
      <span className="port-type" style={{ color }}>
        {port.typeText}
      </span>
      {port.mapped && (
        <span className="port-mapped" role="img" title="Mapped: each item of the list runs in its own pod" aria-label="mapped">
          <LayersIcon size={11} />
        </span>
      )}
      {port.binding?.kind === 'value' && <span className="port-value mono">= {port.binding.text}</span>}
      {!port.binding && !port.optional && <span className="port-unbound" title="Needs a value" />}
    </div>
  );
}

function OutputPort({ port }: { port: OutputPortView | undefined }) {
  if (!port) return <div className="port port-out empty" />;
  const color = typeColor(port.typeText);
  return (
    <div className="port port-out" title={`${port.name}: ${port.typeText}`}>
      <span className="port-type" style={{ color }}>
        {port.typeText}
      </span>
      <span className="port-name">{port.name}</span>
      <Handle type="source" position={Position.Right} id={port.name} className="port-handle" style={{ '--port-color': color } as React.CSSProperties} />
    </div>
  );
}
