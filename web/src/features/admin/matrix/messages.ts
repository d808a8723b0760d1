// Strings of the priority matrix tab.
import { defineMessages } from '../../../app/i18n.tsx';

export const messages = defineMessages({
  en: {
    heading: 'Priority matrix',
    intro: 'A ticket’s priority follows from its impact and its urgency. Changes apply to tickets qualified from now on; existing priorities stay as they are.',
    caption: 'Priority by impact (rows) and urgency (columns)',
    impactUrgency: 'Impact \\ urgency',
    impact: 'Impact {level}',
    urgency: 'Urgency {level}',
    cell: 'Priority for impact {impact} and urgency {urgency}',
    save: 'Save the matrix',
    reset: 'Undo changes',
    saved: 'Priority matrix saved.',
    unsaved_one: '{count} unsaved change',
    unsaved_other: '{count} unsaved changes',
  },
  fr: {
    heading: 'Matrice des priorités',
    intro: 'La priorité d’un ticket découle de son impact et de son urgence. Les changements valent pour les tickets qualifiés désormais ; les priorités existantes restent inchangées.',
    caption: 'Priorité selon l’impact (lignes) et l’urgence (colonnes)',
    impactUrgency: 'Impact \\ urgence',
    impact: 'Impact {level}',
    urgency: 'Urgence {level}',
    cell: 'Priorité pour l’impact {impact} et l’urgence {urgency}',
    save: 'Enregistrer la matrice',
    reset: 'Annuler les changements',
    saved: 'Matrice des priorités enregistrée.',
    unsaved_one: '{count} changement non enregistré',
    unsaved_other: '{count} changements non enregistrés',
  },
});
