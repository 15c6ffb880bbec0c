#!/usr/bin/env node
// `npm run dev`: the server (rebuilt once) plus Vite's dev server with hot reload on http://localhost:5173, which
// proxies /api to the server. Open the URL the server prints, with port 5173 instead of its own.
import { spawn } from 'node:child_process';
import { build, root } from './setup.mjs';

build({ web: false });
const port = process.env.PODFLOW_PORT ?? '8080';
const children = [
  spawn(process.execPath, [`${root}apps/server/bin/podflow.mjs`, 'serve', '--port', port, '--allow-host', 'localhost:5173'], { stdio: 'inherit' }),
  spawn(process.execPath, [`${root}node_modules/vite/bin/vite.js`, '--port', '5173', '--strictPort'], { cwd: root, stdio: 'inherit', env: { ...process.env, PODFLOW_PORT: port } }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', stop);
