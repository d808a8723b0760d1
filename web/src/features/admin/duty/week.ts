// A weekly pattern of hours (a shift) as the form edits it: the same shape and arithmetic as a
// calendar's opening hours, HH:MM text ranges per ISO weekday.
import type { EditableWeek } from '../components/week-hours.ts';

export { editableWeek, WEEKDAYS, weekdayNames, weekHoursBody as weekBody, weekSummary, type EditableWeek } from '../components/week-hours.ts';

/** Monday to Friday, 09:00–17:00: what a new shift starts from. */
export const officeWeek = (): EditableWeek => ({ 1: [['09:00', '17:00']], 2: [['09:00', '17:00']], 3: [['09:00', '17:00']], 4: [['09:00', '17:00']], 5: [['09:00', '17:00']], 6: [], 7: [] });
