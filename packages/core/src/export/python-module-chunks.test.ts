import { describe, expect, it } from 'vitest';
import { moduleChunks } from './python-module-chunks';

describe('moduleChunks', () => {
  it('splits a module into imports, assignments and definitions, keeping the comments above each', () => {
    const code = 'import os, time as t\nfrom typing import (\n    List,\n    Dict as D,\n)\n\n# where the sidecar writes\nPATH = "/data/x"  \n\n\n@decorated\ndef f(a: int) -> str:\n    # inside\n    return str(a)\n\n\nclass C:\n    pass\n';
    expect(moduleChunks(code)).toEqual([
      { kind: 'import', text: 'import os, time as t', defines: ['os', 't'] },
      { kind: 'import', text: 'from typing import (\n    List,\n    Dict as D,\n)', defines: ['List', 'D'] },
      { kind: 'other', text: '# where the sidecar writes\nPATH = "/data/x"', defines: ['PATH'] },
      { kind: 'function', text: '@decorated\ndef f(a: int) -> str:\n    # inside\n    return str(a)', defines: ['f'] },
      { kind: 'class', text: 'class C:\n    pass', defines: ['C'] },
    ]);
  });
});
