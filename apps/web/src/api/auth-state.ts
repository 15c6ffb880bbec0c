import { create } from 'zustand';

/**
 * Whether the server accepted this browser. A 401 from any call flips `unauthorized`, and the app shows the
 * "open the URL printed by `podflow serve`" screen instead of the editor.
 */
interface AuthStore {
  unauthorized: boolean;
}

export const useAuthStore = create<AuthStore>(() => ({ unauthorized: false }));

const TOKEN_KEY = 'podflow.token';

export const authState = {
  markUnauthorized(): void {
    if (!useAuthStore.getState().unauthorized) useAuthStore.setState({ unauthorized: true });
  },
  bearerToken(): string | null {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  },
  /**
   * When the page was opened with `?token=` and the server did not consume it (dev server), keep it for this tab
   * and take it out of the address bar.
   */
  adoptTokenFromUrl(): void {
    const url = new URL(window.location.href);
    const token = url.searchParams.get('token');
    if (!token) return;
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      /* private mode: the cookie still works */
    }
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  },
};
