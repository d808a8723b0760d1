// The portal's self-help suggestions, in plain words.
import { defineMessages } from '../../app/i18n.tsx';

export const selfHelpMessages = defineMessages({
  en: {
    title: 'These articles may help',
    hint: 'Your request stays here while you read.',
    read: 'Read “{title}”',
    solved: 'This solved my problem',
    notSolved: 'Back to my request',
    solvedTitle: 'Glad it helped!',
    solvedBody: 'Your request was not sent, so there is nothing left to do. If the problem comes back, you can make a request at any time.',
    newRequest: 'Make a request',
    backToRequests: 'Back to my requests',
    helpCentre: 'Browse the help centre',
    loadError: 'This article could not be loaded.',
  },
  fr: {
    title: 'Ces articles pourraient vous aider',
    hint: 'Votre demande reste ici pendant votre lecture.',
    read: 'Lire « {title} »',
    solved: 'Cela a résolu mon problème',
    notSolved: 'Revenir à ma demande',
    solvedTitle: 'Ravis que cela ait aidé !',
    solvedBody: "Votre demande n'a pas été envoyée : vous n'avez plus rien à faire. Si le problème revient, vous pouvez faire une demande à tout moment.",
    newRequest: 'Faire une demande',
    backToRequests: 'Retour à mes demandes',
    helpCentre: "Parcourir le centre d'aide",
    loadError: "Cet article n'a pas pu être chargé.",
  },
});
