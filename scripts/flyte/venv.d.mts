export const FLYTEKIT_VERSION: string;
export const FLYTE_PACKAGES: string[];
export function ensureFlyteVenv(options?: { python?: string; log?: (message: string) => void }): string;
