// Under a form: the server's refusal (its problem detail, as is) or the success notice.
import { ErrorBanner, Notice } from '../../../ui/Feedback.tsx';

export function FormStatus({ error, success }: { error?: unknown; success?: string | null }) {
  if (error) return <ErrorBanner error={error} />;
  return success ? <Notice tone="success">{success}</Notice> : null;
}
