// Creating an on-call rotation; changing or deleting one, with its overrides and the next
// four weeks of turns under it.
import { useState } from 'react';
import { api } from '../../../app/api-client.ts';
import { useT } from '../../../app/i18n.tsx';
import { ConfirmDelete } from '../components/ConfirmDelete.tsx';
import { FormStatus } from '../components/FormStatus.tsx';
import { useNewForm } from '../components/useNewForm.ts';
import { useDutyMutation, type Rotation } from './api.ts';
import { messages } from './oncall-messages.ts';
import { RotationForm, rotationBody, type RotationFields } from './RotationForm.tsx';
import { RotationOverrides } from './RotationOverrides.tsx';
import { SchedulePreview } from './SchedulePreview.tsx';

export function NewRotation({ onCreated }: { onCreated(r: Rotation): void }) {
  const t = useT(messages);
  const created = useNewForm((r: Rotation) => t('rotationCreated', { name: r.name }), onCreated);
  const create = useDutyMutation((f: RotationFields) => api.post<Rotation>('/oncall/rotations', rotationBody(f)));
  return (
    <section className="panel" aria-labelledby="rotation-new-heading">
      <h4 id="rotation-new-heading">{t('newRotation')}</h4>
      <RotationForm
        key={created.key}
        rotation={null}
        submitLabel={t('createRotation')}
        run={async (f) => {
          created.start();
          created.finish(await create.mutateAsync(f));
        }}
      />
      <FormStatus success={created.done} />
    </section>
  );
}

export function EditRotation({ rotation, onDeleted }: { rotation: Rotation; onDeleted(): void }) {
  const t = useT(messages);
  const [saved, setSaved] = useState(false);
  const update = useDutyMutation((f: RotationFields) => api.patch<Rotation>(`/oncall/rotations/${rotation.id}`, rotationBody(f)));
  const remove = useDutyMutation(() => api.delete(`/oncall/rotations/${rotation.id}`));
  return (
    <div className="duty-split duty-split-even">
      <section className="panel stack" aria-labelledby="rotation-edit-heading">
        <h4 id="rotation-edit-heading">{t('editRotationTitle', { name: rotation.name })}</h4>
        <RotationForm
          rotation={rotation}
          submitLabel={t('saveRotation')}
          run={async (f) => {
            setSaved(false);
            await update.mutateAsync(f);
            setSaved(true);
          }}
        />
        <FormStatus success={saved ? t('rotationSaved') : null} />
        <ConfirmDelete label={t('deleteRotation')} confirmLabel={t('confirmDeleteRotation', { name: rotation.name })} hint={t('deleteRotationHint')} run={() => remove.mutateAsync(undefined)} onDone={onDeleted} />
      </section>
      <div>
        <SchedulePreview rotation={rotation} />
        <RotationOverrides rotation={rotation} />
      </div>
    </div>
  );
}
