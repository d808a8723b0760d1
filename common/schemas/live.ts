// What a browser may send on the live WebSocket (the protocol's types are in ../live.ts).
import { z } from 'zod';
import type { LiveClientMessage } from '../live.ts';
import { dbId } from './shared.ts';

export const liveClientMessage: z.ZodType<LiveClientMessage> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('watch'), ticketId: dbId }).strict(),
  z.object({ type: z.literal('unwatch'), ticketId: dbId }).strict(),
  z.object({ type: z.literal('typing'), ticketId: dbId, mode: z.enum(['reply', 'note']).nullable() }).strict(),
]);
