// A rotation's overrides: someone else on call between two instants (a swap, a holiday
// cover), listed with a delete button, and the form to add one.
import { useT } from '../../../app/i18n.tsx';
import { useRotationOverrides, type Rotation } from './api.ts';
import { messages } from './oncall-messages.ts';
import { OverrideForm } from './OverrideForm.tsx';
import { OverrideList } from './OverrideList.tsx';

export function RotationOverrides({ rotation }: { rotation: Rotation }) {
  const t = useT(messages);
  const overrides = useRotationOverrides(rotation.id);
  return (
    <section className="panel" aria-labelledby="rotation-overrides-heading">
      <h4 id="rotation-overrides-heading">{t('overridesTitle')}</h4>
      <OverrideList query={overrides} words={messages} headingId="rotation-overrides-heading" personLabel={t('onCallPerson')} deletePath={(id) => `/oncall/overrides/${id}`} />
      <OverrideForm words={messages} headingId="rotation-override-new-heading" personLabel={t('onCallPerson')} path={`/oncall/rotations/${rotation.id}/overrides`} />
    </section>
  );
}
