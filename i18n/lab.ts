// Strings of the lab evidence table (src/components/LabEvidence.astro), one dictionary per locale.
// `{name}` marks a value filled in from runbooks/<slug>/lab-evidence.json.
import type { Locale } from '../core/locales.ts';
import { localeOf } from '../core/locales.ts';
import { cap, glossaries, type Glossary } from '../core/glossary.ts';

export type LabOutcome = 'completes' | 'hangs' | 'error' | 'no-agent';

/** Forms of a counted phrase by plural category (Intl.PluralRules), `{n}` being the number. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface LabStrings {
  /** Caption: `{date}`, `{kernel}`, `{qemu}`, `{accel}`. */
  caption: string;
  simulated: string;
  /** The folded block's summary: `{configurations}` and `{fixes}` become counts (plural forms below). */
  summary: { text: string; configurations: Plural; fixes: Plural };
  columns: { configuration: string; agent: string; outcome: string; report: string; diagnosis: string };
  /** Lines inside a cell: `{time}` (with its unit), `{n}`, `{answer}` (yes/no). */
  cells: { time: string; frozen: string; agrees: string };
  layouts: Record<
    | 'safe-order'
    | 'hang-order'
    | 'no-loop'
    | 'no-binds'
    | 'latent'
    | 'latent-login'
    | 'noshell'
    | 'replaced-backing'
    | 'agent-outside-unit'
    | 'upgraded-not-restarted',
    string
  >;
  outcomes: Record<LabOutcome, string>;
  panic: string;
  atRisk: { yes: string; latent: string; no: string; unknown: string };
  yes: string;
  no: string;
  fixes: { caption: string; fix: string; before: string; after: string; freeze: string; rollback: string };
  fixNames: Record<'agent' | 'shell' | 'securetmp' | 'upgrade', string>;
  notRun: string;
}

/** The four answers, as the glossary says them. */
const answers = (g: Glossary): LabStrings['atRisk'] => ({
  yes: g.outcome['at-risk'],
  latent: g.outcome['at-risk-latent'],
  no: g.outcome['not-at-risk'],
  unknown: g.outcome.undecided,
});

/** The fixes' rows: their number and their name, as the page's headings give them. */
const fixNames = (g: Glossary): LabStrings['fixNames'] => ({
  agent: `1. ${g.fixes.agent}`,
  shell: `2. ${g.fixes.shell}`,
  securetmp: `3. ${g.fixes.securetmp}`,
  upgrade: `4. ${g.fixes.upgrade}`,
});

const en: LabStrings = {
  caption: 'Measured in the runguide lab on {date}: Debian kernel {kernel}, QEMU {qemu} ({accel}).',
  simulated:
    'The kernel, systemd and qemu-guest-agent are Debian packages; the cPanel parts (securetmp, VirtFS, Jailed Shell) are simulated.',
  summary: {
    text: 'What the lab showed: {configurations}, {fixes}',
    configurations: { one: '{n} configuration frozen for real', other: '{n} configurations frozen for real' },
    fixes: { one: '{n} fix tested', other: '{n} fixes tested' },
  },
  columns: { configuration: 'Layout', agent: 'Agent', outcome: 'Freeze', report: 'Kernel report', diagnosis: 'Diagnosis' },
  cells: { time: 'Time: {time}', frozen: 'Filesystems frozen: {n}', agrees: 'Diagnosis right: {answer}' },
  layouts: {
    'safe-order': 'Loop /tmp, VirtFS mounted before the /tmp bind',
    'hang-order': 'Loop /tmp, VirtFS mounted after the /tmp bind',
    'no-loop': `No loop /tmp (${glossaries.en.fix} 3)`,
    'no-binds': `No VirtFS (${glossaries.en.fix} 2)`,
    latent: 'Loop /tmp, a Jailed Shell user, no VirtFS yet (as after a reboot)',
    'latent-login': 'The same, once that user has logged in',
    noshell: 'Loop /tmp, VirtFS of a user without a shell (noshell)',
    'replaced-backing': 'Loop /tmp whose file was deleted and created anew',
    'agent-outside-unit': 'Agent service masked, agent started by hand',
    'upgraded-not-restarted': 'Agent package upgraded to 10.0, old agent still running',
  },
  outcomes: { completes: 'completes', hangs: 'hangs', error: 'error', 'no-agent': 'no agent answers' },
  panic: 'kernel panic',
  atRisk: answers(glossaries.en),
  yes: 'yes',
  no: 'no',
  fixes: {
    caption: "Each fix applied with this page's own steps on the hang layout",
    fix: cap(glossaries.en.fix),
    before: 'Before',
    after: 'After',
    freeze: 'Freeze after the fix',
    rollback: 'After rollback',
  },
  fixNames: fixNames(glossaries.en),
  notRun: 'not run',
};

