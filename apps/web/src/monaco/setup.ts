/**
 * Monaco, bundled (no CDN) and set up once: only the Python, YAML and JSON languages, the editor's UI features
 * (completion, hover, find, folding…), the workers, monaco-yaml with the Kubernetes PodSpec schema, and Python
 * completion/hover/signature help from basedpyright in a worker.
 * This module is only ever reached through a dynamic import (see LazyEditor.tsx), so it stays out of the first paint.
 *
 * monaco-editor ≥ 0.56 moved its ESM paths, and monaco-yaml 5.5.1 needs a shim for the new `createWebWorker`
 * (integration-notes §1; remcohaszing/monaco-yaml#272). Both recipes are the verified ones.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { loader } from '@monaco-editor/react';
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import podSpecSchema from '@podflow/core/k8s/podspec.schema.json';
import YamlWorker from './yaml.worker?worker';
// The Python language server's worker script, copied into the build as it is (17 MB, 3 MB gzip) and loaded only when
// a Python model opens (python/python-language.ts).
import pyrightWorkerUrl from 'browser-basedpyright/dist/pyright.worker.js?url';
import { registerPythonLanguage } from './python/python-language';
import { defineThemes } from './themes';

type WorkerFactory = (moduleId: string, label: string) => Worker;

const getWorker: WorkerFactory = (_moduleId, label) => {
  if (label === 'json') return new JsonWorker();
  if (label === 'yaml') return new YamlWorker();
  return new EditorWorker();
};
(self as unknown as { MonacoEnvironment: { getWorker: WorkerFactory } }).MonacoEnvironment = { getWorker };

loader.config({ monaco });
defineThemes(monaco);
registerPythonLanguage(monaco, pyrightWorkerUrl);

/**
 * monaco ≥ 0.53 wants `createWebWorker({ worker })`; monaco-worker-manager@2 (inside monaco-yaml) still passes
 * `{ moduleId, label, createData }`. Start the worker ourselves and hand over createData the way monaco's own
 * `internal/common/workers.js` does: the worker's first message initialises it and is ignored, the second is createData.
 */
interface LegacyWorkerOptions {
  moduleId: string;
  label: string;
  createData: unknown;
  host?: unknown;
  keepIdleModels?: boolean;
}
const createWebWorker = monaco.editor.createWebWorker;
const monacoForYaml = {
  ...monaco,
  editor: {
    ...monaco.editor,
    createWebWorker(opts: LegacyWorkerOptions | Parameters<typeof createWebWorker>[0]) {
      if ('worker' in opts) return createWebWorker(opts);
      const worker = Promise.resolve(getWorker(opts.moduleId, opts.label)).then((w) => {
        w.postMessage('ignore');
        w.postMessage(opts.createData);
        return w;
      });
      return createWebWorker({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels } as Parameters<typeof createWebWorker>[0]);
    },
  },
} as typeof monaco;

const definitions = (podSpecSchema as { definitions: Record<string, JSONSchema> }).definitions;
/** A schema for one definition of the PodSpec schema (affinity, security context…), sharing its definitions. */
const subSchema = (name: string): JSONSchema => ({ $ref: `#/definitions/${name}`, definitions });

configureMonacoYaml(monacoForYaml, {
  enableSchemaRequest: false, // never fetch a schema over the network
  validate: true,
  completion: true,
  hover: true,
  format: { enable: true },
  isKubernetes: true,
  schemas: [
    { uri: 'inmemory://podflow/schemas/podspec.json', fileMatch: ['**/*.podspec.yaml'], schema: podSpecSchema as JSONSchema },
    { uri: 'inmemory://podflow/schemas/affinity.json', fileMatch: ['**/*.affinity.yaml'], schema: subSchema('Affinity') },
    { uri: 'inmemory://podflow/schemas/pod-security-context.json', fileMatch: ['**/*.pod-security-context.yaml'], schema: subSchema('PodSecurityContext') },
  ],
});

export { monaco };
