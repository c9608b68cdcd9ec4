// The terminal panel's interface text, in every locale of the site. The page renders the few
// strings its loader shows; the panel's lazy chunk reads the rest here, by the page's lang.
import { LOCALES, type Locale } from '../runbook/schema.ts';
import { cap, capAll, glossaries } from './glossary.ts';

export interface TerminalStrings {
  openTerminal: string;
  closeTerminal: string;
  terminal: string;
  runAll: string;
  /** Shown when the site is served without the runner; `{command}` becomes the command. */
  runnerAbsent: string;
  runnerUnauthorized: string;
  host: string;
  thisMachine: string;
  hostSources: Record<'builtin' | 'hosts-file' | 'ssh-config' | 'lab', string>;
  newSession: string;
  download: string;
  search: string;
  searchNext: string;
  searchPrevious: string;
  resizeHandle: string;
  keyboardHint: string;
  state: Record<'connecting' | 'connected' | 'reconnecting' | 'ended' | 'offline' | 'stopped', string>;
  /** The runner itself stopped (not just the connection): how to get it back. */
  runnerStopped: string;
  switchHostBusy: string;
  confirmTitle: string;
  risk: Record<'read-only' | 'changes' | 'disruptive', string>;
  riskLabel: string;
  rollbackLabel: string;
  noRollback: string;
  run: string;
  cancel: string;
  proceed: string;
  verdict: Record<'pass' | 'fail' | 'error', string>;
  which: Record<'run' | 'verify' | 'rollback', string>;
  running: string;
  waiting: string;
  cancelled: string;
  rollBack: string;
  rollbackOffer: string;
  /** After a verify that a restart of the server will satisfy: the advice, instead of a rollback. */
  restartHint: string;
  paramRequired: string;
  paramInvalid: string;
  atRisk: string;
  /** At risk once VirtFS mounts (the runbook's latent rule). */
  atRiskLatent: string;
  notAtRisk: string;
  riskUnknown: string;
  factorsFound: string;
  recommend: string;
  progress: string;
  runAllStopped: string;
  serverError: string;
  hostsUnavailable: string;
  /** The session's recording could not be fetched. */
  downloadFailed: string;
  /** The host picker's "Add a server…" and its dialog. */
  addHost: Record<'option' | 'title' | 'intro' | 'host' | 'user' | 'port' | 'submit' | 'failed', string>;
}

const en: TerminalStrings = {
  openTerminal: 'Open terminal',
  closeTerminal: 'Close terminal',
  terminal: 'Terminal',
  runAll: 'Run all checks',
  runnerAbsent:
    'The steps of this guide can run here once the local runner is started. In a clone of runguide, run {command} and open the address it prints.',
  runnerUnauthorized:
    'The runner is running, but this tab has no access token yet. Open the address the runner printed, in this tab: it carries the token, which stays with the tab.',
  host: 'Host',
  thisMachine: 'This machine',
  hostSources: { builtin: 'Built in', 'hosts-file': 'Hosts file', 'ssh-config': 'SSH configuration', lab: 'Lab' },
  newSession: 'New session',
  download: 'Download recording',
  search: 'Search the output',
  searchNext: 'Next match',
  searchPrevious: 'Previous match',
  resizeHandle: 'Resize the terminal',
  keyboardHint: 'Copy: Ctrl+Shift+C. Paste: Ctrl+Shift+V. To leave the terminal, press Escape, then Tab.',
  state: {
    connecting: 'Connecting to {host}…',
    connected: 'Connected to {host}',
    reconnecting: 'Connection lost, reconnecting…',
    ended: 'The shell on {host} has ended.',
    offline: 'Not connected',
    stopped: 'The runner has stopped',
  },
  runnerStopped: 'The runner has stopped. Start it again with ./runguide start, then open the address it prints.',
  switchHostBusy: 'A step is still running in this session. Open a new session on {host} anyway?',
  confirmTitle: 'Run this command?',
  risk: { 'read-only': 'Read-only', changes: 'Changes the system', disruptive: 'May interrupt service' },
  riskLabel: 'Risk',
  rollbackLabel: 'To undo it',
  noRollback: 'This step has no automatic rollback.',
  run: 'Run',
  cancel: 'Cancel',
  proceed: 'Continue',
  verdict: capAll(glossaries.en.verdict),
  which: { run: '', verify: cap(glossaries.en.verification), rollback: cap(glossaries.en.rollback) },
  running: 'Running…',
  waiting: 'Waiting for your confirmation…',
  cancelled: 'Cancelled: nothing was run.',
  rollBack: cap(glossaries.en.rollBack),
  rollbackOffer: 'This change did not complete. You can roll it back.',
  restartHint: 'The change is applied, but it takes effect only after a restart of the server. Restart it in the maintenance window; do not roll back.',
  paramRequired: 'Enter a value.',
  paramInvalid: '“{value}” is not valid here.',
  atRisk: 'This server is at risk: an automatic backup can hang it.',
  atRiskLatent: 'This server is at risk once VirtFS mounts: a login, mail delivery or cron job of a user with Jailed Shell or noshell is enough for an automatic backup to hang it.',
  notAtRisk: 'This server is not at risk.',
  riskUnknown: `${cap(glossaries.en.outcome.undecided)}: some checks could not tell. Look at the checks marked “${cap(glossaries.en.verdict.error)}”.`,
  factorsFound: 'Checks that found a risk factor:',
  recommend: 'Recommended fix:',
  progress: 'Running check {n} of {total}…',
  runAllStopped: 'The checks stopped: {reason}',
  serverError: 'The runner refused: {message}',
  hostsUnavailable: 'The list of hosts could not be loaded.',
  downloadFailed: 'The recording could not be downloaded.',
  addHost: {
    option: 'Add a server…',
    title: 'Add a server',
    intro: 'Saved in the runner’s hosts file (~/.config/runguide/hosts.json). The terminal connects with your own ssh: your keys, agent and known_hosts apply.',
    host: 'Host name or IP address',
    user: 'User (optional)',
    port: 'Port (optional)',
    submit: 'Add',
    failed: 'The server could not be added',
  },
};

