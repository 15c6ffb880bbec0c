import { create } from 'zustand';

/** Light or dark: follows the OS unless the person picked one (kept in localStorage). */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'podflow.theme';
const media = typeof window !== 'undefined' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;

function readChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

const resolve = (choice: ThemeChoice): Theme => (choice === 'system' ? (media?.matches ? 'dark' : 'light') : choice);

interface ThemeStore {
  choice: ThemeChoice;
  theme: Theme;
  setChoice(choice: ThemeChoice): void;
}

export const useThemeStore = create<ThemeStore>((set) => ({
  choice: readChoice(),
  theme: resolve(readChoice()),
  setChoice: (choice) => {
    try {
      if (choice === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, choice);
    } catch {
      /* not kept; still applied */
    }
    set({ choice, theme: resolve(choice) });
  },
}));

/** Keeps <html data-theme> in step with the store and with the OS setting. */
export function installTheme(): void {
  const apply = () => {
    document.documentElement.dataset.theme = useThemeStore.getState().theme;
  };
  apply();
  useThemeStore.subscribe(apply);
  media?.addEventListener('change', () => {
    const { choice } = useThemeStore.getState();
    if (choice === 'system') useThemeStore.setState({ theme: resolve('system') });
  });
}

/** Light → dark → light; leaves "system" the first time it is used. */
export function toggleTheme(): void {
  const { theme, setChoice } = useThemeStore.getState();
  setChoice(theme === 'dark' ? 'light' : 'dark');
}
