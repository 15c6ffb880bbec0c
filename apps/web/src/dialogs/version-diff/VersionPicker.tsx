import type { VersionSummary } from '../../api/workflows-api';
import { parseRef, refValue, type VersionRef } from './version-ref';

type VersionList = readonly VersionSummary[];

/** "Compare [v3] with [Draft]": any two of the saved versions and the draft. */
export function VersionPicker(props: {
  versions: VersionList;
  from: VersionRef;
  to: VersionRef;
  onChange: (from: VersionRef, to: VersionRef) => void;
  className?: string;
}) {
  const options = (
    <>
      <option value="draft">Current draft</option>
      {[...props.versions]
        .sort((x, y) => y.version - x.version)
        .map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version}
            {v.message ? ` · ${v.message.slice(0, 40)}` : ''}
          </option>
        ))}
    </>
  );
  return (
    <span className={props.className}>
      <label>
        Compare{' '}
        <select
          className="input input-sm"
          value={refValue(props.from)}
          onChange={(e) => props.onChange(parseRef(e.target.value), props.to)}
          data-testid="compare-from"
        >
          {options}
        </select>
      </label>{' '}
      <label>
        with{' '}
        <select
          className="input input-sm"
          value={refValue(props.to)}
          onChange={(e) => props.onChange(props.from, parseRef(e.target.value))}
          data-testid="compare-to"
        >
          {options}
        </select>
      </label>
    </span>
  );
}