const ptPt: TerminalStrings = {
  openTerminal: 'Abrir o terminal',
  closeTerminal: 'Fechar o terminal',
  terminal: 'Terminal',
  runAll: 'Executar todas as verificações',
  runnerAbsent:
    'Os passos deste guia podem ser executados aqui depois de iniciar o executor local. Num clone do runguide, execute {command} e abra o endereço que ele mostrar.',
  runnerUnauthorized:
    'O executor está a funcionar, mas este separador ainda não tem o token de acesso. Abra neste separador o endereço que o executor mostrou: contém o token, que fica associado ao separador.',
  host: 'Servidor',
  thisMachine: 'Este computador',
  hostSources: { builtin: 'Incluído', 'hosts-file': 'Ficheiro de servidores', 'ssh-config': 'Configuração SSH', lab: 'Laboratório' },
  newSession: 'Nova sessão',
  download: 'Transferir a gravação',
  search: 'Pesquisar na saída',
  searchNext: 'Resultado seguinte',
  searchPrevious: 'Resultado anterior',
  resizeHandle: 'Redimensionar o terminal',
  keyboardHint: 'Copiar: Ctrl+Shift+C. Colar: Ctrl+Shift+V. Para sair do terminal, prima Escape e depois Tab.',
  state: {
    connecting: 'A ligar a {host}…',
    connected: 'Ligado a {host}',
    reconnecting: 'Ligação perdida, a restabelecer…',
    ended: 'A shell em {host} terminou.',
    offline: 'Sem ligação',
    stopped: 'O executor parou',
  },
  runnerStopped: 'O executor parou. Inicie-o de novo com ./runguide start e abra o endereço que ele mostrar.',
  switchHostBusy: 'Ainda há um passo em execução nesta sessão. Abrir mesmo assim uma nova sessão em {host}?',
  confirmTitle: 'Executar este comando?',
  risk: { 'read-only': 'Só leitura', changes: 'Altera o sistema', disruptive: 'Pode interromper o serviço' },
  riskLabel: 'Risco',
  rollbackLabel: 'Para o reverter',
  noRollback: 'Este passo não tem reversão automática.',
  run: 'Executar',
  cancel: 'Cancelar',
  proceed: 'Continuar',
  verdict: capAll(glossaries['pt-pt'].verdict),
  which: { run: '', verify: cap(glossaries['pt-pt'].verification), rollback: cap(glossaries['pt-pt'].rollback) },
  running: 'Em execução…',
  waiting: 'A aguardar a sua confirmação…',
  cancelled: 'Cancelado: nada foi executado.',
  rollBack: cap(glossaries['pt-pt'].rollBack),
  rollbackOffer: 'Esta alteração não foi concluída. Pode revertê-la.',
  restartHint: 'A alteração foi aplicada, mas só produz efeito depois de reiniciar o servidor. Reinicie-o na janela de manutenção e não reverta.',
  paramRequired: 'Introduza um valor.',
  paramInvalid: '«{value}» não é válido aqui.',
  atRisk: 'Este servidor está em risco: uma cópia de segurança automática pode bloqueá-lo.',
  atRiskLatent: 'Este servidor fica em risco assim que o VirtFS for montado: basta um início de sessão, uma entrega de correio ou uma tarefa cron de um utilizador com Jailed Shell ou noshell para que uma cópia de segurança automática o bloqueie.',
  notAtRisk: `${cap(glossaries['pt-pt'].outcome['not-at-risk'])}: uma cópia de segurança automática não deverá bloquear este servidor.`,
  riskUnknown: `${cap(glossaries['pt-pt'].outcome.undecided)}: algumas verificações não foram conclusivas. Veja as verificações marcadas com «${cap(glossaries['pt-pt'].verdict.error)}».`,
  factorsFound: 'Verificações que encontraram um fator de risco:',
  recommend: 'Correção recomendada:',
  progress: 'A executar a verificação {n} de {total}…',
  runAllStopped: 'As verificações pararam: {reason}',
  serverError: 'O executor recusou: {message}',
  hostsUnavailable: 'Não foi possível carregar a lista de servidores.',
  downloadFailed: 'Não foi possível transferir a gravação.',
  addHost: {
    option: 'Adicionar um servidor…',
    title: 'Adicionar um servidor',
    intro: 'Fica guardado no ficheiro de servidores do executor (~/.config/runguide/hosts.json). O terminal liga-se com o seu próprio ssh: aplicam-se as suas chaves, o agente e o known_hosts.',
    host: 'Nome do servidor ou endereço IP',
    user: 'Utilizador (opcional)',
    port: 'Porta (opcional)',
    submit: 'Adicionar',
    failed: 'Não foi possível adicionar o servidor',
  },
};

