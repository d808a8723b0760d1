// One-off changes to shifts, from now on: extra duty ("on") or an absence ("off") between two
// instants, entered in the admin's own time zone.
import { useState } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { useShiftOverrides, type ShiftOverride } from './api.ts';
import { OverrideForm } from './OverrideForm.tsx';
import { OverrideList } from './OverrideList.tsx';
import { messages } from './shift-messages.ts';

export function ShiftOverrides() {
  const t = useT(messages);
  const overrides = useShiftOverrides();
  const [kind, setKind] = useState<ShiftOverride['kind']>('off');
  return (
    <section className="panel" aria-labelledby="shift-overrides-heading">
      <h4 id="shift-overrides-heading">{t('overridesTitle')}</h4>
      <div className="duty-split">
        <div>
          <OverrideList
            query={overrides}
            words={messages}
            headingId="shift-overrides-heading"
            personLabel={t('colAgent')}
            kind={{ label: t('colKind'), text: (o) => t(o.kind === 'on' ? 'kind_on' : 'kind_off') }}
            deletePath={(id) => `/shift-overrides/${id}`}
          />
        </div>
        <OverrideForm words={messages} headingId="shift-override-new-heading" personLabel={t('colAgent')} path="/shift-overrides" more={{ kind }} keepPerson>
          <fieldset className="admin-fieldset">
            <legend>{t('colKind')}</legend>
            {(['off', 'on'] as const).map((k) => (
              <label key={k} className="checkbox">
                <input type="radio" name="shift-override-kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(k === 'on' ? 'kindHint_on' : 'kindHint_off')}
              </label>
            ))}
          </fieldset>
        </OverrideForm>
      </div>
    </section>
  );
}
