/** What the inspector hands to a code editor; kept free of Monaco types so that callers never load Monaco to type-check. */
export type EditorLanguage = 'python' | 'yaml' | 'json';

export interface EditorMarker {
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** 1-based. */
  startLine: number;
  startCol: number;
  endLine?: number;
  endCol?: number;
  /** Shown after the message in Monaco's hover ("podflow", "yaml-schema"…). */
  source?: string;
}

/** Scroll to and select a range; a new `token` reveals again even when the range is the same. */
export interface EditorReveal {
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
  token: number;
}

export interface CodeEditorProps {
  /** Becomes the model URI (`file:///tasks/x.podspec.yaml`); monaco-yaml matches its schemas against it. */
  path: string;
  language: EditorLanguage;
  value: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  markers?: readonly EditorMarker[];
  /** Markers that others put on this model (monaco-yaml's schema check), whenever they change. */
  onExternalMarkers?: (markers: EditorMarker[]) => void;
  reveal?: EditorReveal;
  /** Grow with the content between these heights (small sub-editors); otherwise fill the parent. */
  autoHeight?: { min: number; max: number };
  /** No line numbers, folding or glyph margin (small sub-editors). */
  compact?: boolean;
  ariaLabel?: string;
  testId?: string;
}

export interface DiffEditorProps {
  /** Model URIs become `PATH.original` and `PATH.modified`. */
  path: string;
  language: EditorLanguage;
  /** The older side (left). */
  original: string;
  /** The newer side (right). */
  modified: string;
  /** Fold the lines that are the same on both sides. */
  hideUnchanged?: boolean;
  ariaLabel?: string;
  originalAriaLabel?: string;
  testId?: string;
}
