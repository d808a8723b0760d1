// A weekly pattern of hours (a shift) as the form edits it. The arithmetic is the calendars'
// (Service levels › Calendars): the same shape, HH:MM text ranges per ISO weekday.
import type { EditableWeek } from '../sla/calendars/week-hours.ts';

export {
  CLOCK_PATTERN,
  copyMondayToWeekdays,
  editableWeek,
  nextRange,
  WEEKDAYS,
  weekdayNames,
  weekHoursBody as weekBody,
  weekSummary,
  type EditableWeek,
  type Range,
  type Weekday,
} from '../sla/calendars/week-hours.ts';

/** Monday to Friday, 09:00–17:00: what a new shift starts from. */
export const officeWeek = (): EditableWeek => ({ 1: [['09:00', '17:00']], 2: [['09:00', '17:00']], 3: [['09:00', '17:00']], 4: [['09:00', '17:00']], 5: [['09:00', '17:00']], 6: [], 7: [] });
