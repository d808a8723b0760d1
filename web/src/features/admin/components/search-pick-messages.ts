// Strings of the searchable multiple choice (SearchPickList).
import { defineMessages } from '../../../app/i18n.tsx';

export const messages = defineMessages({
  en: {
    find: 'Find in {list}',
    chosen: '{count} chosen',
    noneChosen: 'None chosen',
    remove: 'Remove {name}',
    clear: 'Clear the choice',
    noMatch: 'Nothing matches “{q}”.',
    showing: 'Showing {shown} of {total}: type to narrow the list.',
  },
  fr: {
    find: 'Chercher dans {list}',
    chosen: '{count} choisi(s)',
    noneChosen: 'Aucun choix',
    remove: 'Retirer {name}',
    clear: 'Effacer le choix',
    noMatch: 'Rien ne correspond à « {q} ».',
    showing: '{shown} sur {total} affichés : tapez pour réduire la liste.',
  },
});