const fr: TerminalStrings = {
  openTerminal: 'Ouvrir le terminal',
  closeTerminal: 'Fermer le terminal',
  terminal: 'Terminal',
  runAll: 'Lancer toutes les vérifications',
  runnerAbsent:
    'Les étapes de ce guide peuvent s’exécuter ici une fois l’exécuteur local démarré. Dans un clone de runguide, lancez {command} puis ouvrez l’adresse qu’il affiche.',
  runnerUnauthorized:
    'L’exécuteur tourne, mais cet onglet n’a pas encore le jeton d’accès. Ouvrez dans cet onglet l’adresse qu’il a affichée\u00a0: elle contient le jeton, qui reste propre à l’onglet.',
  host: 'Hôte',
  thisMachine: 'Cette machine',
  hostSources: { builtin: 'Intégré', 'hosts-file': 'Fichier d’hôtes', 'ssh-config': 'Configuration SSH', lab: 'Laboratoire' },
  newSession: 'Nouvelle session',
  download: 'Télécharger l’enregistrement',
  search: 'Rechercher dans la sortie',
  searchNext: 'Résultat suivant',
  searchPrevious: 'Résultat précédent',
  resizeHandle: 'Redimensionner le terminal',
  keyboardHint: 'Copier\u00a0: Ctrl+Maj+C. Coller\u00a0: Ctrl+Maj+V. Pour quitter le terminal, appuyez sur Échap puis sur Tab.',
  state: {
    connecting: 'Connexion à {host}…',
    connected: 'Connecté à {host}',
    reconnecting: 'Connexion perdue, reconnexion…',
    ended: 'Le shell sur {host} s’est terminé.',
    offline: 'Non connecté',
    stopped: 'L’exécuteur s’est arrêté',
  },
  runnerStopped: 'L’exécuteur s’est arrêté. Relancez-le avec ./runguide start, puis ouvrez l’adresse qu’il affiche.',
  switchHostBusy: 'Une étape est encore en cours dans cette session. Ouvrir quand même une nouvelle session sur {host}\u202f?',
  confirmTitle: 'Exécuter cette commande\u202f?',
  risk: { 'read-only': 'Lecture seule', changes: 'Modifie le système', disruptive: 'Peut interrompre le service' },
  riskLabel: 'Risque',
  rollbackLabel: 'Pour l’annuler',
  noRollback: 'Cette étape n’a pas de retour arrière automatique.',
  run: 'Exécuter',
  cancel: 'Annuler',
  proceed: 'Continuer',
  verdict: capAll(glossaries.fr.verdict),
  which: { run: '', verify: cap(glossaries.fr.verification), rollback: cap(glossaries.fr.rollback) },
  running: 'En cours…',
  waiting: 'En attente de votre confirmation…',
  cancelled: 'Annulé\u00a0: rien n’a été exécuté.',
  rollBack: cap(glossaries.fr.rollBack),
  rollbackOffer: 'Cette modification n’a pas abouti. Vous pouvez revenir en arrière.',
  restartHint: 'La modification est appliquée, mais ne prend effet qu’après un redémarrage du serveur. Redémarrez-le pendant la fenêtre de maintenance, sans revenir en arrière.',
  paramRequired: 'Saisissez une valeur.',
  paramInvalid: '«\u00a0{value}\u00a0» n’est pas valide ici.',
  atRisk: 'Ce serveur est à risque\u00a0: une sauvegarde automatique peut le bloquer.',
  atRiskLatent: 'Ce serveur sera à risque dès que VirtFS sera monté\u00a0: une connexion, une livraison de courrier ou une tâche cron d’un utilisateur en Jailed Shell ou noshell suffit pour qu’une sauvegarde automatique le bloque.',
  notAtRisk: `${cap(glossaries.fr.outcome['not-at-risk'])}\u00a0: une sauvegarde automatique ne devrait pas bloquer ce serveur.`,
  riskUnknown: `${cap(glossaries.fr.outcome.undecided)}\u00a0: certaines vérifications n’ont pas pu conclure. Voyez celles marquées «\u00a0${cap(glossaries.fr.verdict.error)}\u00a0».`,
  factorsFound: 'Vérifications ayant détecté un facteur de risque\u00a0:',
  recommend: 'Correctif recommandé\u00a0:',
  progress: 'Vérification {n} sur {total} en cours…',
  runAllStopped: 'Les vérifications se sont arrêtées\u00a0: {reason}',
  serverError: 'L’exécuteur a refusé\u00a0: {message}',
  hostsUnavailable: 'La liste des hôtes n’a pas pu être chargée.',
  downloadFailed: 'L’enregistrement n’a pas pu être téléchargé.',
  addHost: {
    option: 'Ajouter un serveur…',
    title: 'Ajouter un serveur',
    intro: 'Enregistré dans le fichier des hôtes de l’exécuteur (~/.config/runguide/hosts.json). Le terminal se connecte avec votre propre ssh\u00a0: vos clés, votre agent et votre known_hosts s’appliquent.',
    host: 'Nom d’hôte ou adresse IP',
    user: 'Utilisateur (facultatif)',
    port: 'Port (facultatif)',
    submit: 'Ajouter',
    failed: 'Le serveur n’a pas pu être ajouté',
  },
};

