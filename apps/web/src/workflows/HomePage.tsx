import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { examplesApi, workflowsApi, type WorkflowSummary } from '../api/workflows-api';
import { navigate, workflowPath } from '../router/router';
import { useUiStore } from '../ui/ui-store';
import { MenuButton } from '../ui/Menu';
import { toast } from '../ui/toasts';
import { useThemeStore, toggleTheme } from '../theme/theme';
import { CopyIcon, EditIcon, FileIcon, LogoMark, MoonIcon, MoreIcon, PlusIcon, SearchIcon, SunIcon, TrashIcon, UploadIcon, WorkflowIcon } from '../ui/icons';
import { StatusPill } from '../runs/run-bits';
import { uniqueWorkflowName } from './unique-workflow-name';
import { sortWorkflows, WORKFLOW_SORTS, type WorkflowSort } from './sort-workflows';
import { formatWhen } from './format-when';
import { createWorkflow, duplicateWorkflow } from './workflow-actions';
import { importWorkflowFile, isWorkflowFile, pickWorkflowFile } from './import-workflow';
import styles from './HomePage.module.css';
import { cx } from '../ui/cx';

/** `/`: every workflow, with create (blank or from an example), import, duplicate, rename and delete. */
export function HomePage() {
  const list = useQuery({ queryKey: ['workflows'], queryFn: workflowsApi.list });
  const examples = useQuery({ queryKey: ['examples'], queryFn: examplesApi.list });
  const theme = useThemeStore((s) => s.theme);
  const openDialog = useUiStore((s) => s.openDialog);
  const [dropping, setDropping] = useState(false);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<WorkflowSort>('updated');
  const rows = useMemo(() => sortWorkflows(list.data ?? [], sort, query), [list.data, sort, query]);
  const fromExample = async (name: string) => {
    try {
      const [ex, current] = await Promise.all([examplesApi.get(name), list.refetch()]);
      // Another click on the same example makes "pod-workflow-2", not a second "pod-workflow".
      const taken = (current.data ?? []).map((w) => w.name);
      await createWorkflow({ ...ex.document, metadata: { ...ex.document.metadata, name: uniqueWorkflowName(ex.document.metadata.name, taken) } });
    } catch (e) {
      toast((e as Error).message, 'error');
    }
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    if (!isWorkflowFile(file)) return toast(`${file.name} is not a .podflow.yaml file.`, 'error');
    try {
      await importWorkflowFile(file);
    } catch (e) {
      toast((e as Error).message, 'error');
    }
  };
  return (
    <div
      className={cx(styles.home, dropping && styles.fileOver)}
      data-testid="home"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDropping(false);
        void importFile(e.dataTransfer.files[0]);
      }}
    >
      <header className={styles.homeHeader}>
        <div className={styles.homeBrand}>
          <LogoMark size={24} />
          <span className={styles.brandName}>Podflow</span>
        </div>
        <button className="icon-btn" onClick={toggleTheme} aria-label="Toggle theme" title="Toggle theme">
          {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
        </button>
      </header>
      <main className={styles.homeMain}>
        <div className={styles.homeTitleRow}>
          <div>
            <h1>Workflows</h1>
            <p className="muted">Pipelines of Kubernetes pods, built on a canvas. Drop a .podflow.yaml anywhere here to import it.</p>
          </div>
          <div className={styles.homeActions}>
            <button className="btn" onClick={() => void pickWorkflowFile().then(importFile)} data-testid="home-import">
              <UploadIcon size={14} /> Import
            </button>
            <button className="btn btn-primary" onClick={() => openDialog({ kind: 'new-workflow' })} data-testid="home-new">
              <PlusIcon size={14} /> New workflow
            </button>
          </div>
        </div>

        {(list.data?.length ?? 0) > 0 && (
          <div className={styles.homeListTools}>
            <label className={styles.homeSearch}>
              <SearchIcon size={14} />
              <input className="input" type="search" placeholder="Search workflows" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search workflows" data-testid="home-search" />
            </label>
            <label className={styles.homeSort}>
              <span className="faint">Sort by</span>
              <select className="input" value={sort} onChange={(e) => setSort(e.target.value as WorkflowSort)} data-testid="home-sort">
                {WORKFLOW_SORTS.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
        )}
        <section className={styles.card}>
          {list.isLoading ? (
            <div className={styles.listEmpty}>
              <span className="spinner" /> Loading…
            </div>
          ) : list.isError ? (
            <div className={cx(styles.listEmpty, styles.error)}>{(list.error as Error).message}</div>
          ) : (list.data?.length ?? 0) === 0 ? (
            <div className={styles.listEmpty}>
              <WorkflowIcon size={22} />
              <p>No workflows yet. Create one, or start from an example below.</p>
            </div>
          ) : rows.length === 0 ? (
            <div className={styles.listEmpty} data-testid="home-no-match">
              <p>No workflow matches “{query.trim()}”.</p>
            </div>
          ) : (
            <ul className={styles.wfList} data-testid="workflow-list">
              {rows.map((w) => (
                <WorkflowRow key={w.id} w={w} />
              ))}
            </ul>
          )}
        </section>

        {(examples.data?.length ?? 0) > 0 && (
          <section className={styles.examples}>
            <h2>Start from an example</h2>
            <div className={styles.exampleGrid}>
              {examples.data!.map((ex) => (
                <button key={ex.name} className={styles.exampleCard} onClick={() => void fromExample(ex.name)} data-testid={`example-${ex.name}`}>
                  <span className={styles.exampleIcon}>
                    <FileIcon size={16} />
                  </span>
                  <span className={styles.exampleTitle}>{ex.title}</span>
                  {ex.description && <span className={styles.exampleDesc}>{ex.description}</span>}
                </button>
              ))}
            </div>
          </section>
        )}
      </main>
    </div>
  );
}

function WorkflowRow({ w }: { w: WorkflowSummary }) {
  const openDialog = useUiStore((s) => s.openDialog);
  return (
    <li className={styles.wfRow}>
      <button className={styles.wfOpen} onClick={() => navigate(workflowPath(w.id))} data-testid={`open-${w.name}`}>
        <span className={styles.wfIcon}>
          <WorkflowIcon size={16} />
        </span>
        <span className={styles.wfText}>
          <span className={styles.wfTitle}>{w.name}</span>
          {w.description && <span className={styles.wfDesc}>{w.description}</span>}
        </span>
        <span className={styles.wfMeta}>
          {w.lastRun ? <StatusPill status={w.lastRun.status} label={`Last run ${w.lastRun.status}`} testId={`last-run-${w.name}`} /> : <span className="faint">Never run</span>}
          {w.latestVersion ? <span className="version-badge small">v{w.latestVersion}</span> : null}
          <span className="faint">{formatWhen(w.updatedAt)}</span>
        </span>
      </button>
      <MenuButton
        label={`Actions for ${w.name}`}
        className="icon-btn"
        align="right"
        trigger={() => <MoreIcon />}
        entries={[
          { id: 'duplicate', label: 'Duplicate', icon: <CopyIcon size={14} />, onSelect: () => void duplicateWorkflow(w.id).catch((e: Error) => toast(e.message, 'error')) },
          { id: 'rename', label: 'Rename…', icon: <EditIcon size={14} />, onSelect: () => openDialog({ kind: 'rename-workflow', id: w.id, name: w.name }) },
          { separator: true, id: 's' },
          { id: 'delete', label: 'Delete…', icon: <TrashIcon size={14} />, danger: true, onSelect: () => openDialog({ kind: 'confirm-delete-workflow', id: w.id, name: w.name }) },
        ]}
      />
    </li>
  );
}
