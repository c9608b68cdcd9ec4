// One glossary per locale: the words that the page, the panel, the exports and the lab evidence
// must all say the same way. Catalogues take these values instead of spelling them again.
//
// Terms are written as they stand inside a sentence (lower case, unless the language capitalises
// the word itself, as German does nouns); a label capitalises them with cap(), the exported script
// writes its verdict words with upper(). Fix names are written as the page's "## Fix N — …"
// headings give them. `forbidden` lists the synonyms a reviewer found in use for these terms:
// test/unit/glossary.test.ts rejects them in every catalogue and in the MDX prose of that locale.
import type { FixId, Outcome } from './schema.ts';
import type { Locale } from './locales.ts';
import { LOCALES, localeOf } from './locales.ts';
import type { Verdict } from './step-ref.ts';

/** A word that must not be used: `pattern` matches it, `use` says what the glossary says instead. */
export interface Forbidden {
  pattern: RegExp;
  use: string;
}

export interface Glossary {
  /**
   * A diagnosis check's result, said as what it found: "fail" means a risk factor was found, so a
   * check is never a question whose "yes" is bad news.
   */
  check: Record<Verdict, string>;
  /**
   * How a step's command or its verification came out: the panel's badge, the exported script's
   * PASS/FAIL/ERROR line, the home page's **pass**, **fail** or **error**.
   */
  verdict: Record<Verdict, string>;
  /** What a diagnosis check is called (noun, singular). */
  checkNoun: string;
  /** The noun "fix". */
  fix: string;
  /** Each fix's name, as the page's "## Fix N — …" heading gives it. */
  fixes: Record<FixId, string>;
  /** The verification of a change (a step's verify command), as a noun. */
  verification: string;
  /** The rollback of a change (noun). */
  rollback: string;
  /** "Roll back" (verb), as a button says it. */
  rollBack: string;
  /** The diagnosis' four answers, as the page's "Read the result" names them. */
  outcome: Record<Outcome, string>;
  /** A server that could not be reached, so none of its checks ran: the fleet table's and the report's word. */
  unreachable: string;
  maintenanceWindow: string;
  /** The local runner (`./runguide start`). */
  runner: string;
  /** A step of a runbook. */
  step: string;
  /** The QEMU guest agent, as the page calls it after its first mention. */
  guestAgent: string;
  forbidden: Forbidden[];
}

/**
 * A whole-word pattern: `source` not preceded or followed by a letter or digit of any script (\b
 * knows only ASCII letters, and would not end a word on "ń" or "é").
 */
function word(source: string, flags = 'i'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, `u${flags}`);
}

const en: Glossary = {
  check: { pass: 'OK', fail: 'Risk factor found', error: 'Could not tell' },
  verdict: { pass: 'pass', fail: 'fail', error: 'error' },
  checkNoun: 'check',
  fix: 'fix',
  fixes: {
    agent: 'Stop and mask the guest agent',
    shell: 'Normal Shell instead of Jailed Shell',
    securetmp: "Remove cPanel's /tmp hardening",
    upgrade: 'Upgrade the guest agent',
  },
  verification: 'verification',
  rollback: 'rollback',
  rollBack: 'roll back',
  outcome: {
    'at-risk': 'at risk',
    'at-risk-latent': 'at risk once VirtFS mounts',
    'not-at-risk': 'not at risk',
    undecided: 'undecided',
  },
  unreachable: 'unreachable',
  maintenanceWindow: 'maintenance window',
  runner: 'runner',
  step: 'step',
  guestAgent: 'guest agent',
  forbidden: [
    { pattern: word('undetermined'), use: 'undecided' },
    { pattern: word("undo cPanel['’]s /tmp hardening"), use: "Remove cPanel's /tmp hardening" },
  ],
};

const ptPt: Glossary = {
  check: { pass: 'OK', fail: 'Fator de risco encontrado', error: 'Não foi possível determinar' },
  verdict: { pass: 'passou', fail: 'falhou', error: 'erro' },
  checkNoun: 'verificação',
  fix: 'correção',
  fixes: {
    agent: 'Parar e mascarar o agente',
    shell: 'Normal Shell em vez de Jailed Shell',
    securetmp: 'Remover a proteção do /tmp do cPanel',
    upgrade: 'Atualizar o agente',
  },
  verification: 'verificação',
  rollback: 'reversão',
  rollBack: 'reverter',
  outcome: {
    'at-risk': 'em risco',
    'at-risk-latent': 'em risco assim que o VirtFS for montado',
    'not-at-risk': 'sem risco',
    undecided: 'indeterminado',
  },
  unreachable: 'inacessível',
  maintenanceWindow: 'janela de manutenção',
  runner: 'executor',
  step: 'passo',
  guestAgent: 'agente',
  forbidden: [
    { pattern: word('aprovad[oa]s?'), use: 'passou' },
    { pattern: word('reforço'), use: 'proteção (do /tmp)' },
    { pattern: word('agente convidado'), use: 'agente' },
  ],
};