const strings: Record<Locale, LabStrings> = {
  en,
  'pt-pt': {
    caption: 'Medido no laboratório do runguide em {date}: kernel Debian {kernel}, QEMU {qemu} ({accel}).',
    simulated:
      'O kernel, o systemd e o qemu-guest-agent são pacotes Debian; as partes do cPanel (securetmp, VirtFS, Jailed Shell) são simuladas.',
    summary: {
      text: 'O que o laboratório mostrou: {configurations}, {fixes}',
      configurations: { one: '{n} configuração realmente congelada', other: '{n} configurações realmente congeladas' },
      fixes: { one: '{n} correção testada', other: '{n} correções testadas' },
    },
    columns: {
      configuration: 'Disposição',
      agent: 'Agente',
      outcome: 'Congelamento',
      report: 'Relatório do kernel',
      diagnosis: 'Diagnóstico',
    },
    cells: { time: 'Tempo: {time}', frozen: 'Sistemas de ficheiros congelados: {n}', agrees: 'Diagnóstico certo: {answer}' },
    layouts: {
      'safe-order': '/tmp em loop, VirtFS montado antes do bind de /tmp',
      'hang-order': '/tmp em loop, VirtFS montado depois do bind de /tmp',
      'no-loop': `Sem /tmp em loop (${glossaries['pt-pt'].fix} 3)`,
      'no-binds': `Sem VirtFS (${glossaries['pt-pt'].fix} 2)`,
      latent: '/tmp em loop, utilizador com Jailed Shell, ainda sem VirtFS (como após um reinício)',
      'latent-login': 'O mesmo, depois de esse utilizador iniciar sessão',
      noshell: '/tmp em loop, VirtFS de um utilizador sem shell (noshell)',
      'replaced-backing': '/tmp em loop cujo ficheiro foi apagado e criado de novo',
      'agent-outside-unit': 'Serviço do agente mascarado, agente iniciado à mão',
      'upgraded-not-restarted': 'Pacote do agente atualizado para 10.0, agente antigo ainda em execução',
    },
    outcomes: { completes: 'conclui', hangs: 'bloqueia', error: 'erro', 'no-agent': 'nenhum agente responde' },
    panic: 'kernel panic',
    atRisk: answers(glossaries['pt-pt']),
    yes: 'sim',
    no: 'não',
    fixes: {
      caption: 'Cada correção aplicada com os passos desta página na disposição que bloqueia',
      fix: cap(glossaries['pt-pt'].fix),
      before: 'Antes',
      after: 'Depois',
      freeze: 'Congelamento após a correção',
      rollback: 'Após reverter',
    },
    fixNames: fixNames(glossaries['pt-pt']),
    notRun: 'não executado',
  },
  fr: {
    caption: 'Mesuré dans le laboratoire runguide le {date}\u00a0: noyau Debian {kernel}, QEMU {qemu} ({accel}).',
    simulated:
      'Le noyau, systemd et qemu-guest-agent sont des paquets Debian\u202f; les éléments de cPanel (securetmp, VirtFS, Jailed Shell) sont simulés.',
    summary: {
      text: 'Ce que le laboratoire a montré\u00a0: {configurations}, {fixes}',
      configurations: { one: '{n} configuration réellement gelée', other: '{n} configurations réellement gelées' },
      fixes: { one: '{n} correctif testé', other: '{n} correctifs testés' },
    },
    columns: { configuration: 'Disposition', agent: 'Agent', outcome: 'Gel', report: 'Rapport du noyau', diagnosis: 'Diagnostic' },
    cells: { time: 'Durée\u00a0: {time}', frozen: 'Systèmes de fichiers gelés\u00a0: {n}', agrees: 'Diagnostic juste\u00a0: {answer}' },
    layouts: {
      'safe-order': '/tmp en loop, VirtFS monté avant le bind de /tmp',
      'hang-order': '/tmp en loop, VirtFS monté après le bind de /tmp',
      'no-loop': `Pas de /tmp en loop (${glossaries.fr.fix} 3)`,
      'no-binds': `Pas de VirtFS (${glossaries.fr.fix} 2)`,
      latent: '/tmp en loop, utilisateur en Jailed Shell, pas encore de VirtFS (comme après un redémarrage)',
      'latent-login': 'Idem, une fois cet utilisateur connecté',
      noshell: '/tmp en loop, VirtFS d’un utilisateur sans shell (noshell)',
      'replaced-backing': '/tmp en loop dont le fichier a été supprimé puis recréé',
      'agent-outside-unit': 'Service de l’agent masqué, agent démarré à la main',
      'upgraded-not-restarted': 'Paquet de l’agent mis à jour en 10.0, l’ancien agent tourne toujours',
    },
    outcomes: { completes: 'aboutit', hangs: 'bloque', error: 'erreur', 'no-agent': 'aucun agent ne répond' },
    panic: 'kernel panic',
    atRisk: answers(glossaries.fr),
    yes: 'oui',
    no: 'non',
    fixes: {
      caption: 'Chaque correctif appliqué avec les étapes de cette page sur la disposition qui bloque',
      fix: cap(glossaries.fr.fix),
      before: 'Avant',
      after: 'Après',
      freeze: 'Gel après le correctif',
      rollback: `Après le ${glossaries.fr.rollback}`,
    },
    fixNames: fixNames(glossaries.fr),
    notRun: 'non exécuté',
  },
  de: {
    caption: 'Gemessen im runguide-Labor am {date}: Debian-Kernel {kernel}, QEMU {qemu} ({accel}).',
    simulated:
      'Kernel, systemd und qemu-guest-agent sind Debian-Pakete; die cPanel-Teile (securetmp, VirtFS, Jailed Shell) sind simuliert.',
    summary: {
      text: 'Was das Labor gezeigt hat: {configurations}, {fixes}',
      configurations: { one: '{n} tatsächlich eingefrorene Konfiguration', other: '{n} tatsächlich eingefrorene Konfigurationen' },
      fixes: { one: '{n} getestete Lösung', other: '{n} getestete Lösungen' },
    },
    columns: { configuration: 'Anordnung', agent: 'Agent', outcome: 'Einfrieren', report: 'Kernel-Meldung', diagnosis: 'Diagnose' },
    cells: { time: 'Dauer: {time}', frozen: 'Eingefrorene Dateisysteme: {n}', agrees: 'Diagnose richtig: {answer}' },
    layouts: {
      'safe-order': 'Loop-/tmp, VirtFS vor dem Bind von /tmp eingehängt',
      'hang-order': 'Loop-/tmp, VirtFS nach dem Bind von /tmp eingehängt',
      'no-loop': `Kein Loop-/tmp (${glossaries.de.fix} 3)`,
      'no-binds': `Kein VirtFS (${glossaries.de.fix} 2)`,
      latent: 'Loop-/tmp, Benutzer mit Jailed Shell, noch kein VirtFS (wie nach einem Neustart)',
      'latent-login': 'Dasselbe, nachdem sich dieser Benutzer angemeldet hat',
      noshell: 'Loop-/tmp, VirtFS eines Benutzers ohne Shell (noshell)',
      'replaced-backing': 'Loop-/tmp, dessen Datei gelöscht und neu angelegt wurde',
      'agent-outside-unit': 'Dienst des Agenten maskiert, Agent von Hand gestartet',
      'upgraded-not-restarted': 'Agent-Paket auf 10.0 aktualisiert, der alte Agent läuft noch',
    },
    outcomes: { completes: 'gelingt', hangs: 'hängt', error: 'Fehler', 'no-agent': 'kein Agent antwortet' },
    panic: 'Kernel Panic',
    atRisk: answers(glossaries.de),
    yes: 'ja',
    no: 'nein',
    fixes: {
      caption: 'Jede Lösung mit den Schritten dieser Seite auf der hängenden Anordnung angewendet',
      fix: cap(glossaries.de.fix),
      before: 'Vorher',
      after: 'Nachher',
      freeze: 'Einfrieren nach der Lösung',
      rollback: `Nach der ${glossaries.de.rollback}`,
    },
    fixNames: fixNames(glossaries.de),
    notRun: 'nicht ausgeführt',
  },
  es: {
    caption: 'Medido en el laboratorio de runguide el {date}: kernel de Debian {kernel}, QEMU {qemu} ({accel}).',
    simulated:
      'El kernel, systemd y qemu-guest-agent son paquetes de Debian; las partes de cPanel (securetmp, VirtFS, Jailed Shell) están simuladas.',
    summary: {
      text: 'Lo que mostró el laboratorio: {configurations}, {fixes}',
      configurations: { one: '{n} configuración congelada de verdad', other: '{n} configuraciones congeladas de verdad' },
      fixes: { one: '{n} solución probada', other: '{n} soluciones probadas' },
    },
    columns: {
      configuration: 'Disposición',
      agent: 'Agente',
      outcome: 'Congelación',
      report: 'Informe del kernel',
      diagnosis: 'Diagnóstico',
    },
    cells: { time: 'Tiempo: {time}', frozen: 'Sistemas de archivos congelados: {n}', agrees: 'Diagnóstico acertado: {answer}' },
    layouts: {
      'safe-order': '/tmp en loop, VirtFS montado antes del bind de /tmp',
      'hang-order': '/tmp en loop, VirtFS montado después del bind de /tmp',
      'no-loop': `Sin /tmp en loop (${glossaries.es.fix} 3)`,
      'no-binds': `Sin VirtFS (${glossaries.es.fix} 2)`,
      latent: '/tmp en loop, usuario con Jailed Shell, aún sin VirtFS (como tras un reinicio)',
      'latent-login': 'Lo mismo, después de que ese usuario inicie sesión',
      noshell: '/tmp en loop, VirtFS de un usuario sin shell (noshell)',
      'replaced-backing': '/tmp en loop cuyo archivo se borró y se volvió a crear',
      'agent-outside-unit': 'Servicio del agente enmascarado, agente iniciado a mano',
      'upgraded-not-restarted': 'Paquete del agente actualizado a 10.0, el agente antiguo sigue en ejecución',
    },
    outcomes: { completes: 'termina', hangs: 'se bloquea', error: 'error', 'no-agent': 'ningún agente responde' },
    panic: 'kernel panic',
    atRisk: answers(glossaries.es),
    yes: 'sí',
    no: 'no',
    fixes: {
      caption: 'Cada solución aplicada con los pasos de esta página en la disposición que se bloquea',
      fix: cap(glossaries.es.fix),
      before: 'Antes',
      after: 'Después',
      freeze: 'Congelación tras la solución',
      rollback: `Tras ${glossaries.es.rollBack}`,
    },
    fixNames: fixNames(glossaries.es),
    notRun: 'no ejecutado',
  },
  it: {
    caption: 'Misurato nel laboratorio di runguide il {date}: kernel Debian {kernel}, QEMU {qemu} ({accel}).',
    simulated:
      'Il kernel, systemd e qemu-guest-agent sono pacchetti Debian; le parti di cPanel (securetmp, VirtFS, Jailed Shell) sono simulate.',
    summary: {
      text: 'Cosa ha mostrato il laboratorio: {configurations}, {fixes}',
      configurations: { one: '{n} configurazione realmente congelata', other: '{n} configurazioni realmente congelate' },
      fixes: { one: '{n} correzione provata', other: '{n} correzioni provate' },
    },
    columns: {
      configuration: 'Disposizione',
      agent: 'Agente',
      outcome: 'Congelamento',
      report: 'Messaggio del kernel',
      diagnosis: 'Diagnosi',
    },
    cells: { time: 'Tempo: {time}', frozen: 'File system congelati: {n}', agrees: 'Diagnosi corretta: {answer}' },
    layouts: {
      'safe-order': '/tmp su loop, VirtFS montato prima del bind di /tmp',
      'hang-order': '/tmp su loop, VirtFS montato dopo il bind di /tmp',
      'no-loop': `Nessun /tmp su loop (${glossaries.it.fix} 3)`,
      'no-binds': `Nessun VirtFS (${glossaries.it.fix} 2)`,
      latent: '/tmp su loop, utente con Jailed Shell, ancora nessun VirtFS (come dopo un riavvio)',
      'latent-login': 'Idem, dopo l’accesso di quell’utente',
      noshell: '/tmp su loop, VirtFS di un utente senza shell (noshell)',
      'replaced-backing': '/tmp su loop il cui file è stato eliminato e ricreato',
      'agent-outside-unit': 'Servizio dell’agente mascherato, agente avviato a mano',
      'upgraded-not-restarted': 'Pacchetto dell’agente aggiornato a 10.0, il vecchio agente è ancora in esecuzione',
    },
    outcomes: { completes: 'riesce', hangs: 'si blocca', error: 'errore', 'no-agent': 'nessun agente risponde' },
    panic: 'kernel panic',
    atRisk: answers(glossaries.it),
    yes: 'sì',
    no: 'no',
    fixes: {
      caption: 'Ogni correzione applicata con i passaggi di questa pagina sulla disposizione che si blocca',
      fix: cap(glossaries.it.fix),
      before: 'Prima',
      after: 'Dopo',
      freeze: 'Congelamento dopo la correzione',
      rollback: `Dopo l’${glossaries.it.rollback}`,
    },
    fixNames: fixNames(glossaries.it),
    notRun: 'non eseguito',
  },
  pl: {
    caption: 'Zmierzono w laboratorium runguide {date}: jądro Debiana {kernel}, QEMU {qemu} ({accel}).',
    simulated: 'Jądro, systemd i qemu-guest-agent to pakiety Debiana; elementy cPanel (securetmp, VirtFS, Jailed Shell) są symulowane.',
    summary: {
      text: 'Co pokazało laboratorium: {configurations}, {fixes}',
      configurations: {
        one: '{n} naprawdę zamrożona konfiguracja',
        few: '{n} naprawdę zamrożone konfiguracje',
        many: '{n} naprawdę zamrożonych konfiguracji',
        other: '{n} naprawdę zamrożonej konfiguracji',
      },
      fixes: {
        one: '{n} przetestowana poprawka',
        few: '{n} przetestowane poprawki',
        many: '{n} przetestowanych poprawek',
        other: '{n} przetestowanej poprawki',
      },
    },
    columns: { configuration: 'Układ', agent: 'Agent', outcome: 'Zamrożenie', report: 'Komunikat jądra', diagnosis: 'Diagnoza' },
    cells: { time: 'Czas: {time}', frozen: 'Zamrożone systemy plików: {n}', agrees: 'Diagnoza trafna: {answer}' },
    layouts: {
      'safe-order': '/tmp na urządzeniu loop, VirtFS zamontowany przed bindem /tmp',
      'hang-order': '/tmp na urządzeniu loop, VirtFS zamontowany po bindzie /tmp',
      'no-loop': `Bez /tmp na urządzeniu loop (${glossaries.pl.fix} 3)`,
      'no-binds': `Bez VirtFS (${glossaries.pl.fix} 2)`,
      latent: '/tmp na urządzeniu loop, użytkownik z Jailed Shell, jeszcze bez VirtFS (jak po ponownym uruchomieniu)',
      'latent-login': 'To samo po zalogowaniu się tego użytkownika',
      noshell: '/tmp na urządzeniu loop, VirtFS użytkownika bez powłoki (noshell)',
      'replaced-backing': '/tmp na urządzeniu loop, którego plik usunięto i utworzono na nowo',
      'agent-outside-unit': 'Usługa agenta zamaskowana, agent uruchomiony ręcznie',
      'upgraded-not-restarted': 'Pakiet agenta zaktualizowany do 10.0, stary agent nadal działa',
    },
    outcomes: { completes: 'kończy się', hangs: 'zawiesza się', error: 'błąd', 'no-agent': 'żaden agent nie odpowiada' },
    panic: 'kernel panic',
    atRisk: answers(glossaries.pl),
    yes: 'tak',
    no: 'nie',
    fixes: {
      caption: 'Każda poprawka zastosowana krokami z tej strony na układzie, który się zawiesza',
      fix: cap(glossaries.pl.fix),
      before: 'Przed',
      after: 'Po',
      freeze: 'Zamrożenie po poprawce',
      rollback: 'Po wycofaniu',
    },
    fixNames: fixNames(glossaries.pl),
    notRun: 'nie uruchomiono',
  },
};

export function labStrings(locale: string | undefined): LabStrings {
  return strings[localeOf(locale)];
}
