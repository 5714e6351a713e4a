// Choosing children as pills in their own colors: one child or everyone (radios, so arrow keys
// move between them), or any number of children (checkboxes).
import type { Member } from '../api/types';
import { toneOf } from './ChildTag';

export function ChildRadios({
  name,
  legend,
  allLabel,
  members,
  childId,
  onChange,
  allDisabled,
  isDisabled,
  describedBy,
}: {
  /** The radios' name, unique on the page. */
  name: string;
  legend: string;
  allLabel: string;
  members: Member[];
  /** null: everyone. */
  childId: string | null;
  onChange: (childId: string | null) => void;
  allDisabled?: boolean;
  isDisabled?: (member: Member) => boolean;
  describedBy?: string;
}) {
  return (
    <fieldset className="chips" aria-describedby={describedBy}>
      <legend className="controls__label">{legend}</legend>
      <div className="chips__options">
        <label className="chip">
          <input
            type="radio"
            name={name}
            value=""
            checked={childId === null}
            disabled={allDisabled}
            onChange={() => onChange(null)}
          />
          <span>{allLabel}</span>
        </label>
        {members.map((m) => (
          <label key={m.id} className={`chip tone-${toneOf(members, m.id)}`}>
            <input
              type="radio"
              name={name}
              value={m.id}
              checked={childId === m.id}
              disabled={isDisabled?.(m)}
              onChange={() => onChange(m.id)}
            />
            <span>{m.name}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Check pills for `members`; the legend and error come from the FieldGroup around them. */
export function ChildToggles({
  name,
  members,
  selected,
  onToggle,
}: {
  name: string;
  members: Member[];
  selected: readonly string[];
  onToggle: (id: string) => void;
}) {
  return (
    <div className="chips__options">
      {members.map((m) => (
        <label key={m.id} className={`chip chip--check tone-${toneOf(members, m.id)}`}>
          <input
            type="checkbox"
            name={name}
            value={m.id}
            checked={selected.includes(m.id)}
            onChange={() => onToggle(m.id)}
          />
          <span>{m.name}</span>
        </label>
      ))}
    </div>
  );
}

/** `ids` with `id` added, or taken out when it was there. */
export function toggled(ids: readonly string[], id: string): string[] {
  return ids.includes(id) ? ids.filter((m) => m !== id) : [...ids, id];
}
