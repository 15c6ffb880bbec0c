export const argoRequired: boolean;
export function argoValidator(): { bin: string; crds: string[]; missing?: undefined } | { missing: string; bin?: undefined; crds?: undefined };
export function validateWithArgo(bin: string, yaml: string): { ok: boolean; documents: { file: string; kind: string; name: string; error?: string }[] };
