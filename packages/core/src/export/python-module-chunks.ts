import { childrenOf, parsePython, type PyNode } from '../python/python-tree';

export type ChunkKind = 'import' | 'function' | 'class' | 'other';

export interface ModuleChunk {
  kind: ChunkKind;
  /** The statement's source with the comments right above it, trailing whitespace trimmed. */
  text: string;
  /** Names the statement binds at module level (`def f` → f, `X = 1` → X, `import a.b as c` → c). */
  defines: string[];
}

/**
 * A Python module's top-level statements, in order, each with the comments written just above it — how an export
 * lays several task modules side by side in one file without parsing Python twice (the editor's grammar does it).
 */
export function moduleChunks(code: string): ModuleChunk[] {
  const source = code.startsWith('\uFEFF') ? code.slice(1) : code;
  const script = parsePython(source).topNode;
  const chunks: ModuleChunk[] = [];
  let commentStart: number | undefined;
  for (const top of childrenOf(script)) {
    if (top.name === 'Comment') {
      commentStart ??= top.from;
      continue;
    }
    const from = commentStart ?? top.from;
    commentStart = undefined;
    const text = source.slice(from, top.to).replace(/\s+$/, '').split('\n').map((l) => l.replace(/\s+$/, '')).join('\n');
    chunks.push({ kind: kindOf(top), text, defines: definedNames(top, source) });
  }
  return chunks;
}

function statementOf(top: PyNode): PyNode {
  return top.name === 'DecoratedStatement' ? (top.getChild('FunctionDefinition') ?? top.getChild('ClassDefinition') ?? top) : top;
}

function kindOf(top: PyNode): ChunkKind {
  const s = statementOf(top);
  if (s.name === 'ImportStatement') return 'import';
  if (s.name === 'FunctionDefinition') return 'function';
  if (s.name === 'ClassDefinition') return 'class';
  return 'other';
}

function definedNames(top: PyNode, source: string): string[] {
  const s = statementOf(top);
  const text = (n: PyNode): string => source.slice(n.from, n.to);
  if (s.name === 'FunctionDefinition' || s.name === 'ClassDefinition') {
    const name = s.getChild('VariableName');
    return name ? [text(name)] : [];
  }
  if (s.name === 'ImportStatement') {
    // `import a.b` binds a; `import a as b` / `from x import a as b` bind b; `from x import a` binds a.
    const raw = text(s).replace(/\\\n/g, ' ').replace(/[()]/g, ' ');
    const m = /^from\s+\S+\s+import\s+([\s\S]*)$/.exec(raw);
    const parts = (m ? m[1]! : raw.replace(/^import\s+/, '')).split(',').map((p) => p.trim()).filter(Boolean);
    return parts.map((p) => {
      const as = /\bas\s+(\w+)$/.exec(p);
      if (as) return as[1]!;
      return m ? p : p.split('.')[0]!;
    });
  }
  if (s.name === 'AssignStatement') {
    const names: string[] = [];
    for (const c of childrenOf(s)) {
      if (c.name === 'AssignOp') break;
      if (c.name === 'VariableName') names.push(text(c));
    }
    return names;
  }
  return [];
}
