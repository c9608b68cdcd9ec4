// The site's own UI strings (step cards, credits, language chooser), one dictionary per locale.
// Typed as Record<Locale, SiteStrings>: a locale that lacks a key does not compile.
import type { Distro, Risk } from '../core/schema.ts';
import type { Locale } from '../core/locales.ts';
import { LOCALES, localeIds, localeOf } from '../core/locales.ts';
import { cap, glossaries } from '../core/glossary.ts';

export interface SiteStrings {
  risk: Record<Risk, string>;
  needsRoot: string;
  command: string;
  /** Heading of a step's "what a pass looks like" line. */
  pass: string;
  /** Heading of a step's "what a failure means" line. */
  fail: string;
  verify: string;
  rollback: string;
  /** Buttons the runner UI reveals: run the command, run its verify, run its rollback. */
  run: { run: string; verify: string; rollback: string };
  /** The summary of a folded long command; `{lines}` is its number of lines. */
  showCommand: string;
  /** The second skip link of a runbook page, to the verdict card and "Run all checks". */
  skipToChecks: string;
  /** Labels of step parameters, by parameter name. */
  params: Record<string, string>;
  /** Shown under a parameter input: what the value must look like. */
  paramHint: string;
  credits: {
    heading: string;
    /** `{guide}` and `{licence}` become links. */
    text: string;
    guide: string;
    code: string;
  };
  /** Sidebar entries: the locale's home page and the group listing its runbooks. */
  sidebar: { home: string; runbooks: string };
  /** Name of the language, written in it, and the chooser's prompt (for the page at /). */
  languageName: string;
  chooseLanguage: string;
  /** The home page's runner section when the runner serves the page (src/components/RunnerStatus.astro). */
  home: { runnerRunning: string; runnerUnauthorized: string };
}

/** Distro family labels: product names, the same in every language. */
export const distroLabels: Record<Distro, string> = {
  el: 'AlmaLinux / CloudLinux / Rocky',
  ubuntu: 'Ubuntu / Debian',
};

