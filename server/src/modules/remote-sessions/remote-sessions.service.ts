// Remote-assistance sessions on a ticket: recorded with the requester's consent, ended
// later with what was done. Each write is a ticket change with an internal timeline event.
import type {
  CreateRemoteSessionInput,
  RemoteSession,
  RemoteTool,
  UpdateRemoteSessionInput,
} from '../../../../common/schemas/remote-sessions.ts';
import { launchUrlOf } from '../../../../common/schemas/remote-sessions.ts';
import type { Deps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors.ts';
import { changeTicket, notVisible, requireStaff, type TicketChange } from '../tickets/ticket-change.ts';
import { findTicketView } from '../tickets/tickets.repo.ts';
import * as repo from './remote-sessions.repo.ts';

// Clocks disagree a little; a start further ahead than this is a typing mistake.
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export async function listRemoteSessions(deps: Deps, actor: Actor, ticketId: number): Promise<RemoteSession[]> {
  if (!(await findTicketView(deps.db, actor.scope, ticketId))) throw notVisible(ticketId);
  return (await repo.listRemoteSessions(deps.db, ticketId)).map(toRemoteSession);
}

export async function recordRemoteSession(deps: Deps, actor: Actor, ticketId: number, input: CreateRemoteSessionInput): Promise<RemoteSession> {
  requireStaff(actor, 'record a remote session');
  if (input.consent !== true) {
    throw new Unprocessable(
      'The requester\'s consent is not recorded: ask them before connecting, then send "consent": true (and how they agreed in consentNote).',
    );
  }
  const startedAt = new Date(input.startedAt);
  if (startedAt.getTime() > deps.clock.now().getTime() + FUTURE_TOLERANCE_MS) {
    throw new Unprocessable('startedAt is in the future: record a session once it has started.');
  }
  const endedAt = input.endedAt === undefined ? null : checkEnd(startedAt, input.endedAt);
  let sessionId = 0;
  await changeTicket(deps, actor, ticketId, 'ticket.remote_session', async (c) => {
    refuseClosed(c);
    sessionId = await repo.insertRemoteSession(c.trx, {
      ticketId,
      agentId: actor.userId > 0 ? actor.userId : null,
      tool: input.tool,
      sessionRef: input.sessionRef,
      consentNote: input.consentNote ?? null,
      startedAt: startedAt.toISOString(),
      endedAt,
      summary: input.summary ?? null,
      at: c.at,
    });
    const id = sessionId;
    c.events.push({
      kind: 'remote_session',
      internal: true,
      body: input.summary ?? null,
      data: {
        action: 'recorded',
        sessionId: id,
        tool: input.tool,
        sessionRef: input.sessionRef,
        launchUrl: launchUrlOf(input.sessionRef),
        consent: true,
        consentNote: input.consentNote ?? null,
        startedAt: startedAt.toISOString(),
        endedAt,
      },
      afterInsert: (trx, eventId) => repo.linkRemoteSessionToEvent(trx, id, eventId),
    });
  });
  return getOne(deps, ticketId, sessionId);
}

export async function endRemoteSession(
  deps: Deps,
  actor: Actor,
  ticketId: number,
  sessionId: number,
  input: UpdateRemoteSessionInput,
): Promise<RemoteSession> {
  requireStaff(actor, 'update a remote session');
  await changeTicket(deps, actor, ticketId, 'ticket.remote_session', async (c) => {
    refuseClosed(c);
    const session = await repo.findRemoteSession(c.trx, ticketId, sessionId);
    if (!session) throw sessionNotFound(ticketId, sessionId);
    const endedAt = input.endedAt === undefined ? undefined : checkEnd(new Date(session.started_at), input.endedAt);
    await repo.updateRemoteSession(c.trx, sessionId, {
      ...(endedAt !== undefined ? { ended_at: endedAt } : {}),
      ...(input.summary !== undefined ? { summary: input.summary } : {}),
      updated_at: c.at,
    });
    c.events.push({
      kind: 'remote_session',
      internal: true,
      body: input.summary ?? null,
      data: { action: endedAt !== undefined ? 'ended' : 'updated', sessionId, tool: session.tool as RemoteTool, startedAt: session.started_at, endedAt: endedAt ?? session.ended_at },
    });
  });
  return getOne(deps, ticketId, sessionId);
}

function checkEnd(startedAt: Date, endedAtInput: string): string {
  const endedAt = new Date(endedAtInput);
  if (endedAt.getTime() < startedAt.getTime()) {
    throw new Unprocessable(`endedAt (${endedAt.toISOString()}) is before the session started (${startedAt.toISOString()}).`);
  }
  return endedAt.toISOString();
}

function refuseClosed(c: TicketChange): void {
  if (c.row.status === 'closed') throw new Conflict('This ticket is closed; a closed ticket is final and takes no more remote sessions.');
}

const sessionNotFound = (ticketId: number, id: number) => new NotFound(`Remote session ${id} does not exist on ticket ${ticketId}.`);

async function getOne(deps: Deps, ticketId: number, id: number): Promise<RemoteSession> {
  const row = await repo.findRemoteSession(deps.db, ticketId, id);
  if (!row) throw sessionNotFound(ticketId, id);
  return toRemoteSession(row);
}

function toRemoteSession(r: repo.RemoteSessionViewRow): RemoteSession {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    tool: r.tool as RemoteTool,
    sessionRef: r.session_ref,
    launchUrl: launchUrlOf(r.session_ref),
    consent: r.consent === 1,
    consentNote: r.consent_note,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    summary: r.summary,
    agent: r.agent_id !== null && r.agent_name !== null ? { id: r.agent_id, name: r.agent_name, email: r.agent_email! } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
