import { CodeEditor } from '../monaco/LazyEditor';
import type { ExportSection } from './export-content';
import styles from './ExportSections.module.css';

/**
 * The file as a person reads it: the Pod (or Workflow) first in the editor, then each ConfigMap collapsed under its
 * name (the runtime's is 1,400 lines nobody should have to scroll past). The downloaded file keeps ConfigMaps first.
 */
export function ExportSections(props: { sections: readonly ExportSection[]; path: string; language?: 'yaml' | 'python' }) {
  const open = props.sections.filter((s) => !s.collapsed);
  const collapsed = props.sections.filter((s) => s.collapsed);
  const text = props.language === 'python' ? open.map((s) => s.text).join('\n') : open.map((s) => `# ${s.kind} ${s.name}${s.note ? ` (${s.note})` : ''}\n${s.text}`).join('---\n');
  return (
    <>
      <div className={styles.inspExportPreview}>
        <CodeEditor path={props.path} language={props.language ?? 'yaml'} value={text} readOnly ariaLabel={props.language === 'python' ? 'Exported flytekit module' : 'Exported YAML'} testId="export-preview" />
      </div>
      {collapsed.length > 0 && (
        <div className={styles.inspExportConfigmaps} data-testid="export-configmaps">
          {collapsed.map((s) => (
            <details key={s.name} data-testid={`export-configmap-${s.name}`}>
              <summary>
                <span className="mono">ConfigMap {s.name}</span> <span className="faint">{s.note}</span>
              </summary>
              <pre className="mono">{s.text}</pre>
            </details>
          ))}
        </div>
      )}
    </>
  );
}
