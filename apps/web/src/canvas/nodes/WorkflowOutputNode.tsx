import { memo, useCallback } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { outputsOf, updateWorkflowOutput } from '@podflow/core';
import { useEditorStore } from '../../store/editor-store';
import { useCanvasView } from '../canvas-view-store';
import type { WorkflowOutputData } from '../derive-nodes';
import { VALUE_HANDLE } from '../flow-ids';
import { typeColor } from '../type-color';
import { OutputIcon } from '../../ui/icons';
import { InlineEdit } from './InlineEdit';
import { noteRender } from './render-probe';
import styles from './WorkflowOutputNode.module.css';
import node from './node.module.css';
import { cx } from '../../ui/cx';

/** A workflow output. Until a value is connected it is a dashed placeholder that lives only on the canvas. */
export const WorkflowOutputNode = memo(function WorkflowOutputNode({ id, data, selected }: NodeProps<Node<WorkflowOutputData, 'output'>>) {
  noteRender(id);
  const editing = useCanvasView((s) => s.editingId) === id;
  const setEditing = useCanvasView((s) => s.setEditing);
  const rename = useCallback(
    (name: string) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return 'Use a Python identifier';
      if (data.pending) {
        const view = useCanvasView.getState();
        const doc = useEditorStore.getState().doc;
        if (view.pendingOutputs.some((p) => p.name === name) || (doc && outputsOf(doc).some((o) => o.name === name))) return `“${name}” is taken`;
        useCanvasView.setState({ pendingOutputs: view.pendingOutputs.map((p) => (p.name === data.name ? { ...p, name } : p)) });
        useEditorStore.getState().select([`output:${name}`]);
        return undefined;
      }
      let reason: string | undefined;
      useEditorStore.getState().apply((doc) => {
        const r = updateWorkflowOutput(doc, data.name, { name });
        if (!r.ok) reason = r.reason;
        return r.ok ? r.doc : doc;
      }, 'Rename output');
      if (!reason) useEditorStore.getState().select([`output:${name}`]);
      return reason;
    },
    [data.name, data.pending],
  );
  const color = typeColor(data.type);
  return (
    <div className={cx(node.pfNode, node.ioNode, styles.outputNode, selected && node.selected, data.pending && styles.pending)} data-testid={`node-${id}`}>
      <Handle type="target" position={Position.Left} id={VALUE_HANDLE} className={node.portHandle} style={{ '--port-color': color } as React.CSSProperties} />
      <span className={node.ioIcon} aria-hidden="true">
        <OutputIcon size={14} />
      </span>
      <div className={node.ioMain}>
        <div className={node.ioCaption} data-testid="node-header">
          Workflow output
        </div>
        <div className={node.ioLine}>
          <InlineEdit
            value={data.name}
            editing={editing}
            onEditingChange={(e) => setEditing(e ? id : null)}
            commit={rename}
            className={node.ioName}
            label="Output name"
            testId="output-name"
            mono
          />
          {data.type && (
            <>
              <span className={node.ioColon}>:</span>
              <span className={cx(node.ioType, 'mono')} style={{ color }}>
                {data.type}
              </span>
            </>
          )}
        </div>
        {data.pending && <div className={node.ioHint}>Connect a task output here</div>}
      </div>
    </div>
  );
});