const fr: Glossary = {
  check: { pass: 'OK', fail: 'Facteur de risque détecté', error: 'Impossible de conclure' },
  verdict: { pass: 'réussite', fail: 'échec', error: 'erreur' },
  checkNoun: 'vérification',
  fix: 'correctif',
  fixes: {
    agent: 'Arrêter et masquer l’agent invité',
    shell: 'Normal Shell au lieu de Jailed Shell',
    securetmp: 'Retirer le durcissement de /tmp de cPanel',
    upgrade: 'Mettre à jour l’agent invité',
  },
  verification: 'vérification',
  rollback: 'retour arrière',
  rollBack: 'revenir en arrière',
  outcome: {
    'at-risk': 'à risque',
    'at-risk-latent': 'à risque dès que VirtFS sera monté',
    'not-at-risk': 'pas de risque',
    undecided: 'indéterminé',
  },
  unreachable: 'injoignable',
  maintenanceWindow: 'fenêtre de maintenance',
  runner: 'exécuteur',
  step: 'étape',
  guestAgent: 'agent invité',
  forbidden: [
    { pattern: word('annulation'), use: 'retour arrière' },
    { pattern: word('pas à risque'), use: 'pas de risque' },
    { pattern: word('facteur de risque trouvé'), use: 'facteur de risque détecté' },
  ],
};

const de: Glossary = {
  check: { pass: 'OK', fail: 'Risikofaktor gefunden', error: 'Nicht feststellbar' },
  verdict: { pass: 'bestanden', fail: 'fehlgeschlagen', error: 'Fehler' },
  checkNoun: 'Prüfung',
  fix: 'Lösung',
  fixes: {
    agent: 'Gast-Agent stoppen und maskieren',
    shell: 'Normal Shell statt Jailed Shell',
    securetmp: '/tmp-Härtung von cPanel entfernen',
    upgrade: 'Gast-Agent aktualisieren',
  },
  verification: 'Überprüfung',
  rollback: 'Rücknahme',
  rollBack: 'rückgängig machen',
  outcome: {
    'at-risk': 'gefährdet',
    'at-risk-latent': 'gefährdet, sobald VirtFS eingehängt wird',
    'not-at-risk': 'kein Risiko',
    undecided: 'unentschieden',
  },
  unreachable: 'nicht erreichbar',
  maintenanceWindow: 'Wartungsfenster',
  runner: 'Runner',
  step: 'Schritt',
  guestAgent: 'Gast-Agent',
  forbidden: [
    { pattern: word('korrektur(en)?'), use: 'Lösung' },
    { pattern: word('befund'), use: 'fehlgeschlagen' },
    { pattern: word('rückgängigmachen'), use: 'Rücknahme' },
    { pattern: word('zurück(zu)?nehmen|nehmen sie nichts zurück'), use: 'rückgängig machen' },
    { pattern: word('unbestimmt'), use: 'unentschieden' },
    { pattern: word('nicht gefährdet'), use: 'kein Risiko' },
    { pattern: word('(qemu-)?gastagent(en)?'), use: 'Gast-Agent' },
  ],
};

const es: Glossary = {
  check: { pass: 'OK', fail: 'Factor de riesgo encontrado', error: 'No se pudo determinar' },
  verdict: { pass: 'correcto', fail: 'fallido', error: 'error' },
  checkNoun: 'comprobación',
  fix: 'solución',
  fixes: {
    agent: 'Detener y enmascarar el agente invitado',
    shell: 'Normal Shell en lugar de Jailed Shell',
    securetmp: 'Quitar la protección de /tmp de cPanel',
    upgrade: 'Actualizar el agente invitado',
  },
  verification: 'verificación',
  rollback: 'reversión',
  rollBack: 'revertir',
  outcome: {
    'at-risk': 'en riesgo',
    'at-risk-latent': 'en riesgo en cuanto se monte VirtFS',
    'not-at-risk': 'sin riesgo',
    undecided: 'sin decidir',
  },
  unreachable: 'inaccesible',
  maintenanceWindow: 'ventana de mantenimiento',
  runner: 'ejecutor',
  step: 'paso',
  guestAgent: 'agente invitado',
  forbidden: [
    { pattern: word('correcci[oó]n'), use: 'solución' },
    { pattern: word('refuerzo'), use: 'protección (de /tmp)' },
    { pattern: word('indeterminad[oa]'), use: 'sin decidir' },
    { pattern: word('fallo'), use: 'fallido' },
  ],
};

