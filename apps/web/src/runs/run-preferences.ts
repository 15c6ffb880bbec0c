import type { ExecutorKind } from './runs-api';

/**
 * What the run dialog remembers between runs, in localStorage: the executor with its context and namespace, and
 * whether the local executor's limits were read. Private browsing (no storage) only forgets.
 */
const EXECUTOR_KEY = 'podflow.run.executor';
const LIMITS_KEY = 'podflow.run.localLimitsDismissed';

export interface RememberedExecutor {
  executor: ExecutorKind;
  context: string;
  namespace: string;
  /** The Kubernetes API limit as typed ('' = the default). */
  qps: string;
  burst: string;
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* private mode */
  }
}

export function rememberedExecutor(): RememberedExecutor {
  try {
    const v = JSON.parse(read(EXECUTOR_KEY) ?? 'null') as Partial<RememberedExecutor> | null;
    const text = (x: unknown) => (typeof x === 'string' ? x : '');
    return { executor: v?.executor === 'kubernetes' ? 'kubernetes' : 'local', context: text(v?.context), namespace: text(v?.namespace), qps: text(v?.qps), burst: text(v?.burst) };
  } catch {
    return { executor: 'local', context: '', namespace: '', qps: '', burst: '' };
  }
}

export function rememberExecutor(v: RememberedExecutor): void {
  write(EXECUTOR_KEY, JSON.stringify(v));
}

export const localLimitsDismissed = (): boolean => read(LIMITS_KEY) === '1';

export function dismissLocalLimits(): void {
  write(LIMITS_KEY, '1');
}
