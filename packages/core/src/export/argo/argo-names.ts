import { contentHash } from '../../util/hash';

/** Argo's rule for template and DAG task names (workflow/validate: `[a-zA-Z0-9][-a-zA-Z0-9]*`, at most 128). */
const ARGO_FIELD_NAME = /^[a-zA-Z0-9][-a-zA-Z0-9]*$/;
const MAX = 120;

/**
 * Hands out Argo template and task names: a node id with `_` becomes `-`; a name already taken (`a_b` and `a-b`,
 * or a reserved one such as the entrypoint `main`) gets the hash of what it stands for, so names stay stable
 * whatever order the document lists its nodes in.
 */
export class ArgoNames {
  private readonly taken = new Set<string>();

  constructor(reserved: readonly string[] = []) {
    for (const r of reserved) this.taken.add(r);
  }

  name(source: string, suffix = ''): string {
    let base = source.replace(/[^a-zA-Z0-9-]/g, '-').replace(/^-+/, '').slice(0, MAX - suffix.length - 9) || 'node';
    if (!ARGO_FIELD_NAME.test(base)) base = `n${base}`;
    let name = `${base}${suffix}`;
    if (this.taken.has(name)) name = `${base}-${contentHash(source).slice(0, 6)}${suffix}`;
    for (let i = 2; this.taken.has(name); i++) name = `${base}-${contentHash(source).slice(0, 6)}-${i}${suffix}`;
    this.taken.add(name);
    return name;
  }
}
