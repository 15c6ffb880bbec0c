/** Writes FILE.br and FILE.gz beside each compressible file under `dir`; the raw and compressed byte counts. */
export function compressAssets(dir: string): Promise<{ files: number; raw: number; br: number; gz: number }>;
