import { useEffect } from 'react';
import { useAuthStore } from './api/auth-state';
import { parseRoute, usePathname } from './router/router';
import { HomePage } from './workflows/HomePage';
import { EditorPage } from './editor/EditorPage';
import { AuthScreen } from './shell/AuthScreen';
import { Dialogs } from './dialogs/Dialogs';
import { Toasts } from './ui/toasts';
import { installShortcuts } from './commands/install-shortcuts';
import { installDiagnostics } from './problems/diagnostics-store';

/** Routes, the sign-in gate, global shortcuts, dialogs and toasts. */
export function App() {
  const pathname = usePathname();
  const unauthorized = useAuthStore((s) => s.unauthorized);
  useEffect(() => installShortcuts(), []);
  useEffect(() => installDiagnostics(), []);
  if (unauthorized) return <AuthScreen />;
  const route = parseRoute(pathname);
  return (
    <>
      {route.name === 'workflow' ? <EditorPage key={route.id} id={route.id} /> : <HomePage />}
      <Dialogs />
      <Toasts />
    </>
  );
}
