import { memo, useContext, useMemo } from 'react';
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
import { LevelOfDetailContext, useLevelOfDetail, type LevelOfDetail } from './use-compact';
import { TaskNodeBox } from './TaskNodeBox';
import { TaskNodeStandIn } from './TaskNodeStandIn';
import { useStandIn } from './body-upgrades';
import { noteRender } from './render-probe';
import styles from './TaskNodeBody.module.css';
import { cx } from '../../ui/cx';
import node from './node.module.css';

const KIND_LABEL = { task: 'Task', map: 'Map', dynamic: 'Dynamic' } as const;
const KIND_ICON = { task: CodeIcon, map: LayersIcon, dynamic: ZapIcon } as const;

/** The body shared by task, map and dynamic nodes: in full, compact when zoomed out, a box when zoomed far out. */
interface BodyProps {
  data: TaskNodeData;
  selected: boolean;
  /** The node's size as React Flow has it (measured, else estimated): the compact and box bodies keep it. */
  width: number | undefined;
  height: number | undefined;
}

export const TaskNodeBody = memo(function TaskNodeBody(props: BodyProps) {
  const lod = useContext(LevelOfDetailContext);
  // Drawn while the view moves: a stand-in until the view is still (a box is as cheap as a stand-in).
  const standIn = useStandIn(props.data.nodeId, lod !== 'box');
  if (standIn && lod !== 'box') return <TaskNodeStandIn {...props} fullTitle={lod === 'full'} />;
  return lod ? <TaskNodeAt {...props} lod={lod} /> : <TaskNodeOwnLevel {...props} />;
});

/** On a canvas that does not give the level of detail: the node follows the zoom itself. */
function TaskNodeOwnLevel(props: BodyProps) {
  return <TaskNodeAt {...props} lod={useLevelOfDetail()} />;
}

function TaskNodeAt({ lod, data, selected, width, height }: BodyProps & { lod: LevelOfDetail }) {
  if (lod === 'box') return <TaskNodeBox data={data} selected={selected} width={width} height={height} />;
  return lod === 'compact' ? <TaskNodeCompact data={data} selected={selected} width={width} height={height} /> : <TaskNodeFull data={data} selected={selected} />;
}

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
      className={cx(node.pfNode, node.taskNode, `kind-${data.kind}`, selected && node.selected, connecting && node.isConnecting)}
      data-status={status}
      data-testid={`node-${data.nodeId}`}
    >
      {data.kind === 'map' && <div className={node.mapStack} aria-hidden="true" />}
      <div className={node.nodeHeader} data-testid="node-header">
        <span className={styles.nodeKindIcon} aria-hidden="true">
          <Icon size={14} />
        </span>
        <div className={styles.nodeTitles}>
          <div className={node.nodeTitle} title={data.nodeId}>
            {data.nodeId}
          </div>
          {(data.taskName !== data.nodeId || data.mapSummary) && (
            <div className={styles.nodeSubtitle}>
              {data.taskName !== data.nodeId && <span className="mono">{data.taskName}</span>}
              {data.taskName !== data.nodeId && data.mapSummary && <span> · </span>}
              {data.mapSummary}
            </div>
          )}
        </div>
        <span className={cx(styles.kindBadge, `kind-${data.kind}`)} data-testid="kind-badge">{KIND_LABEL[data.kind]}</span>
        <DiagnosticsBadge id={data.nodeId} />
      </div>
      {data.missingTask && <div className={cx(styles.nodeNote, 'tone-error')}>Task “{data.taskName}” is not defined</div>}
      {data.codeProblem && <div className={cx(styles.nodeNote, 'tone-warning')}>The code does not define {data.taskName}() yet</div>}
      {rows > 0 && (
        <div className={styles.nodePorts} data-node-ports>
          {Array.from({ length: rows }, (_, i) => (
            <div className={styles.portRow} key={i}>
              <InputPort port={data.inputs[i]} refusal={data.inputs[i] && refusals?.get(data.inputs[i].name)} />
              <OutputPort port={data.outputs[i]} />
            </div>
          ))}
        </div>
      )}
      {(data.containers.length > 0 || data.resources || data.scheduling) && (
        <div className={styles.nodeFooter} data-node-footer data-run-below={status !== undefined || undefined}>
          <div className={styles.chips}>
            {data.containers.map((c) => (
              <span key={`${c.role}:${c.name}`} className={cx(styles.chip, c.role === 'primary' && styles.chipPrimary, c.role === 'init' && styles.chipInit)} title={`${c.role === 'init' ? 'init container' : c.role === 'sidecar' ? 'sidecar container' : 'primary container (runs the code)'}: ${c.name}`}>
                {c.role === 'init' ? <span className={styles.chipRole}>init</span> : <BoxIcon size={10} />}
                {c.name}
              </span>
            ))}
          </div>
          {(data.resources || data.scheduling) && (
            <span className={styles.nodeFacts}>
              {data.resources && (
                <span className={styles.resources} title="Resources of the primary container">
                  <CpuIcon size={11} />
                  {data.resources}
                </span>
              )}
              {data.scheduling && (
                <span className={styles.resources} title="Where the pod may be scheduled (nodeSelector, tolerations)">
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
  if (!port) return <div className={cx(node.port, node.portIn)} />;
  const color = typeColor(port.typeText);
  return (
    <div className={cx(node.port, node.portIn, refusal && node.refused)} title={refusal ?? `${port.name}: ${port.typeText}${port.mapped ? ' (mapped: one item per pod)' : ''}`}>
      <Handle
        type="target"
        position={Position.Left}
        id={port.name}
        className={node.portHandle}
        style={{ '--port-color': color } as React.CSSProperties}
        data-refused={refusal ? 'true' : undefined}
      />
      <span className={node.portName}>{port.name}</span>
      <span className={styles.portType} style={{ color }} data-testid="port-type">
        {port.typeText}
      </span>
      {port.mapped && (
        <span className={styles.portMapped} role="img" title="Mapped: each item of the list runs in its own pod" aria-label="mapped">
          <LayersIcon size={11} />
        </span>
      )}
      {port.binding?.kind === 'value' && <span className={cx(styles.portValue, 'mono')}>= {port.binding.text}</span>}
      {!port.binding && !port.optional && <span className={styles.portUnbound} title="Needs a value" />}
    </div>
  );
}

function OutputPort({ port }: { port: OutputPortView | undefined }) {
  if (!port) return <div className={cx(node.port, styles.portOut)} />;
  const color = typeColor(port.typeText);
  return (
    <div className={cx(node.port, styles.portOut)} title={`${port.name}: ${port.typeText}`}>
      <span className={styles.portType} style={{ color }} data-testid="port-type">
        {port.typeText}
      </span>
      <span className={node.portName}>{port.name}</span>
      <Handle type="source" position={Position.Right} id={port.name} className={node.portHandle} style={{ '--port-color': color } as React.CSSProperties} />
    </div>
  );
}
