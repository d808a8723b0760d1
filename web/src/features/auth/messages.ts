import { defineMessages } from '../../app/i18n.tsx';

export const authMessages = defineMessages({
  en: {
    title: 'Sign in to Guichet',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    expired: 'Your session has expired. Sign in again to continue where you were.',
    notFoundTitle: 'Page not found',
    home: 'Back to the start',
  },
  fr: {
    title: 'Connexion à Guichet',
    email: 'E-mail',
    password: 'Mot de passe',
    submit: 'Se connecter',
    expired: 'Votre session a expiré. Reconnectez-vous pour reprendre où vous en étiez.',
    notFoundTitle: 'Page introuvable',
    home: "Retour à l'accueil",
  },
});