const de: TerminalStrings = {
  openTerminal: 'Terminal öffnen',
  closeTerminal: 'Terminal schließen',
  terminal: 'Terminal',
  runAll: 'Alle Prüfungen ausführen',
  runnerAbsent:
    'Die Schritte dieser Anleitung lassen sich hier ausführen, sobald der lokale Runner läuft. Führen Sie in einem Klon von runguide {command} aus und öffnen Sie die angezeigte Adresse.',
  runnerUnauthorized:
    'Der Runner läuft, aber dieser Tab hat noch kein Zugriffstoken. Öffnen Sie in diesem Tab die Adresse, die der Runner ausgegeben hat: Sie enthält das Token, das nur für diesen Tab gilt.',
  host: 'Host',
  thisMachine: 'Dieser Rechner',
  hostSources: { builtin: 'Eingebaut', 'hosts-file': 'Hosts-Datei', 'ssh-config': 'SSH-Konfiguration', lab: 'Labor' },
  newSession: 'Neue Sitzung',
  download: 'Aufzeichnung herunterladen',
  search: 'Ausgabe durchsuchen',
  searchNext: 'Nächster Treffer',
  searchPrevious: 'Vorheriger Treffer',
  resizeHandle: 'Terminalgröße ändern',
  keyboardHint: 'Kopieren: Strg+Umschalt+C. Einfügen: Strg+Umschalt+V. Um das Terminal zu verlassen, drücken Sie Escape und dann Tab.',
  state: {
    connecting: 'Verbindung zu {host} wird hergestellt…',
    connected: 'Verbunden mit {host}',
    reconnecting: 'Verbindung verloren, neuer Versuch…',
    ended: 'Die Shell auf {host} wurde beendet.',
    offline: 'Nicht verbunden',
    stopped: 'Der Runner wurde beendet',
  },
  runnerStopped: 'Der Runner wurde beendet. Starten Sie ihn mit ./runguide start neu und öffnen Sie die Adresse, die er ausgibt.',
  switchHostBusy: 'In dieser Sitzung läuft noch ein Schritt. Trotzdem eine neue Sitzung auf {host} öffnen?',
  confirmTitle: 'Diesen Befehl ausführen?',
  risk: { 'read-only': 'Nur lesend', changes: 'Ändert das System', disruptive: 'Kann den Betrieb unterbrechen' },
  riskLabel: 'Risiko',
  rollbackLabel: 'Rückgängig machen mit',
  noRollback: 'Für diesen Schritt gibt es keine automatische Rücknahme.',
  run: 'Ausführen',
  cancel: 'Abbrechen',
  proceed: 'Fortfahren',
  verdict: capAll(glossaries.de.verdict),
  which: { run: '', verify: cap(glossaries.de.verification), rollback: cap(glossaries.de.rollback) },
  running: 'Läuft…',
  waiting: 'Wartet auf Ihre Bestätigung…',
  cancelled: 'Abgebrochen: Es wurde nichts ausgeführt.',
  rollBack: cap(glossaries.de.rollBack),
  rollbackOffer: 'Diese Änderung wurde nicht abgeschlossen. Sie können sie rückgängig machen.',
  restartHint: 'Die Änderung ist angewendet, wirkt aber erst nach einem Neustart des Servers. Starten Sie ihn im Wartungsfenster neu, statt sie rückgängig zu machen.',
  paramRequired: 'Geben Sie einen Wert ein.',
  paramInvalid: '„{value}“ ist hier nicht zulässig.',
  atRisk: 'Dieser Server ist gefährdet: Eine automatische Sicherung kann ihn zum Hängen bringen.',
  atRiskLatent: 'Dieser Server ist gefährdet, sobald VirtFS eingehängt wird: Eine Anmeldung, eine E-Mail-Zustellung oder ein Cron-Job eines Benutzers mit Jailed Shell oder noshell genügt, damit eine automatische Sicherung ihn zum Hängen bringt.',
  notAtRisk: `${cap(glossaries.de.outcome['not-at-risk'])}: Eine automatische Sicherung sollte diesen Server nicht zum Hängen bringen.`,
  riskUnknown: `${cap(glossaries.de.outcome.undecided)}: Einige Prüfungen waren nicht eindeutig. Sehen Sie sich die mit „${cap(glossaries.de.verdict.error)}“ markierten Prüfungen an.`,
  factorsFound: 'Prüfungen, die einen Risikofaktor gefunden haben:',
  recommend: 'Empfohlene Lösung:',
  progress: 'Prüfung {n} von {total} läuft…',
  runAllStopped: 'Die Prüfungen wurden angehalten: {reason}',
  serverError: 'Der Runner hat abgelehnt: {message}',
  hostsUnavailable: 'Die Liste der Hosts konnte nicht geladen werden.',
  downloadFailed: 'Die Aufzeichnung konnte nicht heruntergeladen werden.',
  addHost: {
    option: 'Server hinzufügen…',
    title: 'Server hinzufügen',
    intro: 'Wird in der Hostdatei des Runners gespeichert (~/.config/runguide/hosts.json). Das Terminal verbindet sich mit Ihrem eigenen ssh: Ihre Schlüssel, Ihr Agent und Ihre known_hosts gelten.',
    host: 'Hostname oder IP-Adresse',
    user: 'Benutzer (optional)',
    port: 'Port (optional)',
    submit: 'Hinzufügen',
    failed: 'Der Server konnte nicht hinzugefügt werden',
  },
};

