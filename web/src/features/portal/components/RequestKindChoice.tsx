// Incident or service request, asked in the requester's words: "something is broken" or
// "I need something". The support team's queues, SLAs and reports tell the two apart.
import { useId } from 'react';
import { TICKET_TYPES, type TicketType } from '../../../../../common/enums.ts';
import { useT } from '../../../app/i18n.tsx';
import { portalMessages } from '../messages.ts';

export function RequestKindChoice({ value, onChange }: { value: TicketType; onChange(type: TicketType): void }) {
  const t = useT(portalMessages);
  const id = useId();
  return (
    <fieldset className="portal-kind">
      <legend>{t('kindLegend')}</legend>
      {TICKET_TYPES.map((type) => (
        <div key={type} className="portal-kind-option">
          <input
            type="radio"
            id={`${id}-${type}`}
            name="type"
            value={type}
            checked={value === type}
            onChange={() => onChange(type)}
            aria-describedby={`${id}-${type}-hint`}
          />
          <label htmlFor={`${id}-${type}`}>{t(`kind_${type}`)}</label>
          <div className="field-hint" id={`${id}-${type}-hint`}>
            {t(`kind_${type}_hint`)}
          </div>
        </div>
      ))}
    </fieldset>
  );
}
