// monaco-yaml's language worker, wrapped in a local file so that Vite bundles it as a worker (monaco-yaml README).
import 'monaco-yaml/yaml.worker.js';
