import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import '@fontsource-variable/inter';
import '@fontsource-variable/jetbrains-mono';
import '@xyflow/react/dist/base.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/tones.css';
import './styles/react-flow.css';
import { queryClient } from './api/query-client';
import { authState } from './api/auth-state';
import { installTheme } from './theme/theme';
import { App } from './App';

authState.adoptTokenFromUrl();
installTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
