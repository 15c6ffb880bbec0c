import { memo, useCallback } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { parsePyType, renameWorkflowInput, updateWorkflowInput } from '@podflow/core';
import { useEditorStore } from '../../store/editor-store';
import { useCanvasView } from '../canvas-view-store';
import type { WorkflowInputData } from '../derive-nodes';
import { VALUE_HANDLE } from '../flow-ids';
import { typeColor } from '../type-color';
import { InputIcon } from '../../ui/icons';
import { InlineEdit } from './InlineEdit';
import { noteRender } from './render-probe';
import node from './node.module.css';
import { cx } from '../../ui/cx';

/** A workflow input: its name and type are edited in place (double-click). */
export const WorkflowInputNode = memo(function WorkflowInputNode({ id, data, selected }: NodeProps<Node<WorkflowInputData, 'input'>>) {
  noteRender(id);
  const editingName = useCanvasView((s) => s.editingId === id);
  const editingType = useCanvasView((s) => s.editingId === `${id}#type`);
  const setEditing = useCanvasView((s) => s.setEditing);
  const renameTo = useCallback(
    (name: string) => {
      let reason: string | undefined;
      useEditorStore.getState().apply((doc) => {
        const r = renameWorkflowInput(doc, data.name, name);
        if (!r.ok) reason = r.reason;
        return r.ok ? r.doc : doc;
      }, 'Rename input');
      if (!reason) useEditorStore.getState().select([`input:${name}`]);
      return reason;
    },
    [data.name],
  );
  const retype = useCallback(
    (type: string) => {
      const parsed = parsePyType(type);
      if (!parsed.ok) return parsed.message;
      let reason: string | undefined;
      useEditorStore.getState().apply((doc) => {
        const r = updateWorkflowInput(doc, data.name, { type });
        if (!r.ok) reason = r.reason;
        return r.ok ? r.doc : doc;
      }, 'Change input type');
      return reason;
    },
    [data.name],
  );
  const color = typeColor(data.type);
  return (
    <div className={cx(node.pfNode, node.ioNode, selected && node.selected)} data-testid={`node-${id}`}>
      <span className={node.ioIcon} aria-hidden="true">
        <InputIcon size={14} />
      </span>
      <div className={node.ioMain}>
        <div className={node.ioCaption} data-testid="node-header">
          Workflow input
        </div>
        <div className={node.ioLine}>
          <InlineEdit
            value={data.name}
            editing={editingName}
            onEditingChange={(e) => setEditing(e ? id : null)}
            commit={renameTo}
            className={node.ioName}
            label="Input name"
            testId="input-name"
            mono
          />
          <span className={node.ioColon}>:</span>
          <InlineEdit
            value={data.type}
            editing={editingType}
            onEditingChange={(e) => setEditing(e ? `${id}#type` : null)}
            commit={retype}
            className={node.ioType}
            label="Input type"
            testId="input-type"
            mono
          />
        </div>
        {data.defaultText !== undefined && <div className={cx(node.ioDefault, 'mono')}>default {data.defaultText}</div>}
      </div>
      <Handle type="source" position={Position.Right} id={VALUE_HANDLE} className={node.portHandle} style={{ '--port-color': color } as React.CSSProperties} />
    </div>
  );
});
