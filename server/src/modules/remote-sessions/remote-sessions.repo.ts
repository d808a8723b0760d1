// SQL for remote-assistance sessions. Ticket visibility is checked by the caller (the
// ticket's scope); every query here is bound to one ticket.
import type { Trx } from '../../db/db.ts';

export interface RemoteSessionViewRow {
  id: number;
  ticket_id: number;
  tool: string;
  session_ref: string;
  consent: number;
  consent_note: string | null;
  started_at: string;
  ended_at: string | null;
  summary: string | null;
  agent_id: number | null;
  agent_name: string | null;
  agent_email: string | null;
  created_at: string;
  updated_at: string;
}

export interface NewRemoteSession {
  ticketId: number;
  agentId: number | null;
  tool: string;
  sessionRef: string;
  consentNote: string | null;
  startedAt: string;
  endedAt: string | null;
  summary: string | null;
  at: string;
}

export async function insertRemoteSession(trx: Trx, s: NewRemoteSession): Promise<number> {
  const row = await trx
    .insertInto('remote_sessions')
    .values({
      ticket_id: s.ticketId,
      event_id: null,
      agent_id: s.agentId,
      tool: s.tool,
      session_ref: s.sessionRef,
      consent: 1,
      consent_note: s.consentNote,
      started_at: s.startedAt,
      ended_at: s.endedAt,
      summary: s.summary,
      created_at: s.at,
      updated_at: s.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The session's row points at the timeline event that recorded it. */
export async function linkRemoteSessionToEvent(trx: Trx, id: number, eventId: number): Promise<void> {
  await trx.updateTable('remote_sessions').set({ event_id: eventId }).where('id', '=', id).execute();
}

export async function updateRemoteSession(trx: Trx, id: number, patch: { ended_at?: string; summary?: string; updated_at: string }): Promise<void> {
  await trx.updateTable('remote_sessions').set(patch).where('id', '=', id).execute();
}

function selectSessions(db: Trx, ticketId: number) {
  return db
    .selectFrom('remote_sessions as s')
    .leftJoin('users as u', 'u.id', 's.agent_id')
    .select([
      's.id',
      's.ticket_id',
      's.tool',
      's.session_ref',
      's.consent',
      's.consent_note',
      's.started_at',
      's.ended_at',
      's.summary',
      's.agent_id',
      'u.name as agent_name',
      'u.email as agent_email',
      's.created_at',
      's.updated_at',
    ])
    .where('s.ticket_id', '=', ticketId);
}

export function listRemoteSessions(db: Trx, ticketId: number): Promise<RemoteSessionViewRow[]> {
  return selectSessions(db, ticketId).orderBy('s.started_at').orderBy('s.id').execute();
}

export function findRemoteSession(db: Trx, ticketId: number, id: number): Promise<RemoteSessionViewRow | undefined> {
  return selectSessions(db, ticketId).where('s.id', '=', id).executeTakeFirst();
}