const it: Glossary = {
  check: { pass: 'OK', fail: 'Fattore di rischio rilevato', error: 'Impossibile stabilirlo' },
  verdict: { pass: 'superato', fail: 'non superato', error: 'errore' },
  checkNoun: 'controllo',
  fix: 'correzione',
  fixes: {
    agent: 'Arrestare e mascherare l’agente guest',
    shell: 'Normal Shell al posto della Jailed Shell',
    securetmp: 'Rimuovere la protezione di /tmp di cPanel',
    upgrade: 'Aggiornare l’agente guest',
  },
  verification: 'verifica',
  // Not "ripristino": in a page about backups that is the restore of one.
  rollback: 'annullamento',
  rollBack: 'annulla la modifica',
  outcome: {
    'at-risk': 'a rischio',
    'at-risk-latent': 'a rischio non appena VirtFS viene montato',
    'not-at-risk': 'non a rischio',
    undecided: 'indeciso',
  },
  unreachable: 'irraggiungibile',
  maintenanceWindow: 'finestra di manutenzione',
  runner: 'esecutore',
  step: 'passaggio',
  guestAgent: 'agente guest',
  forbidden: [
    // "si ripristina una copia" (a backup is restored) stays; the rollback is not a "ripristino".
    { pattern: word('ripristino|ripristinare'), use: 'annullamento, annullare' },
    { pattern: word('Ripristina', ''), use: 'Annulla la modifica' },
    { pattern: word('soluzion[ei]'), use: 'correzione' },
    { pattern: word('irrobustimento'), use: 'protezione (di /tmp)' },
    { pattern: word('indeterminat[oa]'), use: 'indeciso' },
    { pattern: word('nessun rischio'), use: 'non a rischio' },
    { pattern: word('runner'), use: 'esecutore' },
    { pattern: word('(?<!passo per )pass[oi](?! per passo)'), use: 'passaggio' },
    { pattern: word('PROBLEMA', ''), use: 'NON SUPERATO' },
    { pattern: word('fattore di rischio trovato'), use: 'fattore di rischio rilevato' },
  ],
};

const pl: Glossary = {
  check: { pass: 'OK', fail: 'Wykryto czynnik ryzyka', error: 'Nie udało się ustalić' },
  verdict: { pass: 'zaliczony', fail: 'niezaliczony', error: 'błąd' },
  checkNoun: 'test',
  fix: 'poprawka',
  fixes: {
    agent: 'Zatrzymanie i zamaskowanie agenta gościa',
    shell: 'Normal Shell zamiast Jailed Shell',
    securetmp: 'Usunięcie utwardzenia /tmp w cPanel',
    upgrade: 'Aktualizacja agenta gościa',
  },
  verification: 'weryfikacja',
  rollback: 'wycofanie',
  rollBack: 'wycofaj zmianę',
  outcome: {
    'at-risk': 'zagrożony',
    'at-risk-latent': 'zagrożony, gdy tylko zostanie zamontowany VirtFS',
    'not-at-risk': 'niezagrożony',
    undecided: 'nierozstrzygnięte',
  },
  unreachable: 'nieosiągalny',
  maintenanceWindow: 'okno serwisowe',
  runner: 'runner',
  step: 'krok',
  guestAgent: 'agent gościa',
  forbidden: [
    { pattern: word('wzmocnieni[ea]'), use: 'utwardzenie (/tmp)' },
    { pattern: word('utwardzani[ea]'), use: 'utwardzenie (/tmp)' },
    { pattern: word('cPanelu'), use: 'cPanel (nieodmieniany, jak na stronie)' },
    { pattern: word('sprawdzeni[aeu]|sprawdzeniem|sprawdzeń'), use: 'test' },
    { pattern: word('kontrol[aięą]'), use: 'test' },
    { pattern: word('brak zagrożenia'), use: 'niezagrożony' },
    { pattern: word('nieustalon[eay]'), use: 'nierozstrzygnięte' },
    { pattern: word('PROBLEM', ''), use: 'NIEZALICZONY' },
    { pattern: word('cofnij zmianę'), use: 'wycofaj zmianę' },
  ],
};

export const glossaries: Record<Locale, Glossary> = { en, 'pt-pt': ptPt, fr, de, es, it, pl };

/** The glossary of a page's lang attribute or route locale ("pt-PT", "pt-pt", "de"); English otherwise. */
export function glossaryFor(lang: string | undefined): Glossary {
  return glossaries[localeOf(lang)];
}

/** A term at the start of a label or sentence: "at risk" → "At risk". */
export function cap(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** A term in capitals, as the exported script prints its verdicts: "échec" → "ÉCHEC". */
export function upper(text: string, locale: Locale = 'en'): string {
  return text.toLocaleUpperCase(LOCALES[locale]);
}

/** Every value of a record, capitalised. */
export function capAll<K extends string>(terms: Record<K, string>): Record<K, string> {
  return Object.fromEntries(Object.entries<string>(terms).map(([k, v]) => [k, cap(v)])) as Record<K, string>;
}
