// The end of an admin form: the server's refusal, if any, then the submit button, busy while
// the request runs.
import { Button } from '../../../ui/Button.tsx';
import { FormStatus } from './FormStatus.tsx';

export function FormFooter({ error, busy, label }: { error: unknown; busy: boolean; label: string }) {
  return (
    <>
      <FormStatus error={error} />
      <Button variant="primary" type="submit" busy={busy}>
        {label}
      </Button>
    </>
  );
}