const es: TerminalStrings = {
  openTerminal: 'Abrir el terminal',
  closeTerminal: 'Cerrar el terminal',
  terminal: 'Terminal',
  runAll: 'Ejecutar todas las comprobaciones',
  runnerAbsent:
    'Los pasos de esta guía pueden ejecutarse aquí cuando el ejecutor local esté en marcha. En un clon de runguide, ejecute {command} y abra la dirección que muestre.',
  runnerUnauthorized:
    'El ejecutor está en marcha, pero esta pestaña aún no tiene el token de acceso. Abra en esta pestaña la dirección que mostró el ejecutor: contiene el token, que queda ligado a la pestaña.',
  host: 'Servidor',
  thisMachine: 'Este equipo',
  hostSources: { builtin: 'Integrado', 'hosts-file': 'Archivo de servidores', 'ssh-config': 'Configuración SSH', lab: 'Laboratorio' },
  newSession: 'Nueva sesión',
  download: 'Descargar la grabación',
  search: 'Buscar en la salida',
  searchNext: 'Siguiente coincidencia',
  searchPrevious: 'Coincidencia anterior',
  resizeHandle: 'Cambiar el tamaño del terminal',
  keyboardHint: 'Copiar: Ctrl+Mayús+C. Pegar: Ctrl+Mayús+V. Para salir del terminal, pulse Escape y después Tab.',
  state: {
    connecting: 'Conectando con {host}…',
    connected: 'Conectado a {host}',
    reconnecting: 'Conexión perdida, reconectando…',
    ended: 'La shell en {host} ha terminado.',
    offline: 'Sin conexión',
    stopped: 'El ejecutor se ha detenido',
  },
  runnerStopped: 'El ejecutor se ha detenido. Vuelva a iniciarlo con ./runguide start y abra la dirección que muestre.',
  switchHostBusy: 'Todavía hay un paso en ejecución en esta sesión. ¿Abrir de todos modos una nueva sesión en {host}?',
  confirmTitle: '¿Ejecutar este comando?',
  risk: { 'read-only': 'Solo lectura', changes: 'Modifica el sistema', disruptive: 'Puede interrumpir el servicio' },
  riskLabel: 'Riesgo',
  rollbackLabel: 'Para deshacerlo',
  noRollback: 'Este paso no tiene reversión automática.',
  run: 'Ejecutar',
  cancel: 'Cancelar',
  proceed: 'Continuar',
  verdict: capAll(glossaries.es.verdict),
  which: { run: '', verify: cap(glossaries.es.verification), rollback: cap(glossaries.es.rollback) },
  running: 'En ejecución…',
  waiting: 'Esperando su confirmación…',
  cancelled: 'Cancelado: no se ha ejecutado nada.',
  rollBack: cap(glossaries.es.rollBack),
  rollbackOffer: 'Este cambio no se completó. Puede revertirlo.',
  restartHint: 'El cambio está aplicado, pero solo surte efecto tras reiniciar el servidor. Reinícielo en la ventana de mantenimiento y no lo revierta.',
  paramRequired: 'Introduzca un valor.',
  paramInvalid: '«{value}» no es válido aquí.',
  atRisk: 'Este servidor está en riesgo: una copia de seguridad automática puede bloquearlo.',
  atRiskLatent: 'Este servidor estará en riesgo en cuanto se monte VirtFS: basta un inicio de sesión, una entrega de correo o una tarea cron de un usuario con Jailed Shell o noshell para que una copia de seguridad automática lo bloquee.',
  notAtRisk: `${cap(glossaries.es.outcome['not-at-risk'])}: una copia de seguridad automática no debería bloquear este servidor.`,
  riskUnknown: `${cap(glossaries.es.outcome.undecided)}: algunas comprobaciones no fueron concluyentes. Revise las marcadas como «${cap(glossaries.es.verdict.error)}».`,
  factorsFound: 'Comprobaciones que encontraron un factor de riesgo:',
  recommend: 'Solución recomendada:',
  progress: 'Ejecutando la comprobación {n} de {total}…',
  runAllStopped: 'Las comprobaciones se detuvieron: {reason}',
  serverError: 'El ejecutor lo rechazó: {message}',
  hostsUnavailable: 'No se pudo cargar la lista de servidores.',
  downloadFailed: 'No se pudo descargar la grabación.',
  addHost: {
    option: 'Añadir un servidor…',
    title: 'Añadir un servidor',
    intro: 'Se guarda en el archivo de servidores del ejecutor (~/.config/runguide/hosts.json). El terminal se conecta con su propio ssh: se aplican sus claves, su agente y su known_hosts.',
    host: 'Nombre del servidor o dirección IP',
    user: 'Usuario (opcional)',
    port: 'Puerto (opcional)',
    submit: 'Añadir',
    failed: 'No se pudo añadir el servidor',
  },
};

