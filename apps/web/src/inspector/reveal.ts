import { createContext, useContext, useEffect } from 'react';
import { pathKey } from './model/paths';
import type { Path } from './model/immutable';
import formCss from './form/form.module.css';

/** The highlight of a revealed field (its animation lives in the form styles). */
const flash = formCss.inspFlash ?? 'insp-flash';

/** The field the problems panel asked to reveal (a path key), so that folded sections and cards on its way open. */
export const RevealContext = createContext<string | undefined>(undefined);

/** Opens a folded container when the field to reveal lies inside it. */
export function useOpenForReveal(path: Path | undefined, open: boolean, setOpen: (v: boolean) => void): void {
  const reveal = useContext(RevealContext);
  useEffect(() => {
    if (!reveal || !path || open) return;
    const key = pathKey(path);
    if (reveal === key || reveal.startsWith(`${key}.`) || reveal.startsWith(`${key}[`)) setOpen(true);
  }, [reveal]);
}

/**
 * Scrolls to and highlights the element of the deepest field on `path` that is on screen (walking up the path
 * until one is found). Retries for a few frames while a tab renders. Returns a cancel function.
 */
export function revealField(root: HTMLElement | null, key: string, onMissing?: () => void): () => void {
  let frames = 0;
  let raf = 0;
  const tryOnce = () => {
    if (!root) return;
    const exact = root.querySelector<HTMLElement>(`[data-path="${CSS.escape(key)}"]`);
    if (!exact && frames < 8) {
      frames += 1;
      raf = requestAnimationFrame(tryOnce);
      return;
    }
    let el = exact;
    let k = key;
    while (!el && k) {
      const cut = Math.max(k.lastIndexOf('.'), k.lastIndexOf('['));
      if (cut <= 0) break;
      k = k.slice(0, cut);
      el = root.querySelector<HTMLElement>(`[data-path="${CSS.escape(k)}"]`);
    }
    if (!exact || exact.closest('[data-yaml-only]')) {
      onMissing?.();
      if (exact) return;
    }
    if (!el) return;
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el.classList.remove(flash);
    void el.offsetWidth;
    el.classList.add(flash);
    setTimeout(() => el!.classList.remove(flash), 1800);
    const input = el.matches('input, select, textarea') ? el : el.querySelector<HTMLElement>('input:not([disabled]), select, textarea');
    input?.focus({ preventScroll: true });
  };
  raf = requestAnimationFrame(tryOnce);
  return () => cancelAnimationFrame(raf);
}
