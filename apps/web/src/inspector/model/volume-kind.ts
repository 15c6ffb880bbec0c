/** The kinds of volume the form edits; any other source is kept and shown as such (edit it in YAML). */
import type { Volume } from 'kubernetes-types/core/v1';

export type VolumeKind = 'emptyDir' | 'configMap' | 'secret' | 'hostPath' | 'persistentVolumeClaim';

export const VOLUME_KINDS: readonly { value: VolumeKind; label: string }[] = [
  { value: 'emptyDir', label: 'emptyDir (scratch space)' },
  { value: 'configMap', label: 'ConfigMap' },
  { value: 'secret', label: 'Secret' },
  { value: 'hostPath', label: 'hostPath' },
  { value: 'persistentVolumeClaim', label: 'PersistentVolumeClaim' },
];

/** The source key of a volume (`emptyDir`, `nfs`, …), or undefined when it has none. */
export function volumeSourceOf(volume: Volume): string | undefined {
  return Object.keys(volume).find((k) => k !== 'name');
}

export function isFormVolumeKind(kind: string | undefined): kind is VolumeKind {
  return VOLUME_KINDS.some((k) => k.value === kind);
}

/** Switches a volume to another kind, keeping its name; the old source is dropped. */
export function withVolumeKind(volume: Volume, kind: VolumeKind): Volume {
  if (volumeSourceOf(volume) === kind) return volume;
  const out: Record<string, unknown> = { name: volume.name };
  out[kind] =
    kind === 'emptyDir' ? {} : kind === 'configMap' ? { name: '' } : kind === 'secret' ? { secretName: '' } : kind === 'hostPath' ? { path: '' } : { claimName: '' };
  return out as unknown as Volume;
}