const strings: Record<Locale, SiteStrings> = {
  en: {
    risk: { 'read-only': 'Read-only', changes: 'Changes the system', disruptive: 'Disruptive' },
    needsRoot: 'Needs root',
    command: 'Command',
    pass: 'Passes when',
    fail: 'If it fails',
    verify: 'Verify',
    rollback: cap(glossaries.en.rollBack),
    run: { run: 'Run', verify: 'Run the verification', rollback: cap(glossaries.en.rollBack) },
    showCommand: 'Show the command ({lines} lines)',
    skipToChecks: 'Skip to the checks',
    params: { user: 'cPanel user' },
    paramHint: 'Lower-case letters and digits, starting with a letter.',
    credits: {
      heading: 'Credits and licence',
      text: 'The text of this runbook is derived from {guide}, licensed under {licence}, and shares that licence.',
      guide: "OVHcloud's guide",
      code: 'Commands and site code: MIT licence.',
    },
    sidebar: { home: 'Home', runbooks: 'Runbooks' },
    languageName: 'English',
    chooseLanguage: 'Choose your language',
    home: {
      runnerRunning: 'The runner is running: open a runbook and press Run on any step.',
      runnerUnauthorized:
        'The runner is running, but this tab has no access token yet. Open the address the runner printed, in this tab: it carries the token.',
    },
  },
  'pt-pt': {
    risk: { 'read-only': 'Só leitura', changes: 'Altera o sistema', disruptive: 'Interrompe o serviço' },
    needsRoot: 'Requer root',
    command: 'Comando',
    pass: 'Passa quando',
    fail: 'Se falhar',
    verify: 'Verificar',
    rollback: cap(glossaries['pt-pt'].rollBack),
    run: { run: 'Executar', verify: 'Executar a verificação', rollback: cap(glossaries['pt-pt'].rollBack) },
    showCommand: 'Mostrar o comando ({lines} linhas)',
    skipToChecks: 'Saltar para as verificações',
    params: { user: 'Utilizador cPanel' },
    paramHint: 'Letras minúsculas e algarismos, a começar por uma letra.',
    credits: {
      heading: 'Créditos e licença',
      text: 'O texto deste guia deriva do {guide}, publicado sob a licença {licence}, e partilha essa licença.',
      guide: 'guia da OVHcloud',
      code: 'Comandos e código do site: licença MIT.',
    },
    sidebar: { home: 'Início', runbooks: 'Guias' },
    languageName: 'Português (Portugal)',
    chooseLanguage: 'Escolha o seu idioma',
    home: {
      runnerRunning: 'O executor está a funcionar: abra um guia e carregue em Executar em qualquer passo.',
      runnerUnauthorized:
        'O executor está a funcionar, mas este separador ainda não tem o token de acesso. Abra neste separador o endereço que o executor mostrou: contém o token.',
    },
  },
  fr: {
    risk: { 'read-only': 'Lecture seule', changes: 'Modifie le système', disruptive: 'Interrompt le service' },
    needsRoot: 'Nécessite root',
    command: 'Commande',
    pass: `${cap(glossaries.fr.verdict.pass)} quand`,
    fail: 'En cas d’échec',
    verify: 'Vérifier',
    rollback: cap(glossaries.fr.rollBack),
    run: { run: 'Exécuter', verify: 'Lancer la vérification', rollback: cap(glossaries.fr.rollBack) },
    showCommand: 'Afficher la commande ({lines} lignes)',
    skipToChecks: 'Aller aux vérifications',
    params: { user: 'Utilisateur cPanel' },
    paramHint: 'Lettres minuscules et chiffres, en commençant par une lettre.',
    credits: {
      heading: 'Crédits et licence',
      text: 'Le texte de ce guide est dérivé du {guide}, publié sous licence {licence}, et reste sous cette licence.',
      guide: 'guide d’OVHcloud',
      code: 'Commandes et code du site\u00a0: licence MIT.',
    },
    sidebar: { home: 'Accueil', runbooks: 'Guides' },
    languageName: 'Français',
    chooseLanguage: 'Choisissez votre langue',
    home: {
      runnerRunning: 'L’exécuteur tourne\u00a0: ouvrez un guide et cliquez sur Exécuter à n’importe quelle étape.',
      runnerUnauthorized:
        'L’exécuteur tourne, mais cet onglet n’a pas encore le jeton d’accès. Ouvrez dans cet onglet l’adresse qu’il a affichée\u00a0: elle contient le jeton.',
    },
  },
  de: {
    risk: { 'read-only': 'Nur lesend', changes: 'Ändert das System', disruptive: 'Unterbricht den Betrieb' },
    needsRoot: 'Erfordert root',
    command: 'Befehl',
    pass: `${cap(glossaries.de.verdict.pass)}, wenn`,
    fail: 'Wenn es fehlschlägt',
    verify: 'Überprüfen',
    rollback: cap(glossaries.de.rollBack),
    run: { run: 'Ausführen', verify: `${glossaries.de.verification} ausführen`, rollback: cap(glossaries.de.rollBack) },
    showCommand: 'Befehl anzeigen ({lines} Zeilen)',
    skipToChecks: 'Zu den Prüfungen springen',
    params: { user: 'cPanel-Benutzer' },
    paramHint: 'Kleinbuchstaben und Ziffern, beginnend mit einem Buchstaben.',
    credits: {
      heading: 'Quellen und Lizenz',
      text: 'Der Text dieses Runbooks beruht auf dem {guide}, lizenziert unter {licence}, und steht unter derselben Lizenz.',
      guide: 'Leitfaden von OVHcloud',
      code: 'Befehle und Code der Website: MIT-Lizenz.',
    },
    sidebar: { home: 'Startseite', runbooks: 'Runbooks' },
    languageName: 'Deutsch',
    chooseLanguage: 'Wählen Sie Ihre Sprache',
    home: {
      runnerRunning: 'Der Runner läuft: Öffnen Sie ein Runbook und klicken Sie bei einem beliebigen Schritt auf „Ausführen“.',
      runnerUnauthorized:
        'Der Runner läuft, aber dieser Tab hat noch kein Zugriffstoken. Öffnen Sie in diesem Tab die Adresse, die der Runner ausgegeben hat: Sie enthält das Token.',
    },
  },
  es: {
    risk: { 'read-only': 'Solo lectura', changes: 'Modifica el sistema', disruptive: 'Interrumpe el servicio' },
    needsRoot: 'Requiere root',
    command: 'Comando',
    pass: 'Se supera cuando',
    fail: 'Si falla',
    verify: 'Verificar',
    rollback: cap(glossaries.es.rollBack),
    run: { run: 'Ejecutar', verify: 'Ejecutar la verificación', rollback: cap(glossaries.es.rollBack) },
    showCommand: 'Mostrar el comando ({lines} líneas)',
    skipToChecks: 'Saltar a las comprobaciones',
    params: { user: 'Usuario de cPanel' },
    paramHint: 'Letras minúsculas y dígitos, empezando por una letra.',
    credits: {
      heading: 'Créditos y licencia',
      text: 'El texto de esta guía deriva de la {guide}, publicada con licencia {licence}, y se comparte con la misma licencia.',
      guide: 'guía de OVHcloud',
      code: 'Comandos y código del sitio: licencia MIT.',
    },
    sidebar: { home: 'Inicio', runbooks: 'Guías' },
    languageName: 'Español',
    chooseLanguage: 'Elija su idioma',
    home: {
      runnerRunning: 'El ejecutor está en marcha: abra una guía y pulse Ejecutar en cualquier paso.',
      runnerUnauthorized:
        'El ejecutor está en marcha, pero esta pestaña aún no tiene el token de acceso. Abra en esta pestaña la dirección que mostró el ejecutor: contiene el token.',
    },
  },
  it: {
    risk: { 'read-only': 'Sola lettura', changes: 'Modifica il sistema', disruptive: 'Interrompe il servizio' },
    needsRoot: 'Richiede root',
    command: 'Comando',
    pass: `${cap(glossaries.it.verdict.pass)} quando`,
    fail: 'Se non è superato',
    verify: 'Verifica',
    rollback: cap(glossaries.it.rollBack),
    run: { run: 'Esegui', verify: 'Esegui la verifica', rollback: cap(glossaries.it.rollBack) },
    showCommand: 'Mostra il comando ({lines} righe)',
    skipToChecks: 'Vai ai controlli',
    params: { user: 'Utente cPanel' },
    paramHint: 'Lettere minuscole e cifre, iniziando con una lettera.',
    credits: {
      heading: 'Crediti e licenza',
      text: 'Il testo di questa guida deriva dalla {guide}, distribuita con licenza {licence}, e ne mantiene la licenza.',
      guide: 'guida di OVHcloud',
      code: 'Comandi e codice del sito: licenza MIT.',
    },
    sidebar: { home: 'Pagina iniziale', runbooks: 'Guide' },
    languageName: 'Italiano',
    chooseLanguage: 'Scegli la tua lingua',
    home: {
      runnerRunning: 'L’esecutore è in funzione: apri una guida e premi Esegui su un passaggio qualsiasi.',
      runnerUnauthorized:
        'L’esecutore è in funzione, ma questa scheda non ha ancora il token di accesso. Apri in questa scheda l’indirizzo mostrato dall’esecutore: contiene il token.',
    },
  },
  pl: {
    risk: { 'read-only': 'Tylko odczyt', changes: 'Zmienia system', disruptive: 'Przerywa działanie usług' },
    needsRoot: 'Wymaga roota',
    command: 'Polecenie',
    pass: `${cap(glossaries.pl.verdict.pass)}, gdy`,
    fail: 'Jeśli nie przejdzie',
    verify: cap(glossaries.pl.verification),
    rollback: cap(glossaries.pl.rollback),
    run: { run: 'Uruchom', verify: 'Uruchom weryfikację', rollback: cap(glossaries.pl.rollBack) },
    showCommand: 'Pokaż polecenie (wierszy: {lines})',
    skipToChecks: 'Przejdź do testów',
    params: { user: 'Użytkownik cPanel' },
    paramHint: 'Małe litery i cyfry, zaczynając od litery.',
    credits: {
      heading: 'Źródło i licencja',
      text: 'Tekst tego poradnika opiera się na {guide}, udostępnionym na licencji {licence}, i jest udostępniany na tej samej licencji.',
      guide: 'przewodniku OVHcloud',
      code: 'Polecenia i kod strony: licencja MIT.',
    },
    sidebar: { home: 'Strona główna', runbooks: 'Poradniki' },
    languageName: 'Polski',
    chooseLanguage: 'Wybierz język',
    home: {
      runnerRunning: 'Runner działa: otwórz poradnik i kliknij Uruchom przy dowolnym kroku.',
      runnerUnauthorized:
        'Runner działa, ale ta karta nie ma jeszcze tokenu dostępu. Otwórz w tej karcie adres wyświetlony przez runnera: zawiera token.',
    },
  },
};

