// The terminal panel's interface text, in every locale of the site. The page renders the few
// strings its loader shows; the panel's lazy chunk reads the rest here, by the page's lang.
import type { Factor, FixId, Outcome, Risk } from '../core/schema.ts';
import { type Locale, localeOf } from '../core/locales.ts';
import { cap, capAll, glossaries } from '../core/glossary.ts';
import type { Verdict, Which } from '../core/step-ref.ts';

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
  /** This machine inside a sentence, after "On" in `card.about` and `confirm.target`. */
  localHost: string;
  /** What follows a label: ": ", or "\u00a0: " in French. */
  colon: string;
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
  risk: Record<Risk, string>;
  riskLabel: string;
  rollbackLabel: string;
  noRollback: string;
  run: string;
  cancel: string;
  proceed: string;
  verdict: Record<Verdict, string>;
  which: Record<Which, string>;
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
  /** The verdict in a few words: the dock repeats it, the card heads with it. */
  outcome: Record<Outcome, string>;
  /** The verdict card (Assessment.astro). `{host}`, `{user}`, `{time}`, `{n}`, `{total}` are filled in. */
  card: Record<
    | 'about'
    | 'aboutNoUser'
    | 'partial'
    | 'conditions'
    | 'conditionsLatent'
    | 'present'
    | 'absent'
    | 'unknown'
    | 'others'
    | 'errored'
    | 'why'
    | 'restored',
    string
  >;
  /** A risk factor as a condition of the verdict, stated as the thing a check looks for. */
  factor: Record<Factor, string>;
  /** A condition met by any of several factors, by their ids joined with "+" (the rule's group). */
  factorGroup: Record<string, string>;
  /** Why the card recommends this fix. */
  recommendWhy: Record<FixId, string>;
  /** What a fix costs, said in the confirmation before anything runs. */
  consequence: Record<FixId, string>;
  /** The confirmation: where and as whom, and when not to run it. */
  confirm: Record<'target' | 'targetNoUser' | 'consequences' | 'backupWindow' | 'maintenanceWindow', string>;
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
  localHost: 'this machine',
  colon: ': ',
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
  restartHint:
    'The change is applied, but it takes effect only after a restart of the server. Restart it in the maintenance window; do not roll back.',
  paramRequired: 'Enter a value.',
  paramInvalid: '“{value}” is not valid here.',
  atRisk: 'This server is at risk: an automatic backup can hang it.',
  atRiskLatent:
    'This server is at risk once VirtFS mounts: a login, mail delivery or cron job of a user with Jailed Shell or noshell is enough for an automatic backup to hang it.',
  notAtRisk: 'This server is not at risk.',
  riskUnknown: `${cap(glossaries.en.outcome.undecided)}: some checks could not tell. Look at the checks marked “${glossaries.en.check.error}”.`,
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
    intro:
      'Saved in the runner’s hosts file (~/.config/runguide/hosts.json). The terminal connects with your own ssh: your keys, agent and known_hosts apply.',
    host: 'Host name or IP address',
    user: 'User (optional)',
    port: 'Port (optional)',
    submit: 'Add',
    failed: 'The server could not be added',
  },
  outcome: capAll(glossaries.en.outcome),
  card: {
    about: 'On {host}, as {user}, at {time}',
    aboutNoUser: 'On {host}, at {time}',
    partial: '{n} of {total} checks have run. Run all checks for a verdict.',
    conditions: 'A backup hangs this server when all three conditions hold:',
    conditionsLatent: 'It becomes at risk as soon as all of these hold:',
    present: 'Found',
    absent: 'Ruled out',
    unknown: 'Unknown',
    others: 'Other findings',
    errored: 'These checks could not tell; do what their output says (often: run as root), then run them again:',
    why: 'Why this fix:',
    restored: 'Results kept from before the page was reloaded.',
  },
  factor: {
    'agent-channel': 'A guest agent channel',
    'agent-running': 'The guest agent is running',
    'agent-enabled': 'The guest agent can start again',
    'agent-old': 'An agent older than 10.0',
    'loop-tmp': '/tmp on a loop device',
    'virtfs-users': 'Users who can get VirtFS',
    'virtfs-mounts': 'VirtFS mounts now',
    'freeze-order': 'A dangerous freeze order',
    'past-hang': 'A hang or panic in the previous boot',
    'panic-on-hang': 'A hung task panics the kernel',
  },
  factorGroup: { 'agent-running+agent-enabled': 'A guest agent that runs or can start again' },
  recommendWhy: {
    agent:
      'It removes the first condition at once, needs no restart, and is the quickest to undo. If your repositories offer agent 10.0 or later, fix 4 keeps consistent backups instead.',
    shell: 'It removes the VirtFS bind mounts that the agent freezes in the wrong order.',
    securetmp: 'It takes /tmp off the loop device, so no mount order can deadlock a freeze.',
    upgrade: 'Agent 10.0 and later skip bind mounts, and backups stay consistent.',
  },
  consequence: {
    agent: 'Backups are no longer quiesced: they are only crash-consistent.',
    shell: 'Shell users are no longer confined, and VirtFS can come back.',
    securetmp: '/tmp loses its separate space and mount restrictions; cPanel does not recommend it.',
    upgrade: 'The new agent comes from your distribution’s repositories.',
  },
  confirm: {
    target: 'On {host}, as {user}',
    targetNoUser: 'On {host}',
    consequences: 'What you give up',
    backupWindow: 'Run it outside the backup window: never while a backup or snapshot of this server is running.',
    maintenanceWindow: 'It completes at the next restart of the server: plan a maintenance window.',
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
  localHost: 'este computador',
  colon: ': ',
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
  restartHint:
    'A alteração foi aplicada, mas só produz efeito depois de reiniciar o servidor. Reinicie-o na janela de manutenção e não reverta.',
  paramRequired: 'Introduza um valor.',
  paramInvalid: '«{value}» não é válido aqui.',
  atRisk: 'Este servidor está em risco: uma cópia de segurança automática pode bloqueá-lo.',
  atRiskLatent:
    'Este servidor fica em risco assim que o VirtFS for montado: basta um início de sessão, uma entrega de correio ou uma tarefa cron de um utilizador com Jailed Shell ou noshell para que uma cópia de segurança automática o bloqueie.',
  notAtRisk: `${cap(glossaries['pt-pt'].outcome['not-at-risk'])}: uma cópia de segurança automática não deverá bloquear este servidor.`,
  riskUnknown: `${cap(glossaries['pt-pt'].outcome.undecided)}: algumas verificações não foram conclusivas. Veja as verificações marcadas com «${glossaries['pt-pt'].check.error}».`,
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
    intro:
      'Fica guardado no ficheiro de servidores do executor (~/.config/runguide/hosts.json). O terminal liga-se com o seu próprio ssh: aplicam-se as suas chaves, o agente e o known_hosts.',
    host: 'Nome do servidor ou endereço IP',
    user: 'Utilizador (opcional)',
    port: 'Porta (opcional)',
    submit: 'Adicionar',
    failed: 'Não foi possível adicionar o servidor',
  },
  outcome: capAll(glossaries['pt-pt'].outcome),
  card: {
    about: 'Em {host}, como {user}, a {time}',
    aboutNoUser: 'Em {host}, a {time}',
    partial: 'Verificações executadas: {n} de {total}. Execute-as todas para obter o resultado.',
    conditions: 'Uma cópia de segurança bloqueia este servidor quando se verificam as três condições:',
    conditionsLatent: 'Passa a estar em risco assim que se verificarem todas estas condições:',
    present: 'Encontrado',
    absent: 'Excluído',
    unknown: 'Desconhecido',
    others: 'Outros resultados',
    errored:
      'Estas verificações não foram conclusivas; faça o que a saída indica (muitas vezes, executá-las como root) e volte a executá-las:',
    why: 'Porquê esta correção:',
    restored: 'Resultados mantidos de antes de a página ser recarregada.',
  },
  factor: {
    'agent-channel': 'Canal do agente',
    'agent-running': 'Agente em execução',
    'agent-enabled': 'Agente que pode voltar a arrancar',
    'agent-old': 'Agente anterior à versão 10.0',
    'loop-tmp': '/tmp num dispositivo loop',
    'virtfs-users': 'Utilizadores que podem receber VirtFS',
    'virtfs-mounts': 'Montagens VirtFS neste momento',
    'freeze-order': 'Ordem de congelamento perigosa',
    'past-hang': 'Bloqueio ou kernel panic no arranque anterior',
    'panic-on-hang': 'Kernel panic em caso de tarefa bloqueada',
  },
  factorGroup: { 'agent-running+agent-enabled': 'Agente em execução ou que pode voltar a arrancar' },
  recommendWhy: {
    agent:
      'Elimina de imediato a primeira condição, não exige reinício e é a mais rápida de reverter. Se os seus repositórios tiverem o agente 10.0 ou posterior, a correção 4, em alternativa, mantém as cópias de segurança coerentes.',
    shell: 'Elimina as montagens bind do VirtFS que o agente congela pela ordem errada.',
    securetmp: 'Retira o /tmp do dispositivo loop, pelo que nenhuma ordem de montagem pode bloquear o congelamento.',
    upgrade: 'O agente 10.0 e posteriores ignoram as montagens bind, e as cópias de segurança continuam coerentes.',
  },
  consequence: {
    agent: 'As cópias de segurança deixam de ser feitas com congelamento: ficam só crash-consistent.',
    shell: 'Os utilizadores com acesso shell deixam de estar confinados, e o VirtFS pode voltar.',
    securetmp: 'O /tmp perde o espaço próprio e as restrições de montagem; o cPanel não o recomenda.',
    upgrade: 'O novo agente vem dos repositórios da sua distribuição.',
  },
  confirm: {
    target: 'Em {host}, como {user}',
    targetNoUser: 'Em {host}',
    consequences: 'O que perde',
    backupWindow:
      'Execute fora do período das cópias de segurança: nunca enquanto estiver a decorrer uma cópia de segurança ou um snapshot deste servidor.',
    maintenanceWindow: 'A alteração só fica concluída no próximo reinício do servidor: planeie uma janela de manutenção.',
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
  localHost: 'cette machine',
  colon: '\u00a0: ',
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
  restartHint:
    'La modification est appliquée, mais ne prend effet qu’après un redémarrage du serveur. Redémarrez-le pendant la fenêtre de maintenance, sans revenir en arrière.',
  paramRequired: 'Saisissez une valeur.',
  paramInvalid: '«\u00a0{value}\u00a0» n’est pas valide ici.',
  atRisk: 'Ce serveur est à risque\u00a0: une sauvegarde automatique peut le bloquer.',
  atRiskLatent:
    'Ce serveur sera à risque dès que VirtFS sera monté\u00a0: une connexion, une livraison de courrier ou une tâche cron d’un utilisateur en Jailed Shell ou noshell suffit pour qu’une sauvegarde automatique le bloque.',
  notAtRisk: `${cap(glossaries.fr.outcome['not-at-risk'])}\u00a0: une sauvegarde automatique ne devrait pas bloquer ce serveur.`,
  riskUnknown: `${cap(glossaries.fr.outcome.undecided)}\u00a0: certaines vérifications n’ont pas pu conclure. Voyez celles marquées «\u00a0${glossaries.fr.check.error}\u00a0».`,
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
    intro:
      'Enregistré dans le fichier des hôtes de l’exécuteur (~/.config/runguide/hosts.json). Le terminal se connecte avec votre propre ssh\u00a0: vos clés, votre agent et votre known_hosts s’appliquent.',
    host: 'Nom d’hôte ou adresse IP',
    user: 'Utilisateur (facultatif)',
    port: 'Port (facultatif)',
    submit: 'Ajouter',
    failed: 'Le serveur n’a pas pu être ajouté',
  },
  outcome: capAll(glossaries.fr.outcome),
  card: {
    about: 'Sur {host}, en tant que {user}, {time}',
    aboutNoUser: 'Sur {host}, {time}',
    partial: 'Vérifications exécutées\u00a0: {n} sur {total}. Lancez-les toutes pour obtenir un verdict.',
    conditions: 'Une sauvegarde bloque ce serveur quand les trois conditions sont réunies\u00a0:',
    conditionsLatent: 'Le serveur devient à risque dès que toutes ces conditions sont réunies\u00a0:',
    present: 'Détecté',
    absent: 'Écarté',
    unknown: 'Inconnu',
    others: 'Autres constats',
    errored:
      'Ces vérifications n’ont pas pu conclure\u202f; faites ce qu’indique leur sortie (souvent\u00a0: les lancer en tant que root), puis relancez-les\u00a0:',
    why: 'Pourquoi ce correctif\u00a0:',
    restored: 'Résultats conservés d’avant le rechargement de la page.',
  },
  factor: {
    'agent-channel': 'Canal de l’agent invité',
    'agent-running': 'Agent invité en cours d’exécution',
    'agent-enabled': 'Agent invité pouvant être relancé',
    'agent-old': 'Agent antérieur à la version 10.0',
    'loop-tmp': '/tmp sur un périphérique loop',
    'virtfs-users': 'Utilisateurs pouvant avoir un VirtFS',
    'virtfs-mounts': 'Montages VirtFS en ce moment',
    'freeze-order': 'Ordre de gel dangereux',
    'past-hang': 'Blocage ou kernel panic au démarrage précédent',
    'panic-on-hang': 'Kernel panic en cas de tâche bloquée',
  },
  factorGroup: { 'agent-running+agent-enabled': 'Agent invité en cours d’exécution ou pouvant être relancé' },
  recommendWhy: {
    agent:
      'Il supprime aussitôt la première condition, sans redémarrage, et c’est le plus rapide à annuler. Si vos dépôts proposent l’agent 10.0 ou une version ultérieure, le correctif 4 garde, lui, des sauvegardes cohérentes.',
    shell: 'Il supprime les montages bind de VirtFS que l’agent gèle dans le mauvais ordre.',
    securetmp: 'Il sort /tmp du périphérique loop, si bien qu’aucun ordre de montage ne peut plus interbloquer le gel.',
    upgrade: 'À partir de la 10.0, l’agent ignore les montages bind, et les sauvegardes restent cohérentes.',
  },
  consequence: {
    agent: 'Les sauvegardes se font sans gel\u00a0: elles ne sont plus que crash-consistent.',
    shell: 'Les utilisateurs ayant un accès shell ne sont plus confinés, et VirtFS peut revenir.',
    securetmp: '/tmp perd son espace dédié et ses restrictions de montage\u202f; cPanel le déconseille.',
    upgrade: 'Le nouvel agent vient des dépôts de votre distribution.',
  },
  confirm: {
    target: 'Sur {host}, en tant que {user}',
    targetNoUser: 'Sur {host}',
    consequences: 'Ce à quoi vous renoncez',
    backupWindow:
      'À lancer en dehors de la plage horaire des sauvegardes\u00a0: jamais pendant une sauvegarde ou un instantané de ce serveur.',
    maintenanceWindow: 'La modification ne s’achève qu’au prochain redémarrage du serveur\u00a0: prévoyez une fenêtre de maintenance.',
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
  localHost: 'diesem Rechner',
  colon: ': ',
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
  restartHint:
    'Die Änderung ist angewendet, wirkt aber erst nach einem Neustart des Servers. Starten Sie ihn im Wartungsfenster neu, statt sie rückgängig zu machen.',
  paramRequired: 'Geben Sie einen Wert ein.',
  paramInvalid: '„{value}“ ist hier nicht zulässig.',
  atRisk: 'Dieser Server ist gefährdet: Eine automatische Sicherung kann ihn zum Hängen bringen.',
  atRiskLatent:
    'Dieser Server ist gefährdet, sobald VirtFS eingehängt wird: Eine Anmeldung, eine E-Mail-Zustellung oder ein Cron-Job eines Benutzers mit Jailed Shell oder noshell genügt, damit eine automatische Sicherung ihn zum Hängen bringt.',
  notAtRisk: `${cap(glossaries.de.outcome['not-at-risk'])}: Eine automatische Sicherung sollte diesen Server nicht zum Hängen bringen.`,
  riskUnknown: `${cap(glossaries.de.outcome.undecided)}: Einige Prüfungen waren nicht eindeutig. Sehen Sie sich die mit „${glossaries.de.check.error}“ markierten Prüfungen an.`,
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
    intro:
      'Wird in der Hostdatei des Runners gespeichert (~/.config/runguide/hosts.json). Das Terminal verbindet sich mit Ihrem eigenen ssh: Ihre Schlüssel, Ihr Agent und Ihre known_hosts gelten.',
    host: 'Hostname oder IP-Adresse',
    user: 'Benutzer (optional)',
    port: 'Port (optional)',
    submit: 'Hinzufügen',
    failed: 'Der Server konnte nicht hinzugefügt werden',
  },
  outcome: capAll(glossaries.de.outcome),
  card: {
    about: 'Auf {host} als {user}, am {time}',
    aboutNoUser: 'Auf {host}, am {time}',
    partial: '{n} von {total} Prüfungen ausgeführt. Führen Sie alle Prüfungen aus, um ein Ergebnis zu erhalten.',
    conditions: 'Eine Sicherung bringt diesen Server zum Hängen, wenn alle drei Bedingungen erfüllt sind:',
    conditionsLatent: 'Der Server ist gefährdet, sobald alle diese Bedingungen erfüllt sind:',
    present: 'Gefunden',
    absent: 'Ausgeschlossen',
    unknown: 'Unbekannt',
    others: 'Weitere Ergebnisse',
    errored:
      'Diese Prüfungen waren nicht eindeutig. Tun Sie, was ihre Ausgabe sagt (oft: als root ausführen), und führen Sie sie dann erneut aus:',
    why: 'Warum diese Lösung:',
    restored: 'Ergebnisse aus der Zeit vor dem Neuladen der Seite.',
  },
  factor: {
    'agent-channel': 'Kanal zum Gast-Agenten',
    'agent-running': 'Laufender Gast-Agent',
    'agent-enabled': 'Gast-Agent, der wieder starten kann',
    'agent-old': 'Agent älter als 10.0',
    'loop-tmp': '/tmp auf einem Loop-Device',
    'virtfs-users': 'Benutzer, die ein VirtFS bekommen können',
    'virtfs-mounts': 'Aktuelle VirtFS-Mounts',
    'freeze-order': 'Gefährliche Einfrier-Reihenfolge',
    'past-hang': 'Hänger oder Kernel Panic vor dem letzten Neustart',
    'panic-on-hang': 'Kernel Panic bei hängendem Task',
  },
  factorGroup: { 'agent-running+agent-enabled': 'Gast-Agent, der läuft oder wieder starten kann' },
  recommendWhy: {
    agent:
      'Sie beseitigt die erste Bedingung sofort, braucht keinen Neustart und lässt sich am schnellsten rückgängig machen. Bieten Ihre Paketquellen Agent 10.0 oder neuer an, bleiben die Sicherungen mit Lösung 4 dagegen konsistent.',
    shell: 'Sie beseitigt die VirtFS-Bind-Mounts, die der Agent in der falschen Reihenfolge einfriert.',
    securetmp: 'Sie holt /tmp vom Loop-Device, sodass keine Mount-Reihenfolge das Einfrieren in einen Deadlock führen kann.',
    upgrade: 'Ab Version 10.0 überspringt der Agent Bind-Mounts, und die Sicherungen bleiben konsistent.',
  },
  consequence: {
    agent: 'Für Sicherungen wird nichts mehr eingefroren: Sie sind nur noch absturzkonsistent.',
    shell: 'Benutzer mit Shell-Zugang sind nicht mehr eingesperrt, und VirtFS kann zurückkehren.',
    securetmp: '/tmp verliert seinen eigenen Speicherbereich und seine Mount-Einschränkungen; cPanel rät davon ab.',
    upgrade: 'Der neue Agent kommt aus den Paketquellen Ihrer Distribution.',
  },
  confirm: {
    target: 'Auf {host} als {user}',
    targetNoUser: 'Auf {host}',
    consequences: 'Worauf Sie verzichten',
    backupWindow: 'Außerhalb des Sicherungszeitfensters ausführen: nie, während eine Sicherung oder ein Snapshot dieses Servers läuft.',
    maintenanceWindow: 'Abgeschlossen wird die Änderung erst beim nächsten Neustart des Servers: Planen Sie ein Wartungsfenster ein.',
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
  localHost: 'este equipo',
  colon: ': ',
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
  restartHint:
    'El cambio está aplicado, pero solo surte efecto tras reiniciar el servidor. Reinícielo en la ventana de mantenimiento y no lo revierta.',
  paramRequired: 'Introduzca un valor.',
  paramInvalid: '«{value}» no es válido aquí.',
  atRisk: 'Este servidor está en riesgo: una copia de seguridad automática puede bloquearlo.',
  atRiskLatent:
    'Este servidor estará en riesgo en cuanto se monte VirtFS: basta un inicio de sesión, una entrega de correo o una tarea cron de un usuario con Jailed Shell o noshell para que una copia de seguridad automática lo bloquee.',
  notAtRisk: `${cap(glossaries.es.outcome['not-at-risk'])}: una copia de seguridad automática no debería bloquear este servidor.`,
  riskUnknown: `${cap(glossaries.es.outcome.undecided)}: algunas comprobaciones no fueron concluyentes. Revise las marcadas como «${glossaries.es.check.error}».`,
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
    intro:
      'Se guarda en el archivo de servidores del ejecutor (~/.config/runguide/hosts.json). El terminal se conecta con su propio ssh: se aplican sus claves, su agente y su known_hosts.',
    host: 'Nombre del servidor o dirección IP',
    user: 'Usuario (opcional)',
    port: 'Puerto (opcional)',
    submit: 'Añadir',
    failed: 'No se pudo añadir el servidor',
  },
  outcome: capAll(glossaries.es.outcome),
  card: {
    about: 'En {host}, como {user}, el {time}',
    aboutNoUser: 'En {host}, el {time}',
    partial: 'Comprobaciones ejecutadas: {n} de {total}. Ejecútelas todas para obtener el resultado.',
    conditions: 'Una copia de seguridad bloquea este servidor cuando se cumplen las tres condiciones:',
    conditionsLatent: 'Pasará a estar en riesgo en cuanto se cumplan todas estas condiciones:',
    present: 'Encontrado',
    absent: 'Descartado',
    unknown: 'Desconocido',
    others: 'Otros resultados',
    errored:
      'Estas comprobaciones no fueron concluyentes; haga lo que indique su salida (a menudo, ejecutarlas como root) y vuelva a ejecutarlas:',
    why: 'Por qué esta solución:',
    restored: 'Resultados conservados de antes de recargar la página.',
  },
  factor: {
    'agent-channel': 'Canal del agente invitado',
    'agent-running': 'Agente invitado en ejecución',
    'agent-enabled': 'Agente invitado que puede volver a iniciarse',
    'agent-old': 'Agente anterior a la versión 10.0',
    'loop-tmp': '/tmp en un dispositivo loop',
    'virtfs-users': 'Usuarios que pueden recibir VirtFS',
    'virtfs-mounts': 'Montajes VirtFS en este momento',
    'freeze-order': 'Orden de congelación peligroso',
    'past-hang': 'Bloqueo o kernel panic en el arranque anterior',
    'panic-on-hang': 'Kernel panic ante una tarea bloqueada',
  },
  factorGroup: { 'agent-running+agent-enabled': 'Agente invitado en ejecución o que puede volver a iniciarse' },
  recommendWhy: {
    agent:
      'Elimina de inmediato la primera condición, no requiere reinicio y es la más rápida de deshacer. Si sus repositorios ofrecen el agente 10.0 o posterior, la solución 4, en cambio, mantiene copias de seguridad coherentes.',
    shell: 'Elimina los montajes bind de VirtFS que el agente congela en el orden equivocado.',
    securetmp: 'Saca /tmp del dispositivo loop, así que ningún orden de montaje puede interbloquear la congelación.',
    upgrade: 'El agente 10.0 y posteriores omiten los montajes bind, y las copias de seguridad siguen siendo coherentes.',
  },
  consequence: {
    agent: 'Las copias de seguridad se hacen sin congelar: solo son crash-consistent.',
    shell: 'Los usuarios con acceso shell dejan de estar enjaulados, y VirtFS puede volver.',
    securetmp: '/tmp pierde su espacio propio y sus restricciones de montaje; cPanel no lo recomienda.',
    upgrade: 'El nuevo agente procede de los repositorios de su distribución.',
  },
  confirm: {
    target: 'En {host}, como {user}',
    targetNoUser: 'En {host}',
    consequences: 'A qué renuncia',
    backupWindow:
      'Ejecútelo fuera de la franja horaria de las copias de seguridad: nunca mientras haya en curso una copia de seguridad o una instantánea de este servidor.',
    maintenanceWindow: 'El cambio se completa en el próximo reinicio del servidor: prevea una ventana de mantenimiento.',
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
  localHost: 'questo computer',
  colon: ': ',
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
  restartHint:
    'La modifica è applicata, ma ha effetto solo dopo un riavvio del server. Riavvia il server nella finestra di manutenzione, senza annullarla.',
  paramRequired: 'Inserisci un valore.',
  paramInvalid: '«{value}» non è valido qui.',
  atRisk: 'Questo server è a rischio: un backup automatico può bloccarlo.',
  atRiskLatent:
    'Questo server sarà a rischio non appena VirtFS viene montato: basta un accesso, una consegna di posta o un job cron di un utente con Jailed Shell o noshell perché un backup automatico lo blocchi.',
  notAtRisk: `${cap(glossaries.it.outcome['not-at-risk'])}: un backup automatico non dovrebbe bloccare questo server.`,
  riskUnknown: `${cap(glossaries.it.outcome.undecided)}: alcuni controlli non sono stati conclusivi. Guarda quelli contrassegnati con «${glossaries.it.check.error}».`,
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
    intro:
      'Viene salvato nel file degli host dell’esecutore (~/.config/runguide/hosts.json). Il terminale si collega con il tuo ssh: valgono le tue chiavi, il tuo agent e il tuo known_hosts.',
    host: 'Nome host o indirizzo IP',
    user: 'Utente (facoltativo)',
    port: 'Porta (facoltativa)',
    submit: 'Aggiungi',
    failed: 'Impossibile aggiungere il server',
  },
  outcome: capAll(glossaries.it.outcome),
  card: {
    about: 'Su {host}, come {user}, {time}',
    aboutNoUser: 'Su {host}, {time}',
    partial: 'Controlli eseguiti: {n} su {total}. Eseguili tutti per ottenere l’esito.',
    conditions: 'Un backup blocca questo server quando si verificano tutte e tre le condizioni:',
    conditionsLatent: 'Sarà a rischio non appena si verificheranno tutte queste condizioni:',
    present: 'Rilevato',
    absent: 'Escluso',
    unknown: 'Sconosciuto',
    others: 'Altri risultati',
    errored: 'Questi controlli non sono stati conclusivi; fai ciò che indica il loro output (spesso: eseguirli come root), poi ripetili:',
    why: 'Perché questa correzione:',
    restored: 'Risultati conservati da prima del ricaricamento della pagina.',
  },
  factor: {
    'agent-channel': 'Canale dell’agente guest',
    'agent-running': 'Agente guest in esecuzione',
    'agent-enabled': 'Agente guest che può ripartire',
    'agent-old': 'Agente precedente alla versione 10.0',
    'loop-tmp': '/tmp su un dispositivo loop',
    'virtfs-users': 'Utenti che possono ricevere VirtFS',
    'virtfs-mounts': 'Mount VirtFS in questo momento',
    'freeze-order': 'Ordine di congelamento pericoloso',
    'past-hang': 'Blocco o kernel panic nell’avvio precedente',
    'panic-on-hang': 'Kernel panic in caso di task bloccato',
  },
  factorGroup: { 'agent-running+agent-enabled': 'Agente guest in esecuzione o che può ripartire' },
  recommendWhy: {
    agent:
      'Elimina subito la prima condizione, non richiede riavvii ed è la più rapida da annullare. Se i tuoi repository offrono l’agente 10.0 o successivo, la correzione 4 mantiene invece backup coerenti.',
    shell: 'Elimina i bind mount di VirtFS che l’agente congela nell’ordine sbagliato.',
    securetmp: 'Toglie /tmp dal dispositivo loop, così nessun ordine di montaggio può mandare in stallo il congelamento.',
    upgrade: 'Dalla versione 10.0 l’agente salta i bind mount, e i backup restano coerenti.',
  },
  consequence: {
    agent: 'I backup vengono eseguiti senza congelamento: sono solo crash-consistent.',
    shell: 'Gli utenti con accesso shell non sono più confinati, e VirtFS può tornare.',
    securetmp: '/tmp perde il suo spazio separato e le restrizioni di montaggio; cPanel lo sconsiglia.',
    upgrade: 'Il nuovo agente proviene dai repository della tua distribuzione.',
  },
  confirm: {
    target: 'Su {host}, come {user}',
    targetNoUser: 'Su {host}',
    consequences: 'A cosa rinunci',
    backupWindow: 'Eseguilo fuori dalla fascia oraria dei backup: mai mentre è in corso un backup o uno snapshot di questo server.',
    maintenanceWindow: 'La modifica si completa al prossimo riavvio del server: pianifica una finestra di manutenzione.',
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
  localHost: 'tym komputerze',
  colon: ': ',
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
  restartHint:
    'Zmiana została wprowadzona, ale zadziała dopiero po restarcie serwera. Uruchom go ponownie w oknie serwisowym i nie wycofuj zmiany.',
  paramRequired: 'Wpisz wartość.',
  paramInvalid: '„{value}” nie jest tu poprawną wartością.',
  atRisk: 'Ten serwer jest zagrożony: automatyczna kopia zapasowa może go zawiesić.',
  atRiskLatent:
    'Ten serwer będzie zagrożony, gdy tylko zostanie zamontowany VirtFS: wystarczy logowanie, dostarczenie poczty lub zadanie cron użytkownika z Jailed Shell lub noshell, aby automatyczna kopia zapasowa go zawiesiła.',
  notAtRisk: `${cap(glossaries.pl.outcome['not-at-risk'])}: automatyczna kopia zapasowa nie powinna zawiesić tego serwera.`,
  riskUnknown: `${cap(glossaries.pl.outcome.undecided)}: niektóre testy nie dały jednoznacznej odpowiedzi. Sprawdź testy oznaczone jako „${glossaries.pl.check.error}”.`,
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
    intro:
      'Zostanie zapisany w pliku hostów runnera (~/.config/runguide/hosts.json). Terminal łączy się przez Twój własny ssh: obowiązują Twoje klucze, agent i known_hosts.',
    host: 'Nazwa hosta lub adres IP',
    user: 'Użytkownik (opcjonalnie)',
    port: 'Port (opcjonalnie)',
    submit: 'Dodaj',
    failed: 'Nie udało się dodać serwera',
  },
  outcome: capAll(glossaries.pl.outcome),
  card: {
    about: 'Na {host} jako {user}, {time}',
    aboutNoUser: 'Na {host}, {time}',
    partial: 'Wykonane testy: {n} z {total}. Uruchom wszystkie testy, aby uzyskać wynik.',
    conditions: 'Kopia zapasowa zawiesi ten serwer, gdy spełnione są wszystkie trzy warunki:',
    conditionsLatent: 'Serwer będzie zagrożony, gdy tylko zostaną spełnione wszystkie te warunki:',
    present: 'Wykryto',
    absent: 'Wykluczono',
    unknown: 'Nie wiadomo',
    others: 'Pozostałe wyniki',
    errored:
      'Te testy nie dały jednoznacznej odpowiedzi. Zrób to, co wypisały (często trzeba uruchomić je jako root), a potem uruchom je ponownie:',
    why: 'Dlaczego ta poprawka:',
    restored: 'Wyniki zachowane sprzed ponownego wczytania strony.',
  },
  factor: {
    'agent-channel': 'Kanał agenta gościa',
    'agent-running': 'Działający agent gościa',
    'agent-enabled': 'Agent gościa, który może uruchomić się ponownie',
    'agent-old': 'Agent starszy niż 10.0',
    'loop-tmp': '/tmp na urządzeniu loop',
    'virtfs-users': 'Użytkownicy, którzy mogą otrzymać VirtFS',
    'virtfs-mounts': 'Obecne montowania VirtFS',
    'freeze-order': 'Niebezpieczna kolejność zamrażania',
    'past-hang': 'Zawieszenie lub kernel panic przed ostatnim restartem',
    'panic-on-hang': 'Kernel panic przy zawieszonym zadaniu',
  },
  factorGroup: { 'agent-running+agent-enabled': 'Agent gościa, który działa lub może uruchomić się ponownie' },
  recommendWhy: {
    agent:
      'Od razu usuwa pierwszy warunek, nie wymaga restartu i najszybciej można ją wycofać. Jeśli Twoje repozytoria oferują agenta w wersji 10.0 lub nowszej, poprawka 4 zachowa za to spójność kopii zapasowych.',
    shell: 'Usuwa montowania bind VirtFS, które agent zamraża w złej kolejności.',
    securetmp: 'Przenosi /tmp z urządzenia loop, więc żadna kolejność montowania nie doprowadzi do zakleszczenia przy zamrażaniu.',
    upgrade: 'Agent od wersji 10.0 pomija montowania bind, a kopie zapasowe pozostają spójne.',
  },
  consequence: {
    agent: 'Kopie zapasowe powstają bez zamrażania: są spójne tylko tak jak po awarii (crash-consistent).',
    shell: 'Użytkownicy z dostępem do powłoki nie są już izolowani, a VirtFS może wrócić.',
    securetmp: '/tmp traci wydzieloną przestrzeń i ograniczenia montowania; cPanel tego nie zaleca.',
    upgrade: 'Nowy agent pochodzi z repozytoriów Twojej dystrybucji.',
  },
  confirm: {
    target: 'Na {host} jako {user}',
    targetNoUser: 'Na {host}',
    consequences: 'Z czego rezygnujesz',
    backupWindow: 'Uruchom poza oknem tworzenia kopii zapasowych: nigdy w trakcie tworzenia kopii zapasowej lub migawki tego serwera.',
    maintenanceWindow: 'Zmiana zostanie dokończona dopiero przy najbliższym restarcie serwera: zaplanuj okno serwisowe.',
  },
};

export const terminalStrings: Record<Locale, TerminalStrings> = { en, 'pt-pt': ptPt, fr, de, es, it, pl };

/** The strings for a BCP 47 tag (`document.documentElement.lang`), English when unknown. */
export function terminalStringsFor(lang: string | undefined): TerminalStrings {
  return terminalStrings[localeOf(lang)];
}
