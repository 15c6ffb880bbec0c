/** One side of a comparison: a saved version, or the working draft. */
export type VersionRef = number | 'draft';

export const refLabel = (ref: VersionRef): string => (ref === 'draft' ? 'Draft' : `v${ref}`);
export const refValue = (ref: VersionRef): string => String(ref);
export const parseRef = (value: string): VersionRef => (value === 'draft' ? 'draft' : Number(value));