const it: TerminalStrings = {
  openTerminal: 'Apri il terminale',
  closeTerminal: 'Chiudi il terminale',
  terminal: 'Terminale',
  runAll: 'Esegui tutti i controlli',
  runnerAbsent:
    'I passaggi di questa guida si possono eseguire qui dopo aver avviato l’esecutore locale. In un clone di runguide, esegui {command} e apri l’indirizzo che mostra.',
  runnerUnauthorized:
    'L’esecutore è in esecuzione, ma questa scheda non ha ancora il token di accesso. Apri in questa scheda l’indirizzo stampato dall’esecutore: contiene il token, che resta legato alla scheda.',
  host: 'Host',
  thisMachine: 'Questo computer',
  hostSources: { builtin: 'Predefinito', 'hosts-file': 'File degli host', 'ssh-config': 'Configurazione SSH', lab: 'Laboratorio' },
  newSession: 'Nuova sessione',
  download: 'Scarica la registrazione',
  search: 'Cerca nell’output',
  searchNext: 'Risultato successivo',
  searchPrevious: 'Risultato precedente',
  resizeHandle: 'Ridimensiona il terminale',
  keyboardHint: 'Copia: Ctrl+Maiusc+C. Incolla: Ctrl+Maiusc+V. Per uscire dal terminale, premi Esc e poi Tab.',
  state: {
    connecting: 'Connessione a {host}…',
    connected: 'Connesso a {host}',
    reconnecting: 'Connessione persa, nuovo tentativo…',
    ended: 'La shell su {host} è terminata.',
    offline: 'Non connesso',
    stopped: 'L’esecutore si è fermato',
  },
  runnerStopped: 'L’esecutore si è fermato. Riavvialo con ./runguide start, poi apri l’indirizzo che stampa.',
  switchHostBusy: 'In questa sessione è ancora in esecuzione un passaggio. Aprire comunque una nuova sessione su {host}?',
  confirmTitle: 'Eseguire questo comando?',
  risk: { 'read-only': 'Sola lettura', changes: 'Modifica il sistema', disruptive: 'Può interrompere il servizio' },
  riskLabel: 'Rischio',
  rollbackLabel: 'Per annullarlo',
  noRollback: 'Questo passaggio non prevede un annullamento automatico.',
  run: 'Esegui',
  cancel: 'Annulla',
  proceed: 'Continua',
  verdict: capAll(glossaries.it.verdict),
  which: { run: '', verify: cap(glossaries.it.verification), rollback: cap(glossaries.it.rollback) },
  running: 'In esecuzione…',
  waiting: 'In attesa della tua conferma…',
  cancelled: 'Annullato: non è stato eseguito nulla.',
  rollBack: cap(glossaries.it.rollBack),
  rollbackOffer: 'Questa modifica non è stata completata. Puoi annullarla.',
  restartHint: 'La modifica è applicata, ma ha effetto solo dopo un riavvio del server. Riavvia il server nella finestra di manutenzione, senza annullarla.',
  paramRequired: 'Inserisci un valore.',
  paramInvalid: '«{value}» non è valido qui.',
  atRisk: 'Questo server è a rischio: un backup automatico può bloccarlo.',
  atRiskLatent: 'Questo server sarà a rischio non appena VirtFS viene montato: basta un accesso, una consegna di posta o un job cron di un utente con Jailed Shell o noshell perché un backup automatico lo blocchi.',
  notAtRisk: `${cap(glossaries.it.outcome['not-at-risk'])}: un backup automatico non dovrebbe bloccare questo server.`,
  riskUnknown: `${cap(glossaries.it.outcome.undecided)}: alcuni controlli non sono stati conclusivi. Guarda quelli contrassegnati con «${cap(glossaries.it.verdict.error)}».`,
  factorsFound: 'Controlli che hanno rilevato un fattore di rischio:',
  recommend: 'Correzione consigliata:',
  progress: 'Controllo {n} di {total} in corso…',
  runAllStopped: 'I controlli si sono interrotti: {reason}',
  serverError: 'L’esecutore ha rifiutato: {message}',
  hostsUnavailable: 'Impossibile caricare l’elenco degli host.',
  downloadFailed: 'Impossibile scaricare la registrazione.',
  addHost: {
    option: 'Aggiungi un server…',
    title: 'Aggiungi un server',
    intro: 'Viene salvato nel file degli host dell’esecutore (~/.config/runguide/hosts.json). Il terminale si collega con il tuo ssh: valgono le tue chiavi, il tuo agent e il tuo known_hosts.',
    host: 'Nome host o indirizzo IP',
    user: 'Utente (facoltativo)',
    port: 'Porta (facoltativa)',
    submit: 'Aggiungi',
    failed: 'Impossibile aggiungere il server',
  },
};

