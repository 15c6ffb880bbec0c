import { createPortal } from 'react-dom';
import { useConnection, useReactFlow } from '@xyflow/react';
import { useEditorStore } from '../store/editor-store';
import { checkConnection } from './connection-check';
import node from './nodes/node.module.css';
import { cx } from '../ui/cx';

/**
 * While a connection is dragged over a handle: why it would be refused (type mismatch, cycle…), or what it would
 * connect, shown next to the pointer and kept inside the canvas.
 */
export function ConnectionHint({ container }: { container: HTMLElement | null }) {
  const flow = useReactFlow();
  const key = useConnection((c) => {
    if (!c.inProgress || !c.toHandle) return null;
    const from = c.fromHandle;
    const to = c.toHandle;
    const [source, target] = from.type === 'source' ? [from, to] : [to, from];
    return `${source.nodeId}\u0000${source.id ?? ''}\u0000${target.nodeId}\u0000${target.id ?? ''}\u0000${Math.round(c.to.x)}\u0000${Math.round(c.to.y)}`;
  });
  if (!key || !container) return null;
  const [source, sourceHandle, target, targetHandle, x, y] = key.split('\u0000');
  const doc = useEditorStore.getState().doc;
  if (!doc || !source || !target || source === target) return null;
  const check = checkConnection(doc, { source, sourceHandle: sourceHandle || null, target, targetHandle: targetHandle || null });
  const text = check.ok ? (check.warning ?? `${check.from}${check.fromType ? ` (${check.fromType})` : ''} → ${check.to}`) : check.reason;
  const screen = flow.flowToScreenPosition({ x: Number(x), y: Number(y) });
  const box = container.getBoundingClientRect();
  const WIDTH = 300;
  const left = Math.max(8, Math.min(screen.x - box.left + 14, box.width - WIDTH - 8));
  const top = Math.max(8, Math.min(screen.y - box.top + 16, box.height - 72));
  return createPortal(
    <div
      className={cx(node.connectionHint, check.ok ? check.warning && node.warn : node.refused)}
      style={{ left, top, maxWidth: WIDTH }}
      role="status"
      data-testid="connection-hint"
    >
      {text}
    </div>,
    container,
  );
}