/** True for the route keys of the site's locales ("pt-pt", "fr"…). */
export function isLocale(value: string | undefined): value is Locale {
  return value !== undefined && (localeIds as string[]).includes(value);
}

/** The UI strings of a locale; unknown locales get English (Starlight's default locale). */
export function t(locale: string | undefined): SiteStrings {
  return strings[localeOf(locale)];
}

/**
 * Starlight's `locales`, from the one list of locales (core/schema.ts LOCALES) and each one's own
 * name for itself; English, the default, first.
 */
export function starlightLocales(): Record<string, { label: string; lang: string }> {
  const order = ['en' as const, ...localeIds.filter((l) => l !== 'en')];
  return Object.fromEntries(order.map((l) => [l, { label: strings[l].languageName, lang: LOCALES[l] }]));
}

/** Starlight label translations (keyed by BCP 47 tag) for one of the site's strings. */
export function labelTranslations(pick: (s: SiteStrings) => string): Record<string, string> {
  return Object.fromEntries(localeIds.map((l) => [LOCALES[l], pick(strings[l])]));
}

/** Splits a string with `{name}` slots into text and slot parts, for rendering links inside it. */
export function slots(text: string): ({ text: string } | { slot: string })[] {
  return text
    .split(/(\{[a-z]+\})/)
    .filter(Boolean)
    .map((p) => {
      const m = /^\{([a-z]+)\}$/.exec(p);
      return m ? { slot: m[1]! } : { text: p };
    });
}

export { LOCALES };