const pl: TerminalStrings = {
  openTerminal: 'Otwórz terminal',
  closeTerminal: 'Zamknij terminal',
  terminal: 'Terminal',
  runAll: 'Uruchom wszystkie testy',
  runnerAbsent:
    'Kroki tego poradnika można wykonać tutaj po uruchomieniu lokalnego runnera. W klonie repozytorium runguide wykonaj {command} i otwórz wyświetlony adres.',
  runnerUnauthorized:
    'Runner działa, ale ta karta nie ma jeszcze tokenu dostępu. Otwórz w tej karcie adres wyświetlony przez runnera: zawiera token, który pozostaje przypisany do karty.',
  host: 'Host',
  thisMachine: 'Ten komputer',
  hostSources: { builtin: 'Wbudowane', 'hosts-file': 'Plik hostów', 'ssh-config': 'Konfiguracja SSH', lab: 'Laboratorium' },
  newSession: 'Nowa sesja',
  download: 'Pobierz nagranie',
  search: 'Szukaj w wyjściu',
  searchNext: 'Następne wystąpienie',
  searchPrevious: 'Poprzednie wystąpienie',
  resizeHandle: 'Zmień rozmiar terminala',
  keyboardHint: 'Kopiuj: Ctrl+Shift+C. Wklej: Ctrl+Shift+V. Aby opuścić terminal, naciśnij Escape, a potem Tab.',
  state: {
    connecting: 'Łączenie z {host}…',
    connected: 'Połączono z {host}',
    reconnecting: 'Utracono połączenie, ponowne łączenie…',
    ended: 'Powłoka na {host} zakończyła działanie.',
    offline: 'Brak połączenia',
    stopped: 'Runner został zatrzymany',
  },
  runnerStopped: 'Runner został zatrzymany. Uruchom go ponownie poleceniem ./runguide start i otwórz adres, który wyświetli.',
  switchHostBusy: 'W tej sesji nadal wykonuje się krok. Czy mimo to otworzyć nową sesję na {host}?',
  confirmTitle: 'Wykonać to polecenie?',
  risk: { 'read-only': 'Tylko odczyt', changes: 'Zmienia system', disruptive: 'Może przerwać działanie usług' },
  riskLabel: 'Ryzyko',
  rollbackLabel: 'Aby cofnąć',
  noRollback: 'Ten krok nie ma automatycznego wycofania.',
  run: 'Wykonaj',
  cancel: 'Anuluj',
  proceed: 'Kontynuuj',
  verdict: capAll(glossaries.pl.verdict),
  which: { run: '', verify: cap(glossaries.pl.verification), rollback: cap(glossaries.pl.rollback) },
  running: 'Trwa wykonywanie…',
  waiting: 'Czeka na Twoje potwierdzenie…',
  cancelled: 'Anulowano: nic nie zostało wykonane.',
  rollBack: cap(glossaries.pl.rollBack),
  rollbackOffer: 'Ta zmiana nie została ukończona. Możesz ją wycofać.',
  restartHint: 'Zmiana została wprowadzona, ale zadziała dopiero po restarcie serwera. Uruchom go ponownie w oknie serwisowym i nie wycofuj zmiany.',
  paramRequired: 'Wpisz wartość.',
  paramInvalid: '„{value}” nie jest tu poprawną wartością.',
  atRisk: 'Ten serwer jest zagrożony: automatyczna kopia zapasowa może go zawiesić.',
  atRiskLatent: 'Ten serwer będzie zagrożony, gdy tylko zostanie zamontowany VirtFS: wystarczy logowanie, dostarczenie poczty lub zadanie cron użytkownika z Jailed Shell lub noshell, aby automatyczna kopia zapasowa go zawiesiła.',
  notAtRisk: `${cap(glossaries.pl.outcome['not-at-risk'])}: automatyczna kopia zapasowa nie powinna zawiesić tego serwera.`,
  riskUnknown: `${cap(glossaries.pl.outcome.undecided)}: niektóre testy nie dały jednoznacznej odpowiedzi. Sprawdź testy oznaczone jako „${cap(glossaries.pl.verdict.error)}”.`,
  factorsFound: 'Testy, które wykryły czynnik ryzyka:',
  recommend: 'Zalecana poprawka:',
  progress: 'Trwa test {n} z {total}…',
  runAllStopped: 'Testy zostały przerwane: {reason}',
  serverError: 'Runner odmówił: {message}',
  hostsUnavailable: 'Nie udało się wczytać listy hostów.',
  downloadFailed: 'Nie udało się pobrać nagrania.',
  addHost: {
    option: 'Dodaj serwer…',
    title: 'Dodaj serwer',
    intro: 'Zostanie zapisany w pliku hostów runnera (~/.config/runguide/hosts.json). Terminal łączy się przez Twój własny ssh: obowiązują Twoje klucze, agent i known_hosts.',
    host: 'Nazwa hosta lub adres IP',
    user: 'Użytkownik (opcjonalnie)',
    port: 'Port (opcjonalnie)',
    submit: 'Dodaj',
    failed: 'Nie udało się dodać serwera',
  },
};

export const terminalStrings: Record<Locale, TerminalStrings> = { en, 'pt-pt': ptPt, fr, de, es, it, pl };

/** The strings for a BCP 47 tag (`document.documentElement.lang`), English when unknown. */
export function terminalStringsFor(lang: string | undefined): TerminalStrings {
  const tag = (lang ?? '').toLowerCase();
  for (const [locale, bcp47] of Object.entries(LOCALES) as [Locale, string][])
    if (bcp47.toLowerCase() === tag) return terminalStrings[locale];
  const base = tag.split('-')[0] as Locale;
  return terminalStrings[base] ?? en;
}

/** Fills `{name}` slots. */
export function format(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
