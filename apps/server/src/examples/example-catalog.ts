import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWorkflow, type WorkflowDoc } from '@podflow/core';

/**
 * The example workflows offered in the palette: `examples/seed/*.podflow.yaml` of the repository. The directory is
 * read on every call (the files are few and small), and a name from a URL is only ever compared with the names
 * found there, never joined into a path.
 */
export interface ExampleSummary {
  name: string;
  title: string;
  description: string;
}

export interface Example {
  name: string;
  yaml: string;
  document: WorkflowDoc;
}

const SUFFIX = '.podflow.yaml';

export class ExampleCatalog {
  constructor(private readonly dir: string | undefined) {}

  list(): ExampleSummary[] {
    return this.files().flatMap((file) => {
      const example = this.read(file);
      if (!example) return [];
      return [{ name: example.name, title: titleOf(example.name), description: example.document.metadata.description?.trim() ?? '' }];
    });
  }

  get(name: string): Example | undefined {
    const file = this.files().find((f) => f === `${name}${SUFFIX}`);
    return file ? this.read(file) : undefined;
  }

  private files(): string[] {
    if (!this.dir) return [];
    try {
      return readdirSync(this.dir)
        .filter((f) => f.endsWith(SUFFIX))
        .sort();
    } catch {
      return [];
    }
  }

  private read(file: string): Example | undefined {
    if (!this.dir) return undefined;
    const yaml = readFileSync(join(this.dir, file), 'utf8');
    const parsed = parseWorkflow(yaml);
    if (!parsed.ok) {
      process.stderr.write(`podflow: the example ${file} is not a valid workflow (${parsed.issues[0]?.message ?? '?'}); it is left out\n`);
      return undefined;
    }
    return { name: file.slice(0, -SUFFIX.length), yaml, document: parsed.doc };
  }
}

/** `map-pod-workflow` → `Map pod workflow`. */
function titleOf(name: string): string {
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
