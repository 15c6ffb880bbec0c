import type { ReactNode, SVGProps } from 'react';

/** Stroke icons on a 24-unit grid (in the style of Lucide), drawn at 16 px by default. */
type IconProps = SVGProps<SVGSVGElement> & { size?: number };

function icon(paths: ReactNode, displayName: string) {
  const Icon = ({ size = 16, ...rest }: IconProps) => (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      {paths}
    </svg>
  );
  Icon.displayName = displayName;
  return Icon;
}

export const UndoIcon = icon(<><path d="M9 14 4 9l5-5" /><path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" /></>, 'UndoIcon');
export const RedoIcon = icon(<><path d="m15 14 5-5-5-5" /><path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" /></>, 'RedoIcon');
export const PlayIcon = icon(<path d="M7 4.5v15a.5.5 0 0 0 .77.42l11.5-7.5a.5.5 0 0 0 0-.84L7.77 4.08A.5.5 0 0 0 7 4.5Z" />, 'PlayIcon');
export const DownloadIcon = icon(<><path d="M12 15V3" /><path d="m7 10 5 5 5-5" /><path d="M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4" /></>, 'DownloadIcon');
export const UploadIcon = icon(<><path d="M12 3v12" /><path d="m17 8-5-5-5 5" /><path d="M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4" /></>, 'UploadIcon');
export const HistoryIcon = icon(<><path d="M3 12a9 9 0 1 0 3-6.7L3 8" /><path d="M3 3v5h5" /><path d="M12 7v5l3 2" /></>, 'HistoryIcon');
export const SunIcon = icon(<><circle cx="12" cy="12" r="4" /><path d="M12 2v2M12 20v2M4.93 4.93l1.41 1.41M17.66 17.66l1.41 1.41M2 12h2M20 12h2M6.34 17.66l-1.41 1.41M19.07 4.93l-1.41 1.41" /></>, 'SunIcon');
export const MoonIcon = icon(<path d="M20.5 14.5A8.5 8.5 0 1 1 9.5 3.5a7 7 0 0 0 11 11Z" />, 'MoonIcon');
export const KeyboardIcon = icon(<><rect x="2" y="5" width="20" height="14" rx="2" /><path d="M6 9h.01M10 9h.01M14 9h.01M18 9h.01M6 13h.01M18 13h.01M10 13h4M7 16h10" /></>, 'KeyboardIcon');
export const ChevronDownIcon = icon(<path d="m6 9 6 6 6-6" />, 'ChevronDownIcon');
export const ChevronRightIcon = icon(<path d="m9 6 6 6-6 6" />, 'ChevronRightIcon');
export const PlusIcon = icon(<path d="M12 5v14M5 12h14" />, 'PlusIcon');
export const TrashIcon = icon(<><path d="M3 6h18" /><path d="M8 6V4h8v2" /><path d="M19 6l-1 14H6L5 6" /><path d="M10 11v6M14 11v6" /></>, 'TrashIcon');
export const CopyIcon = icon(<><rect x="8" y="8" width="13" height="13" rx="2" /><path d="M16 8V5a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v9a2 2 0 0 0 2 2h3" /></>, 'CopyIcon');
export const LayoutIcon = icon(<><rect x="3" y="3" width="6" height="6" rx="1.5" /><rect x="15" y="3" width="6" height="6" rx="1.5" /><rect x="15" y="15" width="6" height="6" rx="1.5" /><path d="M9 6h6M18 9v6" /></>, 'LayoutIcon');
export const FitIcon = icon(<><path d="M8 3H5a2 2 0 0 0-2 2v3M21 8V5a2 2 0 0 0-2-2h-3M3 16v3a2 2 0 0 0 2 2h3M16 21h3a2 2 0 0 0 2-2v-3" /><rect x="8" y="8" width="8" height="8" rx="1" /></>, 'FitIcon');
export const CodeIcon = icon(<><path d="m16 18 6-6-6-6" /><path d="m8 6-6 6 6 6" /></>, 'CodeIcon');
export const ZapIcon = icon(<path d="M13 2 4 14h7l-1 8 9-12h-7l1-8Z" />, 'ZapIcon');
export const LayersIcon = icon(<><path d="m12 2 9 5-9 5-9-5 9-5Z" /><path d="m3 12 9 5 9-5" /><path d="m3 17 9 5 9-5" /></>, 'LayersIcon');
export const InputIcon = icon(<><path d="M3 12h12" /><path d="m11 8 4 4-4 4" /><path d="M21 4v16" /></>, 'InputIcon');
export const OutputIcon = icon(<><path d="M3 4v16" /><path d="M9 12h12" /><path d="m17 8 4 4-4 4" /></>, 'OutputIcon');
export const AlertTriangleIcon = icon(<><path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z" /><path d="M12 9v4M12 17h.01" /></>, 'AlertTriangleIcon');
export const ErrorIcon = icon(<><circle cx="12" cy="12" r="9.5" /><path d="m15 9-6 6M9 9l6 6" /></>, 'ErrorIcon');
export const InfoIcon = icon(<><circle cx="12" cy="12" r="9.5" /><path d="M12 16v-4M12 8h.01" /></>, 'InfoIcon');
export const CheckIcon = icon(<path d="M20 6 9 17l-5-5" />, 'CheckIcon');
export const CheckCircleIcon = icon(<><circle cx="12" cy="12" r="9.5" /><path d="m8.5 12 2.5 2.5 4.5-5" /></>, 'CheckCircleIcon');
export const CloudIcon = icon(<path d="M17.5 19H8a6 6 0 1 1 5.7-7.9A4.5 4.5 0 1 1 17.5 19Z" />, 'CloudIcon');
export const CloudOffIcon = icon(<><path d="m2 2 20 20" /><path d="M5.8 7.8A6 6 0 0 0 8 19h9.5c.6 0 1.1-.1 1.6-.3" /><path d="M21.6 15.6A4.5 4.5 0 0 0 17.5 10h-1.8A6 6 0 0 0 10 6.1" /></>, 'CloudOffIcon');
export const SearchIcon = icon(<><circle cx="11" cy="11" r="7" /><path d="m21 21-4.3-4.3" /></>, 'SearchIcon');
export const MoreIcon = icon(<><circle cx="5" cy="12" r="1" /><circle cx="12" cy="12" r="1" /><circle cx="19" cy="12" r="1" /></>, 'MoreIcon');
export const FileIcon = icon(<><path d="M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9l-6-6Z" /><path d="M14 3v6h6" /></>, 'FileIcon');
export const BoxIcon = icon(<><path d="M21 8 12 3 3 8v8l9 5 9-5V8Z" /><path d="m3 8 9 5 9-5M12 13v8" /></>, 'BoxIcon');
export const CpuIcon = icon(<><rect x="5" y="5" width="14" height="14" rx="2" /><rect x="9" y="9" width="6" height="6" rx="1" /><path d="M9 2v3M15 2v3M9 19v3M15 19v3M2 9h3M2 15h3M19 9h3M19 15h3" /></>, 'CpuIcon');
export const PinIcon = icon(<><path d="M20 10c0 6-8 12-8 12s-8-6-8-12a8 8 0 0 1 16 0Z" /><circle cx="12" cy="10" r="3" /></>, 'PinIcon');
export const XIcon = icon(<path d="M18 6 6 18M6 6l12 12" />, 'XIcon');
export const GripIcon = icon(<><circle cx="9" cy="6" r="1" /><circle cx="15" cy="6" r="1" /><circle cx="9" cy="12" r="1" /><circle cx="15" cy="12" r="1" /><circle cx="9" cy="18" r="1" /><circle cx="15" cy="18" r="1" /></>, 'GripIcon');
export const WorkflowIcon = icon(<><rect x="3" y="3" width="7" height="7" rx="1.5" /><rect x="14" y="14" width="7" height="7" rx="1.5" /><path d="M6.5 10v3.5a2 2 0 0 0 2 2H14" /></>, 'WorkflowIcon');
export const PanelBottomIcon = icon(<><rect x="3" y="3" width="18" height="18" rx="2" /><path d="M3 15h18" /></>, 'PanelBottomIcon');
export const ZoomInIcon = icon(<><circle cx="11" cy="11" r="7" /><path d="m21 21-4.3-4.3M11 8v6M8 11h6" /></>, 'ZoomInIcon');
export const ZoomOutIcon = icon(<><circle cx="11" cy="11" r="7" /><path d="m21 21-4.3-4.3M8 11h6" /></>, 'ZoomOutIcon');
export const EditIcon = icon(<><path d="M12 20h9" /><path d="M16.5 3.5a2.1 2.1 0 1 1 3 3L7 19l-4 1 1-4Z" /></>, 'EditIcon');
export const SaveIcon = icon(<><path d="M19 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h11l5 5v11a2 2 0 0 1-2 2Z" /><path d="M17 21v-8H7v8M7 3v5h8" /></>, 'SaveIcon');
export const LogoMark = ({ size = 22 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
    <rect width="32" height="32" rx="8" fill="var(--accent)" />
    <circle cx="10" cy="11" r="3.2" fill="#fff" />
    <circle cx="10" cy="21" r="3.2" fill="#fff" />
    <circle cx="22" cy="16" r="3.6" fill="#fff" fillOpacity="0.75" />
    <path d="M13 11.5c4 0 4 4.5 6 4.5M13 20.5c4 0 4-4.5 6-4.5" stroke="#fff" strokeWidth="1.8" fill="none" strokeLinecap="round" />
  </svg>
);
