// Priority and status badges: colour plus text, never colour alone.
import type { Priority, TicketStatus } from '../../../common/enums.ts';

export function PriorityBadge({ priority }: { priority: Priority }) {
  return <span className={`badge badge-${priority.toLowerCase()}`}>{priority}</span>;
}

export function StatusBadge({ status, label }: { status: TicketStatus; label: string }) {
  return <span className={`badge badge-status badge-${status}`}>{label}</span>;
}
