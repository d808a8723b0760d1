import type { TicketStatus } from '../../../../../common/enums.ts';
import { useT } from '../../../app/i18n.tsx';
import { StatusBadge } from '../../../ui/Badges.tsx';
import { portalMessages } from '../messages.ts';

/** The status as a requester would say it ("Being worked on", not "in_progress"). */
export function PlainStatus({ status }: { status: TicketStatus }) {
  const t = useT(portalMessages);
  return <StatusBadge status={status} label={t(`plain_${status}`)} />;
}
