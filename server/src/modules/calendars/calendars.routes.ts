import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { dbIdString, idParam } from '../../../../common/schemas/shared.ts';
import {
  businessTimeQuery,
  businessTimeResponse,
  calendarSchema,
  createCalendarBody,
  createHolidayBody,
  holidaySchema,
  holidaysQuery,
  holidaysResponse,
  importHolidaysBody,
  importHolidaysResponse,
  updateCalendarBody,
} from '../../../../common/schemas/calendars.ts';
import * as calendars from './calendars.service.ts';
import * as holidays from './holidays.service.ts';

const holidayParams = z.object({ id: dbIdString, holidayId: dbIdString }).strict();

export function calendarsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['calendars'];

    app.get(
      '/calendars',
      { config: { access: 'agent' }, schema: { tags, summary: 'Business calendars', response: { 200: z.object({ items: z.array(calendarSchema) }) } } },
      async () => ({ items: await calendars.listCalendars(deps) }),
    );

    app.get(
      '/calendars/:id',
      { config: { access: 'agent' }, schema: { tags, summary: 'One business calendar', params: idParam, response: { 200: calendarSchema } } },
      async (request) => calendars.getCalendar(deps, request.params.id),
    );

    app.post(
      '/calendars',
      { config: { access: 'admin' }, schema: { tags, summary: 'Create a business calendar', body: createCalendarBody, response: { 201: calendarSchema } } },
      async (request, reply) => reply.status(201).send(await calendars.createCalendar(deps, actorOf(request), request.body)),
    );

    app.patch(
      '/calendars/:id',
      {
        config: { access: 'admin' },
        schema: { tags, summary: 'Change a calendar: name, zone, hours, holiday country', params: idParam, body: updateCalendarBody, response: { 200: calendarSchema } },
      },
      async (request) => calendars.updateCalendar(deps, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/calendars/:id',
      { config: { access: 'admin' }, schema: { tags, summary: 'Delete a calendar no policy or rotation uses', params: idParam } },
      async (request, reply) => {
        await calendars.deleteCalendar(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/calendars/:id/holidays',
      {
        config: { access: 'agent' },
        schema: { tags, summary: "A year's holidays: stored ones and public holidays by rule", params: idParam, querystring: holidaysQuery, response: { 200: holidaysResponse } },
      },
      async (request) => holidays.listHolidays(deps, request.params.id, request.query.year),
    );

    app.post(
      '/calendars/:id/holidays',
      { config: { access: 'admin' }, schema: { tags, summary: 'Add a holiday', params: idParam, body: createHolidayBody, response: { 201: holidaySchema } } },
      async (request, reply) => reply.status(201).send(await holidays.addHoliday(deps, actorOf(request), request.params.id, request.body)),
    );

    app.delete(
      '/calendars/:id/holidays/:holidayId',
      { config: { access: 'admin' }, schema: { tags, summary: 'Remove a stored holiday', params: holidayParams } },
      async (request, reply) => {
        await holidays.deleteHoliday(deps, actorOf(request), request.params.id, request.params.holidayId);
        return reply.status(204).send();
      },
    );

    app.post(
      '/calendars/:id/holidays/import',
      {
        config: { access: 'admin' },
        bodyLimit: 4 * 1024 * 1024,
        schema: { tags, summary: 'Import the all-day events of an iCalendar file as holidays', params: idParam, body: importHolidaysBody, response: { 200: importHolidaysResponse } },
      },
      async (request) => holidays.importHolidays(deps, actorOf(request), request.params.id, request.body.ics),
    );

    app.get(
      '/calendars/:id/business-time',
      {
        config: { access: 'agent' },
        schema: { tags, summary: 'Business time between two instants, or N business minutes after one', params: idParam, querystring: businessTimeQuery, response: { 200: businessTimeResponse } },
      },
      async (request) => calendars.checkBusinessTime(deps, request.params.id, request.query),
    );
  };
}
