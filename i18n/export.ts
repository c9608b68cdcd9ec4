// Strings of the export feature, one dictionary per locale: the Export panel on the page, and the
// messages of the generated scripts and playbooks (which speak the language the user chose).
// `{name}` marks a value filled in by the generator or, in a script, at run time.
import type { FixId, Outcome } from '../core/schema.ts';
import type { Locale } from '../core/locales.ts';
import { cap, glossaries, upper, type Glossary } from '../core/glossary.ts';

export interface ExportStrings {
  /** The fixes' names: the glossary's, as the page's headings give them. */
  fixes: Record<FixId, string>;
  /** Between a label and what follows it: ": ", in French with a no-break space before the colon. */
  colon: string;
  /** Page: the Export control. */
  panel: {
    open: string;
    heading: string;
    format: string;
    formats: { sh: string; ansible: string };
    language: string;
    fix: string;
    diagnosis: string;
    distro: string;
    distroAnsible: string;
    rollback: string;
    params: string;
    download: string;
    close: string;
    ready: string;
  };
  /** Header comment of a script or playbook. */
  header: {
    diagnosis: string;
    fix: string;
    rollback: string;
    source: string;
    licence: string;
    generated: string;
    options: string;
    noqa: string;
  };
  /** The generated shell script. */
  sh: {
    usage: string;
    optDryRun: string;
    optYes: string;
    optHelp: string;
    exitDiagnosis: string;
    exitChange: string;
    /** Usage line of a script that has a step a restart completes (exit status 4). */
    exitRestart: string;
    unknownOption: string;
    /** The host's /etc/os-release names another family than the script's ({family}, {host}). */
    wrongDistro: string;
    /** How to export the script for the host's family ({command}: the full runguide command). */
    exportFor: string;
    /** The host's family is none runguide knows ({el}, {ubuntu}: the families' names). */
    unknownDistro: string;
    /** {host} when the host has no /etc/os-release. */
    noOsRelease: string;
    dryRun: string;
    needRoot: string;
    noSudo: string;
    noTty: string;
    step: string;
    verify: string;
    /** The verdict words of the script's report lines: the glossary's, in capitals. */
    pass: string;
    fail: string;
    error: string;
    passDefault: string;
    failDefault: string;
    errorDetail: string;
    commandFailed: string;
    changes: string;
    command: string;
    undo: string;
    noUndo: string;
    ask: string;
    /** Answers read as "yes" (extended regex on the reply). */
    yes: string;
    declined: string;
    stepFailed: string;
    undoApplied: string;
    nothingApplied: string;
    /** A verify failed on a step that a restart of the server completes (ifVerifyFails: 'restart'). */
    restartNeeded: string;
    restartAdvice: string;
    /** Heading of the undo commands when undoing is not the advice. */
    undoAnyway: string;
    fixDone: string;
    rollbackDone: string;
  };
  /** The diagnosis verdict, in scripts and playbooks. */
  verdict: {
    atRisk: string;
    /** At risk once VirtFS mounts (the runbook's `latent` rule). */
    atRiskLatent: string;
    notAtRisk: string;
    unknown: string;
    found: string;
    recommend: string;
  };
  /** The report of a diagnosis (HTML or Markdown): the page's download, the script's --report, the playbook's rg_report. */
  report: {
    heading: string;
    runbook: string;
    date: string;
    version: string;
    /** Says that secret-looking values were taken out. */
    redacted: string;
    /** Caption of the table of servers and their assessment. */
    hosts: string;
    host: string;
    assessment: string;
    /** Caption of a server's table of checks ({host}). */
    checksOn: string;
    check: string;
    result: string;
    command: string;
    output: string;
    noOutput: string;
    /** A check the page had not run when the report was made. */
    notRun: string;
    /** A server of a fleet run that could not be reached; the connection's own words follow. */
    notReached: string;
    exportFix: string;
    /** Page: the report's two downloads, and what the page says once one is done ({file}). */
    downloadHtml: string;
    downloadMd: string;
    downloaded: string;
    /** The diagnosis script's usage line ({script}) and its --report option. */
    usage: string;
    optReport: string;
    /** The script refuses --report without perl (which redacts), before running anything. */
    noPerl: string;
    /** --report's file name must end in .html or .md ({file}). */
    badFile: string;
    written: string;
    /** Playbook header: how to ask for the report. */
    playbook: string;
    /** Playbook tasks: the name check, and the report's writing. */
    checkFile: string;
    task: string;
  };
  /** The generated playbook. */
  ansible: {
    diagnosis: string;
    rollback: string;
    supported: string;
    unsupported: string;
    verify: string;
    undo: string;
    combine: string;
    decide: string;
    summary: string;
    /** The task that fails a host whose outcome is not "not at risk". */
    flag: string;
    failed: string;
    /** Task that shows the restart advice. */
    restart: string;
  };
}

const { en: gEn, 'pt-pt': gPt, fr: gFr, de: gDe, es: gEs, it: gIt, pl: gPl } = glossaries;

/** The verdict words of a script's report lines: "PASS", "ÉCHEC", "NON SUPERATO". */
function verdictWords(g: Glossary, locale: Locale): { pass: string; fail: string; error: string } {
  return { pass: upper(g.verdict.pass, locale), fail: upper(g.verdict.fail, locale), error: upper(g.verdict.error, locale) };
}

/** The at-risk answers as a script shouts them: "AT RISK", "AT RISK once VirtFS mounts". */
function atRisk(g: Glossary, locale: Locale): { now: string; latent: string } {
  const now = g.outcome['at-risk'];
  return { now: upper(now, locale), latent: upper(now, locale) + g.outcome['at-risk-latent'].slice(now.length) };
}

const en: ExportStrings = {
  fixes: gEn.fixes,
  colon: ': ',
  panel: {
    open: 'Export',
    heading: 'Export this runbook',
    format: 'Format',
    formats: { sh: 'Bash script', ansible: 'Ansible playbook' },
    language: 'Language',
    fix: 'What to export',
    diagnosis: 'Diagnosis only (changes nothing)',
    distro: 'Distribution',
    distroAnsible: 'The playbook picks the commands for each host from its facts.',
    rollback: 'Export the rollback of this fix instead',
    params: 'Parameters',
    download: 'Download',
    close: 'Close',
    ready: 'Downloaded {file}.',
  },
  header: {
    diagnosis: 'Diagnosis: read-only checks, safe on a production server.',
    fix: `${cap(gEn.fix)}: {fix}. This changes the system.`,
    rollback: 'Rollback of the fix: {fix}. This changes the system.',
    source: 'Adapted from',
    licence: 'Text licence',
    generated: 'Generated by runguide {version}; the code is MIT-licensed.',
    options: 'Export options',
    noqa: "Tasks marked noqa run the runbook's reviewed command as is (the text the guide shows) rather than an equivalent module.",
  },
  sh: {
    usage: 'Usage: {script} [--dry-run] [--yes] [--help]',
    optDryRun: '  --dry-run  print every command, in order, and run nothing',
    optYes: '  --yes      apply each change without asking first',
    optHelp: '  --help     show this help',
    exitDiagnosis:
      'Exit status: 0 not at risk, 1 at risk (now or once VirtFS mounts), 3 undecided (a check gave an error), 2 bad usage or wrong distribution.',
    exitChange: 'Exit status: 0 every step applied and verified, 1 a step failed or was declined, 2 bad usage or wrong distribution.',
    exitRestart: 'Exit status 4: a step is applied but takes effect only after a restart of the server.',
    unknownOption: 'Unknown option: {option}',
    wrongDistro:
      'This script was exported for {family}, but this host runs {host}. Its commands would give wrong answers here: nothing was run.',
    exportFor: 'Export the script for this host: {command}',
    unknownDistro: 'runguide supports only {el} (--distro el) and {ubuntu} (--distro ubuntu).',
    noOsRelease: 'an unknown system (no /etc/os-release)',
    dryRun: 'Dry run: these commands would run, in this order. Nothing is executed.',
    needRoot: 'Some steps need root: running this script again with sudo.',
    noSudo: 'Some steps need root and sudo is not available: run this script as root.',
    noTty:
      'This script changes the system and asks before each change, but there is no terminal to ask on. Run it in a terminal, or pass --yes to apply every step without asking. Nothing was changed.',
    step: 'Step {n}/{total}: {title}',
    verify: 'Checking the result…',
    ...verdictWords(gEn, 'en'),
    passDefault: 'As expected.',
    failDefault: `${gEn.check.fail}.`,
    errorDetail: 'Unexpected result (exit code {code}): this check could not decide.',
    commandFailed: 'The command failed (exit code {code}).',
    changes: 'This step changes the system.',
    command: 'Command:',
    undo: 'To undo it:',
    noUndo: 'This step has no rollback command.',
    ask: 'Apply this step? [y/N] ',
    yes: '^[yY]',
    declined: 'Not applied. Stopped before this step.',
    stepFailed: 'Step "{title}" ({id}) failed. Nothing after it was run.',
    undoApplied: 'To undo what was applied, run in this order:',
    nothingApplied: 'No change had been applied yet.',
    restartNeeded: 'Step "{title}" ({id}) is applied, but it takes effect only after a restart of the server. Nothing after it was run.',
    restartAdvice: 'Restart the server in the maintenance window. Do not roll back: the restart completes the change.',
    undoAnyway: 'If you still want to undo what was applied (not recommended), run in this order:',
    fixDone: 'Every step was applied and verified.',
    rollbackDone: 'The rollback is complete.',
  },
  verdict: {
    atRisk: `${atRisk(gEn, 'en').now}: this server can hang during an automatic backup.`,
    atRiskLatent: `${atRisk(gEn, 'en').latent}: a login, mail delivery or cron job of a user with Jailed Shell or noshell is enough for an automatic backup to hang this server.`,
    notAtRisk: `${cap(gEn.outcome['not-at-risk'])}: an automatic backup should not hang this server.`,
    unknown: `${cap(gEn.outcome.undecided)}: a check that the verdict depends on gave an error.`,
    found: 'Found:',
    recommend: 'Recommended fix:',
  },
  ansible: {
    diagnosis: 'Diagnosis',
    rollback: cap(gEn.rollback),
    supported: 'Check that the distribution is supported',
    unsupported: 'Only RedHat-family (AlmaLinux, CloudLinux, Rocky) and Debian-family (Ubuntu, Debian) hosts are supported.',
    verify: 'Verify: {title}',
    undo: `${cap(gEn.rollBack)}: {title}`,
    combine: "Combine the checks' verdicts",
    decide: 'Decide whether this server is at risk',
    summary: 'Summary: is this server at risk?',
    flag: 'Fail this server if it is at risk or undecided',
    failed: 'Step "{title}" ({id}) failed.',
    restart: 'A restart completes this change: do not roll back',
  },
  report: {
    heading: 'Diagnosis report',
    runbook: 'Runbook',
    date: 'Date',
    version: 'runguide version',
    redacted: 'Values that look like secrets (passwords, keys, tokens) are replaced by [redacted].',
    hosts: 'Servers and their assessment',
    host: 'Server',
    assessment: 'Assessment',
    checksOn: 'Checks on {host}',
    check: 'Check',
    result: 'Result',
    command: 'Command',
    output: 'Output',
    noOutput: 'The check printed nothing.',
    notRun: 'Not run',
    notReached: 'This server could not be reached, so none of its checks ran. What the connection reported:',
    exportFix: 'Export it as a script or as a playbook:',
    downloadHtml: 'Download the report (HTML)',
    downloadMd: 'Download the report (Markdown)',
    downloaded: 'Downloaded {file}.',
    usage: 'Usage: {script} [--dry-run] [--report FILE] [--help]',
    optReport:
      '  --report FILE  also write a report of the checks, their output and the verdict to FILE: HTML if it ends in .html, Markdown in .md; secrets are redacted',
    noPerl:
      'The report needs perl, which redacts secrets before anything is written: install perl, or run without --report. Nothing was run.',
    badFile: '{option} takes a file name ending in .html or .md, not: {file}',
    written: 'Report written to {file}.',
    playbook: 'For a report of all hosts, add -e rg_report=/path/to/report.html (or .md for Markdown); secrets are redacted.',
    checkFile: 'Check the report file name',
    task: 'Write the report of all hosts',
  },
};

const ptPt: ExportStrings = {
  fixes: gPt.fixes,
  colon: ': ',
  panel: {
    open: 'Exportar',
    heading: 'Exportar este guia',
    format: 'Formato',
    formats: { sh: 'Script Bash', ansible: 'Playbook Ansible' },
    language: 'Idioma',
    fix: 'O que exportar',
    diagnosis: 'Só o diagnóstico (não altera nada)',
    distro: 'Distribuição',
    distroAnsible: 'O playbook escolhe os comandos de cada servidor a partir dos seus factos.',
    rollback: 'Exportar a reversão desta correção, em vez da própria correção',
    params: 'Parâmetros',
    download: 'Transferir',
    close: 'Fechar',
    ready: '{file} transferido.',
  },
  header: {
    diagnosis: 'Diagnóstico: verificações só de leitura, seguras num servidor em produção.',
    fix: `${cap(gPt.fix)}: {fix}. Isto altera o sistema.`,
    rollback: 'Reversão da correção: {fix}. Isto altera o sistema.',
    source: 'Adaptado de',
    licence: 'Licença do texto',
    generated: 'Gerado pelo runguide {version}; o código está sob a licença MIT.',
    options: 'Opções de exportação',
    noqa: 'As tarefas marcadas com noqa executam o comando revisto do guia tal como está (o texto que o guia mostra), em vez de um módulo equivalente.',
  },
  sh: {
    usage: 'Utilização: {script} [--dry-run] [--yes] [--help]',
    optDryRun: '  --dry-run  mostra todos os comandos, por ordem, sem executar nenhum',
    optYes: '  --yes      aplica cada alteração sem perguntar antes',
    optHelp: '  --help     mostra esta ajuda',
    exitDiagnosis:
      'Código de saída: 0 sem risco, 1 em risco (já ou assim que o VirtFS for montado), 3 indeterminado (uma verificação deu erro), 2 utilização incorreta ou distribuição errada.',
    exitChange:
      'Código de saída: 0 todos os passos aplicados e verificados, 1 um passo falhou ou foi recusado, 2 utilização incorreta ou distribuição errada.',
    exitRestart: 'Código de saída 4: um passo foi aplicado, mas só produz efeito depois de reiniciar o servidor.',
    unknownOption: 'Opção desconhecida: {option}',
    wrongDistro:
      'Este script foi exportado para {family}, mas este servidor utiliza {host}. Os comandos dariam aqui respostas erradas: nada foi executado.',
    exportFor: 'Exporte o script para este servidor: {command}',
    unknownDistro: 'O runguide só suporta {el} (--distro el) e {ubuntu} (--distro ubuntu).',
    noOsRelease: 'um sistema desconhecido (sem /etc/os-release)',
    dryRun: 'Simulação: estes comandos seriam executados, por esta ordem. Nada é executado.',
    needRoot: 'Alguns passos precisam de root: a executar este script novamente com sudo.',
    noSudo: 'Alguns passos precisam de root e o sudo não está disponível: execute este script como root.',
    noTty:
      'Este script altera o sistema e pede confirmação antes de cada alteração, mas não há nenhum terminal onde perguntar. Execute-o num terminal ou use --yes para aplicar todos os passos sem perguntar. Nada foi alterado.',
    step: 'Passo {n}/{total}: {title}',
    verify: 'A verificar o resultado…',
    ...verdictWords(gPt, 'pt-pt'),
    passDefault: 'Como esperado.',
    failDefault: `${gPt.check.fail}.`,
    errorDetail: 'Resultado inesperado (código de saída {code}): esta verificação não permitiu concluir.',
    commandFailed: 'O comando falhou (código de saída {code}).',
    changes: 'Este passo altera o sistema.',
    command: 'Comando:',
    undo: 'Para o reverter:',
    noUndo: 'Este passo não tem comando de reversão.',
    ask: 'Aplicar este passo? [s/N] ',
    yes: '^[sSyY]',
    declined: 'Passo não aplicado: o script parou antes dele.',
    stepFailed: 'O passo «{title}» ({id}) falhou. Nada depois dele foi executado.',
    undoApplied: 'Para reverter o que foi aplicado, execute por esta ordem:',
    nothingApplied: 'Ainda não tinha sido aplicada nenhuma alteração.',
    restartNeeded:
      'O passo «{title}» ({id}) foi aplicado, mas só produz efeito depois de reiniciar o servidor. Nada depois dele foi executado.',
    restartAdvice: 'Reinicie o servidor na janela de manutenção. Não reverta: o reinício conclui a alteração.',
    undoAnyway: 'Se mesmo assim quiser reverter o que foi aplicado (não recomendado), execute por esta ordem:',
    fixDone: 'Todos os passos foram aplicados e verificados.',
    rollbackDone: 'A reversão está concluída.',
  },
  verdict: {
    atRisk: `${atRisk(gPt, 'pt-pt').now}: este servidor pode bloquear durante uma cópia de segurança automática.`,
    atRiskLatent: `${atRisk(gPt, 'pt-pt').latent}: basta um início de sessão, uma entrega de correio ou uma tarefa cron de um utilizador com Jailed Shell ou noshell para que uma cópia de segurança automática bloqueie este servidor.`,
    notAtRisk: `${cap(gPt.outcome['not-at-risk'])}: uma cópia de segurança automática não deverá bloquear este servidor.`,
    unknown: `${cap(gPt.outcome.undecided)}: uma verificação de que o veredicto depende deu erro.`,
    found: 'Encontrado:',
    recommend: 'Correção recomendada:',
  },
  ansible: {
    diagnosis: 'Diagnóstico',
    rollback: cap(gPt.rollback),
    supported: 'Verificar se a distribuição é suportada',
    unsupported: 'Só são suportados servidores da família RedHat (AlmaLinux, CloudLinux, Rocky) e da família Debian (Ubuntu, Debian).',
    verify: 'Verificar: {title}',
    undo: 'Reverter: {title}',
    combine: 'Combinar os resultados das verificações',
    decide: 'Decidir se este servidor está em risco',
    summary: 'Resumo: este servidor está em risco?',
    flag: 'Dar este servidor como falhado se estiver em risco ou indeterminado',
    failed: 'O passo «{title}» ({id}) falhou.',
    restart: 'O reinício conclui esta alteração: não reverter',
  },
  report: {
    heading: 'Relatório de diagnóstico',
    runbook: 'Guia',
    date: 'Data',
    version: 'Versão do runguide',
    redacted: 'Os valores que parecem segredos (palavras-passe, chaves, tokens) são substituídos por [redacted].',
    hosts: 'Servidores e a respetiva avaliação',
    host: 'Servidor',
    assessment: 'Avaliação',
    checksOn: 'Verificações em {host}',
    check: 'Verificação',
    result: 'Resultado',
    command: 'Comando',
    output: 'Saída',
    noOutput: 'A verificação não escreveu nada.',
    notRun: 'Não executada',
    notReached:
      'Não foi possível contactar este servidor, pelo que nenhuma das suas verificações foi executada. O que a ligação comunicou:',
    exportFix: 'Exporte-a como script ou como playbook:',
    downloadHtml: 'Transferir o relatório (HTML)',
    downloadMd: 'Transferir o relatório (Markdown)',
    downloaded: '{file} transferido.',
    usage: 'Utilização: {script} [--dry-run] [--report FICHEIRO] [--help]',
    optReport:
      '  --report FICHEIRO  escreve também um relatório das verificações, da sua saída e do veredicto em FICHEIRO: HTML se terminar em .html, Markdown em .md; os segredos são ocultados',
    noPerl:
      'O relatório precisa do perl, que oculta os segredos antes de qualquer escrita: instale o perl ou execute sem --report. Nada foi executado.',
    badFile: '{option} aceita um nome de ficheiro terminado em .html ou .md, e não: {file}',
    written: 'Relatório escrito em {file}.',
    playbook:
      'Para um relatório de todos os servidores, acrescente -e rg_report=/caminho/para/relatorio.html (ou .md para Markdown); os segredos são ocultados.',
    checkFile: 'Verificar o nome do ficheiro do relatório',
    task: 'Escrever o relatório de todos os servidores',
  },
};

const fr: ExportStrings = {
  fixes: gFr.fixes,
  colon: '\u00a0: ',
  panel: {
    open: 'Exporter',
    heading: 'Exporter ce guide',
    format: 'Format',
    formats: { sh: 'Script Bash', ansible: 'Playbook Ansible' },
    language: 'Langue',
    fix: 'Que faut-il exporter\u202f?',
    diagnosis: 'Diagnostic seul (ne modifie rien)',
    distro: 'Distribution',
    distroAnsible: 'Le playbook choisit les commandes de chaque hôte d’après ses facts.',
    rollback: `Exporter plutôt le ${gFr.rollback} de ce ${gFr.fix}`,
    params: 'Paramètres',
    download: 'Télécharger',
    close: 'Fermer',
    ready: '{file} téléchargé.',
  },
  header: {
    diagnosis: 'Diagnostic\u00a0: vérifications en lecture seule, sans danger sur un serveur en production.',
    fix: `${cap(gFr.fix)}\u00a0: {fix}. Ceci modifie le système.`,
    rollback: `${cap(gFr.rollback)} du ${gFr.fix}\u00a0: {fix}. Ceci modifie le système.`,
    source: 'Adapté de',
    licence: 'Licence du texte',
    generated: 'Généré par runguide {version}\u202f; le code est sous licence MIT.',
    options: 'Options d’export',
    noqa: 'Les tâches marquées noqa exécutent telle quelle la commande relue du guide (le texte qu’il affiche) plutôt qu’un module équivalent.',
  },
  sh: {
    usage: 'Utilisation\u00a0: {script} [--dry-run] [--yes] [--help]',
    optDryRun: '  --dry-run  affiche chaque commande, dans l’ordre, sans rien exécuter',
    optYes: '  --yes      applique chaque modification sans demander',
    optHelp: '  --help     affiche cette aide',
    exitDiagnosis:
      'Code de sortie\u00a0: 0 pas de risque, 1 à risque (dès maintenant ou dès que VirtFS sera monté), 3 indéterminé (une vérification a renvoyé une erreur), 2 mauvaise utilisation ou mauvaise distribution.',
    exitChange:
      'Code de sortie\u00a0: 0 toutes les étapes appliquées et vérifiées, 1 une étape a échoué ou a été refusée, 2 mauvaise utilisation ou mauvaise distribution.',
    exitRestart: 'Code de sortie 4\u00a0: une étape est appliquée, mais ne prend effet qu’après un redémarrage du serveur.',
    unknownOption: 'Option inconnue\u00a0: {option}',
    wrongDistro:
      'Ce script a été exporté pour {family}, mais cet hôte tourne sous {host}. Ses commandes y donneraient de mauvaises réponses\u00a0: rien n’a été exécuté.',
    exportFor: 'Exportez le script pour cet hôte\u00a0: {command}',
    unknownDistro: 'runguide ne prend en charge que {el} (--distro el) et {ubuntu} (--distro ubuntu).',
    noOsRelease: 'un système inconnu (pas de /etc/os-release)',
    dryRun: 'Simulation\u00a0: ces commandes seraient exécutées, dans cet ordre. Rien n’est exécuté.',
    needRoot: 'Certaines étapes exigent root\u00a0: nouvelle exécution de ce script avec sudo.',
    noSudo: 'Certaines étapes exigent root et sudo n’est pas disponible\u00a0: exécutez ce script en tant que root.',
    noTty:
      'Ce script modifie le système et demande confirmation avant chaque modification, mais aucun terminal ne permet de poser la question. Lancez-le dans un terminal, ou ajoutez --yes pour appliquer toutes les étapes sans confirmation. Rien n’a été modifié.',
    step: 'Étape {n}/{total}\u00a0: {title}',
    verify: 'Vérification du résultat…',
    ...verdictWords(gFr, 'fr'),
    passDefault: 'Comme prévu.',
    failDefault: `${gFr.check.fail}.`,
    errorDetail: 'Résultat inattendu (code de sortie {code})\u00a0: cette vérification ne permet pas de conclure.',
    commandFailed: 'La commande a échoué (code de sortie {code}).',
    changes: 'Cette étape modifie le système.',
    command: 'Commande\u00a0:',
    undo: 'Pour l’annuler\u00a0:',
    noUndo: `Cette étape n’a pas de commande de ${gFr.rollback}.`,
    ask: 'Appliquer cette étape\u202f? [o/N] ',
    yes: '^[oOyY]',
    declined: 'Non appliquée. Arrêt avant cette étape.',
    stepFailed: 'L’étape «\u00a0{title}\u00a0» ({id}) a échoué. Rien n’a été exécuté après elle.',
    undoApplied: 'Pour annuler ce qui a été appliqué, exécutez dans cet ordre\u00a0:',
    nothingApplied: 'Aucune modification n’avait encore été appliquée.',
    restartNeeded:
      'L’étape «\u00a0{title}\u00a0» ({id}) est appliquée, mais ne prend effet qu’après un redémarrage du serveur. Rien n’a été exécuté après elle.',
    restartAdvice:
      'Redémarrez le serveur pendant la fenêtre de maintenance. Ne revenez pas en arrière\u00a0: le redémarrage termine la modification.',
    undoAnyway: 'Si vous voulez tout de même annuler ce qui a été appliqué (déconseillé), exécutez dans cet ordre\u00a0:',
    fixDone: 'Toutes les étapes ont été appliquées et vérifiées.',
    rollbackDone: `Le ${gFr.rollback} est terminé.`,
  },
  verdict: {
    atRisk: `${atRisk(gFr, 'fr').now}\u00a0: ce serveur peut se bloquer pendant une sauvegarde automatique.`,
    atRiskLatent: `${atRisk(gFr, 'fr').latent}\u00a0: une connexion, une livraison de courrier ou une tâche cron d’un utilisateur en Jailed Shell ou noshell suffit pour qu’une sauvegarde automatique bloque ce serveur.`,
    notAtRisk: `${cap(gFr.outcome['not-at-risk'])}\u00a0: une sauvegarde automatique ne devrait pas bloquer ce serveur.`,
    unknown: `${cap(gFr.outcome.undecided)}\u00a0: une vérification dont dépend le verdict a renvoyé une erreur.`,
    found: 'Détecté\u00a0:',
    recommend: 'Correctif recommandé\u00a0:',
  },
  ansible: {
    diagnosis: 'Diagnostic',
    rollback: cap(gFr.rollback),
    supported: 'Vérifier que la distribution est prise en charge',
    unsupported:
      'Seuls les hôtes de la famille RedHat (AlmaLinux, CloudLinux, Rocky) et de la famille Debian (Ubuntu, Debian) sont pris en charge.',
    verify: 'Vérifier\u00a0: {title}',
    undo: `${cap(gFr.rollBack)}\u00a0: {title}`,
    combine: 'Combiner les résultats des vérifications',
    decide: 'Déterminer si ce serveur est à risque',
    summary: 'Bilan\u00a0: ce serveur est-il à risque\u202f?',
    flag: 'Faire échouer ce serveur s’il est à risque ou indéterminé',
    failed: 'L’étape «\u00a0{title}\u00a0» ({id}) a échoué.',
    restart: 'Un redémarrage termine cette modification\u00a0: ne pas revenir en arrière',
  },
  report: {
    heading: 'Rapport de diagnostic',
    runbook: 'Guide',
    date: 'Date',
    version: 'Version de runguide',
    redacted: 'Les valeurs qui ressemblent à des secrets (mots de passe, clés, jetons) sont remplacées par [redacted].',
    hosts: 'Serveurs et leur évaluation',
    host: 'Serveur',
    assessment: 'Évaluation',
    checksOn: 'Vérifications sur {host}',
    check: 'Vérification',
    result: 'Résultat',
    command: 'Commande',
    output: 'Sortie',
    noOutput: 'La vérification n’a rien affiché.',
    notRun: 'Non exécutée',
    notReached: 'Ce serveur n’a pas pu être joint\u00a0: aucune de ses vérifications n’a été exécutée. Ce qu’a signalé la connexion\u00a0:',
    exportFix: 'L’exporter en script ou en playbook\u00a0:',
    downloadHtml: 'Télécharger le rapport (HTML)',
    downloadMd: 'Télécharger le rapport (Markdown)',
    downloaded: '{file} téléchargé.',
    usage: 'Utilisation\u00a0: {script} [--dry-run] [--report FICHIER] [--help]',
    optReport:
      '  --report FICHIER  écrit aussi un rapport des vérifications, de leur sortie et du verdict dans FICHIER\u00a0: en HTML s’il se termine par .html, en Markdown par .md\u00a0; les secrets sont masqués',
    noPerl:
      'Le rapport a besoin de perl, qui masque les secrets avant toute écriture\u00a0: installez perl, ou lancez sans --report. Rien n’a été exécuté.',
    badFile: '{option} attend un nom de fichier terminé par .html ou .md, pas\u00a0: {file}',
    written: 'Rapport écrit dans {file}.',
    playbook:
      'Pour un rapport de tous les hôtes, ajoutez -e rg_report=/chemin/vers/rapport.html (ou .md pour du Markdown)\u00a0; les secrets sont masqués.',
    checkFile: 'Vérifier le nom du fichier du rapport',
    task: 'Écrire le rapport de tous les hôtes',
  },
};

const de: ExportStrings = {
  fixes: gDe.fixes,
  colon: ': ',
  panel: {
    open: 'Exportieren',
    heading: 'Dieses Runbook exportieren',
    format: 'Format',
    formats: { sh: 'Bash-Skript', ansible: 'Ansible-Playbook' },
    language: 'Sprache',
    fix: 'Was exportieren?',
    diagnosis: 'Nur Diagnose (ändert nichts)',
    distro: 'Distribution',
    distroAnsible: 'Das Playbook wählt die Befehle für jeden Host anhand seiner Facts.',
    rollback: `Stattdessen die ${gDe.rollback} dieser ${gDe.fix} exportieren`,
    params: 'Parameter',
    download: 'Herunterladen',
    close: 'Schließen',
    ready: '{file} heruntergeladen.',
  },
  header: {
    diagnosis: 'Diagnose: nur lesende Prüfungen, auf einem Produktionsserver unbedenklich.',
    fix: `${gDe.fix}: {fix}. Dies ändert das System.`,
    rollback: `${gDe.rollback} der ${gDe.fix}: {fix}. Dies ändert das System.`,
    source: 'Bearbeitet nach',
    licence: 'Lizenz des Textes',
    generated: 'Erzeugt von runguide {version}; der Code steht unter der MIT-Lizenz.',
    options: 'Exportoptionen',
    noqa: 'Mit noqa markierte Aufgaben führen den geprüften Befehl des Runbooks unverändert aus (den Text, den die Anleitung zeigt), statt eines gleichwertigen Moduls.',
  },
  sh: {
    usage: 'Aufruf: {script} [--dry-run] [--yes] [--help]',
    optDryRun: '  --dry-run  zeigt alle Befehle der Reihe nach an und führt nichts aus',
    optYes: '  --yes      wendet jede Änderung ohne Rückfrage an',
    optHelp: '  --help     zeigt diese Hilfe',
    exitDiagnosis:
      'Exit-Status: 0 kein Risiko, 1 gefährdet (jetzt oder sobald VirtFS eingehängt wird), 3 unentschieden (eine Prüfung ergab einen Fehler), 2 falscher Aufruf oder falsche Distribution.',
    exitChange:
      'Exit-Status: 0 alle Schritte angewendet und überprüft, 1 ein Schritt ist fehlgeschlagen oder wurde abgelehnt, 2 falscher Aufruf oder falsche Distribution.',
    exitRestart: 'Exit-Status 4: ein Schritt ist angewendet, wirkt aber erst nach einem Neustart des Servers.',
    unknownOption: 'Unbekannte Option: {option}',
    wrongDistro:
      'Dieses Skript wurde für {family} exportiert, aber auf diesem Host läuft {host}. Seine Befehle würden hier falsche Ergebnisse liefern: Es wurde nichts ausgeführt.',
    exportFor: 'Exportieren Sie das Skript für diesen Host: {command}',
    unknownDistro: 'runguide unterstützt nur {el} (--distro el) und {ubuntu} (--distro ubuntu).',
    noOsRelease: 'ein unbekanntes System (ohne /etc/os-release)',
    dryRun: 'Probelauf: Diese Befehle würden in dieser Reihenfolge ausgeführt. Es wird nichts ausgeführt.',
    needRoot: 'Einige Schritte brauchen root-Rechte: Das Skript wird mit sudo erneut gestartet.',
    noSudo: 'Einige Schritte brauchen root-Rechte, und sudo ist nicht verfügbar: Führen Sie dieses Skript als root aus.',
    noTty:
      'Dieses Skript ändert das System und fragt vor jeder Änderung nach, aber es gibt kein Terminal für die Rückfrage. Starten Sie es in einem Terminal oder geben Sie --yes an, um alle Schritte ohne Rückfrage anzuwenden. Es wurde nichts geändert.',
    step: 'Schritt {n}/{total}: {title}',
    verify: 'Ergebnis wird überprüft …',
    ...verdictWords(gDe, 'de'),
    passDefault: 'Wie erwartet.',
    failDefault: `${gDe.check.fail}.`,
    errorDetail: 'Unerwartetes Ergebnis (Exit-Code {code}): Diese Prüfung ist nicht eindeutig.',
    commandFailed: 'Der Befehl ist fehlgeschlagen (Exit-Code {code}).',
    changes: 'Dieser Schritt ändert das System.',
    command: 'Befehl:',
    undo: 'Rückgängig machen mit:',
    noUndo: `Für diesen Schritt gibt es keinen Befehl zur ${gDe.rollback}.`,
    ask: 'Diesen Schritt anwenden? [j/N] ',
    yes: '^[jJyY]',
    declined: 'Nicht angewendet. Vor diesem Schritt angehalten.',
    stepFailed: 'Schritt „{title}“ ({id}) ist fehlgeschlagen. Danach wurde nichts mehr ausgeführt.',
    undoApplied: 'Um das Angewendete rückgängig zu machen, führen Sie der Reihe nach aus:',
    nothingApplied: 'Es war noch keine Änderung angewendet worden.',
    restartNeeded:
      'Schritt „{title}“ ({id}) ist angewendet, wirkt aber erst nach einem Neustart des Servers. Danach wurde nichts mehr ausgeführt.',
    restartAdvice: 'Starten Sie den Server im Wartungsfenster neu. Machen Sie nichts rückgängig: Der Neustart schließt die Änderung ab.',
    undoAnyway: 'Wenn Sie das Angewendete trotzdem rückgängig machen wollen (nicht empfohlen), führen Sie der Reihe nach aus:',
    fixDone: 'Alle Schritte wurden angewendet und überprüft.',
    rollbackDone: `Die ${gDe.rollback} ist abgeschlossen.`,
  },
  verdict: {
    atRisk: `${atRisk(gDe, 'de').now}: Dieser Server kann während einer automatischen Sicherung hängen bleiben.`,
    atRiskLatent: `${atRisk(gDe, 'de').latent}: Eine Anmeldung, eine E-Mail-Zustellung oder ein Cron-Job eines Benutzers mit Jailed Shell oder noshell genügt, damit eine automatische Sicherung diesen Server zum Hängen bringt.`,
    notAtRisk: `${cap(gDe.outcome['not-at-risk'])}: Eine automatische Sicherung sollte diesen Server nicht zum Hängen bringen.`,
    unknown: `${cap(gDe.outcome.undecided)}: Eine Prüfung, von der das Ergebnis abhängt, ergab einen Fehler.`,
    found: 'Gefunden:',
    recommend: `Empfohlene ${gDe.fix}:`,
  },
  ansible: {
    diagnosis: 'Diagnose',
    rollback: cap(gDe.rollback),
    supported: 'Prüfen, ob die Distribution unterstützt wird',
    unsupported: 'Unterstützt werden nur Hosts der RedHat-Familie (AlmaLinux, CloudLinux, Rocky) und der Debian-Familie (Ubuntu, Debian).',
    verify: 'Überprüfen: {title}',
    undo: 'Rückgängig machen: {title}',
    combine: 'Ergebnisse der Prüfungen zusammenfassen',
    decide: 'Entscheiden, ob dieser Server gefährdet ist',
    summary: 'Zusammenfassung: Ist dieser Server gefährdet?',
    flag: 'Diesen Server als fehlgeschlagen markieren, wenn er gefährdet oder unentschieden ist',
    failed: 'Schritt „{title}“ ({id}) ist fehlgeschlagen.',
    restart: `Ein Neustart schließt diese Änderung ab: nichts ${gDe.rollBack}`,
  },
  report: {
    heading: 'Diagnosebericht',
    runbook: 'Runbook',
    date: 'Datum',
    version: 'runguide-Version',
    redacted: 'Werte, die wie Geheimnisse aussehen (Passwörter, Schlüssel, Tokens), sind durch [redacted] ersetzt.',
    hosts: 'Server und ihre Bewertung',
    host: 'Server',
    assessment: 'Bewertung',
    checksOn: 'Prüfungen auf {host}',
    check: 'Prüfung',
    result: 'Ergebnis',
    command: 'Befehl',
    output: 'Ausgabe',
    noOutput: 'Die Prüfung hat nichts ausgegeben.',
    notRun: 'Nicht ausgeführt',
    notReached: 'Dieser Server war nicht erreichbar, daher wurde keine seiner Prüfungen ausgeführt. Meldung der Verbindung:',
    exportFix: 'Als Skript oder als Playbook exportieren:',
    downloadHtml: 'Bericht herunterladen (HTML)',
    downloadMd: 'Bericht herunterladen (Markdown)',
    downloaded: '{file} heruntergeladen.',
    usage: 'Aufruf: {script} [--dry-run] [--report DATEI] [--help]',
    optReport:
      '  --report DATEI  schreibt zusätzlich einen Bericht mit den Prüfungen, ihrer Ausgabe und dem Ergebnis nach DATEI: HTML bei der Endung .html, Markdown bei .md; Geheimnisse werden unkenntlich gemacht',
    noPerl:
      'Der Bericht braucht perl, das Geheimnisse unkenntlich macht, bevor etwas geschrieben wird: Installieren Sie perl oder starten Sie ohne --report. Es wurde nichts ausgeführt.',
    badFile: '{option} erwartet einen Dateinamen mit der Endung .html oder .md, nicht: {file}',
    written: 'Bericht geschrieben: {file}.',
    playbook:
      'Für einen Bericht über alle Hosts ergänzen Sie -e rg_report=/pfad/zum/bericht.html (oder .md für Markdown); Geheimnisse werden unkenntlich gemacht.',
    checkFile: 'Dateinamen des Berichts prüfen',
    task: 'Bericht über alle Hosts schreiben',
  },
};

const es: ExportStrings = {
  fixes: gEs.fixes,
  colon: ': ',
  panel: {
    open: 'Exportar',
    heading: 'Exportar esta guía',
    format: 'Formato',
    formats: { sh: 'Script de Bash', ansible: 'Playbook de Ansible' },
    language: 'Idioma',
    fix: 'Qué exportar',
    diagnosis: 'Solo el diagnóstico (no cambia nada)',
    distro: 'Distribución',
    distroAnsible: 'El playbook elige los comandos de cada host a partir de sus facts.',
    rollback: `Exportar en su lugar la ${gEs.rollback} de esta ${gEs.fix}`,
    params: 'Parámetros',
    download: 'Descargar',
    close: 'Cerrar',
    ready: '{file} descargado.',
  },
  header: {
    diagnosis: 'Diagnóstico: comprobaciones de solo lectura, seguras en un servidor en producción.',
    fix: `${cap(gEs.fix)}: {fix}. Esto modifica el sistema.`,
    rollback: `${cap(gEs.rollback)} de la ${gEs.fix}: {fix}. Esto modifica el sistema.`,
    source: 'Adaptado de',
    licence: 'Licencia del texto',
    generated: 'Generado por runguide {version}; el código tiene licencia MIT.',
    options: 'Opciones de exportación',
    noqa: 'Las tareas marcadas con noqa ejecutan tal cual el comando revisado de la guía (el texto que muestra) en lugar de un módulo equivalente.',
  },
  sh: {
    usage: 'Uso: {script} [--dry-run] [--yes] [--help]',
    optDryRun: '  --dry-run  muestra todos los comandos, en orden, sin ejecutar ninguno',
    optYes: '  --yes      aplica cada cambio sin preguntar antes',
    optHelp: '  --help     muestra esta ayuda',
    exitDiagnosis:
      'Código de salida: 0 sin riesgo, 1 en riesgo (ya o en cuanto se monte VirtFS), 3 sin decidir (una comprobación dio error), 2 uso incorrecto o distribución equivocada.',
    exitChange:
      'Código de salida: 0 todos los pasos aplicados y verificados, 1 un paso falló o fue rechazado, 2 uso incorrecto o distribución equivocada.',
    exitRestart: 'Código de salida 4: un paso está aplicado, pero solo surte efecto tras reiniciar el servidor.',
    unknownOption: 'Opción desconocida: {option}',
    wrongDistro:
      'Este script se exportó para {family}, pero este host usa {host}. Sus comandos darían aquí resultados erróneos: no se ha ejecutado nada.',
    exportFor: 'Exporte el script para este host: {command}',
    unknownDistro: 'runguide solo es compatible con {el} (--distro el) y {ubuntu} (--distro ubuntu).',
    noOsRelease: 'un sistema desconocido (sin /etc/os-release)',
    dryRun: 'Simulación: estos comandos se ejecutarían, en este orden. No se ejecuta nada.',
    needRoot: 'Algunos pasos requieren root: se vuelve a ejecutar este script con sudo.',
    noSudo: 'Algunos pasos requieren root y sudo no está disponible: ejecute este script como root.',
    noTty:
      'Este script modifica el sistema y pide confirmación antes de cada cambio, pero no hay ningún terminal en el que preguntar. Ejecútelo en un terminal o añada --yes para aplicar todos los pasos sin preguntar. No se ha cambiado nada.',
    step: 'Paso {n}/{total}: {title}',
    verify: 'Verificando el resultado…',
    ...verdictWords(gEs, 'es'),
    passDefault: 'Como se esperaba.',
    failDefault: `${gEs.check.fail}.`,
    errorDetail: 'Resultado inesperado (código de salida {code}): esta comprobación no permite concluir.',
    commandFailed: 'El comando ha fallado (código de salida {code}).',
    changes: 'Este paso modifica el sistema.',
    command: 'Comando:',
    undo: 'Para deshacerlo:',
    noUndo: 'Este paso no tiene comando de reversión.',
    ask: '¿Aplicar este paso? [s/N] ',
    yes: '^[sSyY]',
    declined: 'No aplicado. Detenido antes de este paso.',
    stepFailed: 'El paso «{title}» ({id}) ha fallado. No se ha ejecutado nada después.',
    undoApplied: 'Para deshacer lo aplicado, ejecute en este orden:',
    nothingApplied: 'Todavía no se había aplicado ningún cambio.',
    restartNeeded:
      'El paso «{title}» ({id}) está aplicado, pero solo surte efecto tras reiniciar el servidor. No se ha ejecutado nada después.',
    restartAdvice: 'Reinicie el servidor en la ventana de mantenimiento. No revierta nada: el reinicio completa el cambio.',
    undoAnyway: 'Si aun así quiere deshacer lo aplicado (no recomendado), ejecute en este orden:',
    fixDone: 'Todos los pasos se han aplicado y verificado.',
    rollbackDone: 'La reversión ha terminado.',
  },
  verdict: {
    atRisk: `${atRisk(gEs, 'es').now}: este servidor puede bloquearse durante una copia de seguridad automática.`,
    atRiskLatent: `${atRisk(gEs, 'es').latent}: basta un inicio de sesión, una entrega de correo o una tarea cron de un usuario con Jailed Shell o noshell para que una copia de seguridad automática bloquee este servidor.`,
    notAtRisk: `${cap(gEs.outcome['not-at-risk'])}: una copia de seguridad automática no debería bloquear este servidor.`,
    unknown: `${cap(gEs.outcome.undecided)}: una comprobación de la que depende el veredicto ha dado error.`,
    found: 'Encontrado:',
    recommend: `${cap(gEs.fix)} recomendada:`,
  },
  ansible: {
    diagnosis: 'Diagnóstico',
    rollback: cap(gEs.rollback),
    supported: 'Comprobar que la distribución es compatible',
    unsupported:
      'Solo son compatibles los hosts de la familia RedHat (AlmaLinux, CloudLinux, Rocky) y de la familia Debian (Ubuntu, Debian).',
    verify: 'Verificar: {title}',
    undo: `${cap(gEs.rollBack)}: {title}`,
    combine: 'Combinar los resultados de las comprobaciones',
    decide: 'Decidir si este servidor está en riesgo',
    summary: 'Resumen: ¿está este servidor en riesgo?',
    flag: 'Marcar este servidor como fallido si está en riesgo o sin decidir',
    failed: 'El paso «{title}» ({id}) ha fallado.',
    restart: 'Un reinicio completa este cambio: no revertir',
  },
  report: {
    heading: 'Informe de diagnóstico',
    runbook: 'Guía',
    date: 'Fecha',
    version: 'Versión de runguide',
    redacted: 'Los valores que parecen secretos (contraseñas, claves, tokens) se sustituyen por [redacted].',
    hosts: 'Servidores y su evaluación',
    host: 'Servidor',
    assessment: 'Evaluación',
    checksOn: 'Comprobaciones en {host}',
    check: 'Comprobación',
    result: 'Resultado',
    command: 'Comando',
    output: 'Salida',
    noOutput: 'La comprobación no mostró nada.',
    notRun: 'No ejecutada',
    notReached:
      'No se ha podido acceder a este servidor, así que no se ha ejecutado ninguna de sus comprobaciones. Lo que indicó la conexión:',
    exportFix: 'Expórtela como script o como playbook:',
    downloadHtml: 'Descargar el informe (HTML)',
    downloadMd: 'Descargar el informe (Markdown)',
    downloaded: '{file} descargado.',
    usage: 'Uso: {script} [--dry-run] [--report ARCHIVO] [--help]',
    optReport:
      '  --report ARCHIVO  escribe además un informe de las comprobaciones, su salida y el veredicto en ARCHIVO: HTML si termina en .html, Markdown si termina en .md; los secretos se ocultan',
    noPerl:
      'El informe necesita perl, que oculta los secretos antes de escribir nada: instale perl o ejecute sin --report. No se ha ejecutado nada.',
    badFile: '{option} espera un nombre de archivo terminado en .html o .md, no: {file}',
    written: 'Informe escrito en {file}.',
    playbook:
      'Para un informe de todos los hosts, añada -e rg_report=/ruta/al/informe.html (o .md para Markdown); los secretos se ocultan.',
    checkFile: 'Comprobar el nombre del archivo del informe',
    task: 'Escribir el informe de todos los hosts',
  },
};

const it: ExportStrings = {
  fixes: gIt.fixes,
  colon: ': ',
  panel: {
    open: 'Esporta',
    heading: 'Esporta questa guida',
    format: 'Formato',
    formats: { sh: 'Script Bash', ansible: 'Playbook Ansible' },
    language: 'Lingua',
    fix: 'Cosa esportare',
    diagnosis: 'Solo diagnosi (non modifica nulla)',
    distro: 'Distribuzione',
    distroAnsible: 'Il playbook sceglie i comandi di ogni host in base ai suoi facts.',
    rollback: `Esporta invece l’${gIt.rollback} di questa ${gIt.fix}`,
    params: 'Parametri',
    download: 'Scarica',
    close: 'Chiudi',
    ready: '{file} scaricato.',
  },
  header: {
    diagnosis: 'Diagnosi: controlli in sola lettura, sicuri su un server in produzione.',
    fix: `${cap(gIt.fix)}: {fix}. Modifica il sistema.`,
    rollback: `${cap(gIt.rollback)} della ${gIt.fix}: {fix}. Modifica il sistema.`,
    source: 'Adattato da',
    licence: 'Licenza del testo',
    generated: 'Generato da runguide {version}; il codice è distribuito con licenza MIT.',
    options: 'Opzioni di esportazione',
    noqa: 'Le attività contrassegnate con noqa eseguono così com’è il comando verificato della guida (il testo che mostra) anziché un modulo equivalente.',
  },
  sh: {
    usage: 'Uso: {script} [--dry-run] [--yes] [--help]',
    optDryRun: '  --dry-run  mostra ogni comando, in ordine, senza eseguire nulla',
    optYes: '  --yes      applica ogni modifica senza chiedere conferma',
    optHelp: '  --help     mostra questo aiuto',
    exitDiagnosis:
      'Codice di uscita: 0 non a rischio, 1 a rischio (ora o non appena VirtFS viene montato), 3 indeciso (un controllo ha dato errore), 2 uso errato o distribuzione sbagliata.',
    exitChange:
      'Codice di uscita: 0 tutti i passaggi applicati e verificati, 1 un passaggio non è riuscito o è stato rifiutato, 2 uso errato o distribuzione sbagliata.',
    exitRestart: 'Codice di uscita 4: un passaggio è applicato, ma ha effetto solo dopo un riavvio del server.',
    unknownOption: 'Opzione sconosciuta: {option}',
    wrongDistro:
      'Questo script è stato esportato per {family}, ma su questo host gira {host}. Qui i suoi comandi darebbero risultati sbagliati: non è stato eseguito nulla.',
    exportFor: 'Esporta lo script per questo host: {command}',
    unknownDistro: 'runguide supporta solo {el} (--distro el) e {ubuntu} (--distro ubuntu).',
    noOsRelease: 'un sistema sconosciuto (senza /etc/os-release)',
    dryRun: 'Simulazione: questi comandi verrebbero eseguiti, in quest’ordine. Non viene eseguito nulla.',
    needRoot: 'Alcuni passaggi richiedono root: lo script viene rieseguito con sudo.',
    noSudo: 'Alcuni passaggi richiedono root e sudo non è disponibile: esegui questo script come root.',
    noTty:
      'Questo script modifica il sistema e chiede conferma prima di ogni modifica, ma non c’è un terminale su cui chiederla. Eseguilo in un terminale oppure aggiungi --yes per applicare tutti i passaggi senza conferma. Non è stato modificato nulla.',
    step: 'Passaggio {n}/{total}: {title}',
    verify: 'Verifica del risultato…',
    ...verdictWords(gIt, 'it'),
    passDefault: 'Come previsto.',
    failDefault: `${gIt.check.fail}.`,
    errorDetail: 'Risultato inatteso (codice di uscita {code}): questo controllo non permette di concludere.',
    commandFailed: 'Il comando non è riuscito (codice di uscita {code}).',
    changes: 'Questo passaggio modifica il sistema.',
    command: 'Comando:',
    undo: 'Per annullarlo:',
    noUndo: `Questo passaggio non ha un comando di ${gIt.rollback}.`,
    ask: 'Applicare questo passaggio? [s/N] ',
    yes: '^[sSyY]',
    declined: 'Non applicato. Interrotto prima di questo passaggio.',
    stepFailed: 'Il passaggio «{title}» ({id}) non è riuscito. Dopo di esso non è stato eseguito nulla.',
    undoApplied: 'Per annullare ciò che è stato applicato, esegui in quest’ordine:',
    nothingApplied: 'Non era ancora stata applicata alcuna modifica.',
    restartNeeded:
      'Il passaggio «{title}» ({id}) è applicato, ma ha effetto solo dopo un riavvio del server. Dopo di esso non è stato eseguito nulla.',
    restartAdvice: 'Riavvia il server nella finestra di manutenzione. Non annullare nulla: il riavvio completa la modifica.',
    undoAnyway: 'Se vuoi comunque annullare ciò che è stato applicato (sconsigliato), esegui in quest’ordine:',
    fixDone: 'Tutti i passaggi sono stati applicati e verificati.',
    rollbackDone: `L’${gIt.rollback} è completato.`,
  },
  verdict: {
    atRisk: `${atRisk(gIt, 'it').now}: questo server può bloccarsi durante un backup automatico.`,
    atRiskLatent: `${atRisk(gIt, 'it').latent}: basta un accesso, una consegna di posta o un job cron di un utente con Jailed Shell o noshell perché un backup automatico blocchi questo server.`,
    notAtRisk: `${cap(gIt.outcome['not-at-risk'])}: un backup automatico non dovrebbe bloccare questo server.`,
    unknown: `${cap(gIt.outcome.undecided)}: un controllo da cui dipende il verdetto ha dato errore.`,
    found: 'Rilevato:',
    recommend: 'Correzione consigliata:',
  },
  ansible: {
    diagnosis: 'Diagnosi',
    rollback: cap(gIt.rollback),
    supported: 'Verificare che la distribuzione sia supportata',
    unsupported: 'Sono supportati solo host della famiglia RedHat (AlmaLinux, CloudLinux, Rocky) e della famiglia Debian (Ubuntu, Debian).',
    verify: 'Verificare: {title}',
    undo: 'Annullare: {title}',
    combine: 'Combinare i risultati dei controlli',
    decide: 'Stabilire se questo server è a rischio',
    summary: 'Riepilogo: questo server è a rischio?',
    flag: 'Segnare questo server come fallito se è a rischio o indeciso',
    failed: 'Il passaggio «{title}» ({id}) non è riuscito.',
    restart: 'Un riavvio completa questa modifica: non annullare nulla',
  },
  report: {
    heading: 'Rapporto di diagnosi',
    runbook: 'Guida',
    date: 'Data',
    version: 'Versione di runguide',
    redacted: 'I valori che sembrano segreti (password, chiavi, token) sono sostituiti da [redacted].',
    hosts: 'Server e relativa valutazione',
    host: 'Server',
    assessment: 'Valutazione',
    checksOn: 'Controlli su {host}',
    check: 'Controllo',
    result: 'Risultato',
    command: 'Comando',
    output: 'Output',
    noOutput: 'Il controllo non ha stampato nulla.',
    notRun: 'Non eseguito',
    notReached:
      'Questo server non è raggiungibile, quindi nessuno dei suoi controlli è stato eseguito. Ciò che ha riportato la connessione:',
    exportFix: 'Esportala come script o come playbook:',
    downloadHtml: 'Scarica il rapporto (HTML)',
    downloadMd: 'Scarica il rapporto (Markdown)',
    downloaded: '{file} scaricato.',
    usage: 'Uso: {script} [--dry-run] [--report FILE] [--help]',
    optReport:
      '  --report FILE  scrive anche un rapporto dei controlli, del loro output e del verdetto in FILE: HTML se termina in .html, Markdown in .md; i segreti vengono oscurati',
    noPerl:
      'Il rapporto richiede perl, che oscura i segreti prima di scrivere qualsiasi cosa: installa perl oppure esegui senza --report. Non è stato eseguito nulla.',
    badFile: '{option} accetta un nome di file che termina in .html o .md, non: {file}',
    written: 'Rapporto scritto in {file}.',
    playbook:
      'Per un rapporto di tutti gli host, aggiungi -e rg_report=/percorso/del/rapporto.html (o .md per Markdown); i segreti vengono oscurati.',
    checkFile: 'Controllare il nome del file del rapporto',
    task: 'Scrivere il rapporto di tutti gli host',
  },
};

const pl: ExportStrings = {
  fixes: gPl.fixes,
  colon: ': ',
  panel: {
    open: 'Eksportuj',
    heading: 'Eksportuj ten poradnik',
    format: 'Format',
    formats: { sh: 'Skrypt Bash', ansible: 'Playbook Ansible' },
    language: 'Język',
    fix: 'Co wyeksportować',
    diagnosis: 'Tylko diagnoza (niczego nie zmienia)',
    distro: 'Dystrybucja',
    distroAnsible: 'Playbook dobiera polecenia dla każdego hosta na podstawie jego faktów.',
    rollback: 'Zamiast tego wyeksportuj wycofanie tej poprawki',
    params: 'Parametry',
    download: 'Pobierz',
    close: 'Zamknij',
    ready: 'Pobrano {file}.',
  },
  header: {
    diagnosis: 'Diagnoza: testy tylko do odczytu, bezpieczne na serwerze produkcyjnym.',
    fix: `${cap(gPl.fix)}: {fix}. Zmienia system.`,
    rollback: 'Wycofanie poprawki: {fix}. Zmienia system.',
    source: 'Na podstawie',
    licence: 'Licencja tekstu',
    generated: 'Wygenerowano przez runguide {version}; kod jest objęty licencją MIT.',
    options: 'Opcje eksportu',
    noqa: 'Zadania oznaczone noqa uruchamiają sprawdzone polecenie poradnika bez zmian (tekst widoczny w poradniku) zamiast równoważnego modułu.',
  },
  sh: {
    usage: 'Użycie: {script} [--dry-run] [--yes] [--help]',
    optDryRun: '  --dry-run  wypisuje wszystkie polecenia po kolei i niczego nie uruchamia',
    optYes: '  --yes      wprowadza każdą zmianę bez pytania',
    optHelp: '  --help     wyświetla tę pomoc',
    exitDiagnosis:
      'Kod wyjścia: 0 niezagrożony, 1 zagrożony (teraz lub gdy tylko zostanie zamontowany VirtFS), 3 nierozstrzygnięte (test zakończył się błędem), 2 błędne użycie lub niewłaściwa dystrybucja.',
    exitChange:
      'Kod wyjścia: 0 wszystkie kroki wprowadzone i zweryfikowane, 1 krok się nie powiódł lub został odrzucony, 2 błędne użycie lub niewłaściwa dystrybucja.',
    exitRestart: 'Kod wyjścia 4: krok został wprowadzony, ale zadziała dopiero po restarcie serwera.',
    unknownOption: 'Nieznana opcja: {option}',
    wrongDistro:
      'Ten skrypt wyeksportowano dla {family}, a na tym hoście działa {host}. Jego polecenia dawałyby tu błędne wyniki: niczego nie uruchomiono.',
    exportFor: 'Wyeksportuj skrypt dla tego hosta: {command}',
    unknownDistro: 'runguide obsługuje tylko {el} (--distro el) i {ubuntu} (--distro ubuntu).',
    noOsRelease: 'nieznany system (brak /etc/os-release)',
    dryRun: 'Próba na sucho: te polecenia zostałyby uruchomione w tej kolejności. Nic nie jest uruchamiane.',
    needRoot: 'Niektóre kroki wymagają uprawnień roota: skrypt zostanie uruchomiony ponownie przez sudo.',
    noSudo: 'Niektóre kroki wymagają uprawnień roota, a sudo jest niedostępne: uruchom ten skrypt jako root.',
    noTty:
      'Ten skrypt zmienia system i przed każdą zmianą prosi o potwierdzenie, ale nie ma terminala, w którym mógłby zapytać. Uruchom go w terminalu albo dodaj --yes, aby wprowadzić wszystkie kroki bez pytania. Niczego nie zmieniono.',
    step: 'Krok {n}/{total}: {title}',
    verify: 'Weryfikacja wyniku…',
    ...verdictWords(gPl, 'pl'),
    passDefault: 'Zgodnie z oczekiwaniami.',
    failDefault: `${gPl.check.fail}.`,
    errorDetail: 'Nieoczekiwany wynik (kod wyjścia {code}): ten test nie daje rozstrzygnięcia.',
    commandFailed: 'Polecenie się nie powiodło (kod wyjścia {code}).',
    changes: 'Ten krok zmienia system.',
    command: 'Polecenie:',
    undo: 'Aby go wycofać:',
    noUndo: 'Ten krok nie ma polecenia wycofania.',
    ask: 'Wykonać ten krok? [t/N] ',
    yes: '^[tTyY]',
    declined: 'Nie wykonano. Zatrzymano przed tym krokiem.',
    stepFailed: 'Krok „{title}” ({id}) się nie powiódł. Nic po nim nie zostało uruchomione.',
    undoApplied: 'Aby wycofać wprowadzone zmiany, uruchom w tej kolejności:',
    nothingApplied: 'Nie wprowadzono jeszcze żadnej zmiany.',
    restartNeeded:
      'Krok „{title}” ({id}) został wprowadzony, ale zadziała dopiero po restarcie serwera. Nic po nim nie zostało uruchomione.',
    restartAdvice: 'Uruchom serwer ponownie w oknie serwisowym. Niczego nie wycofuj: restart dokończy zmianę.',
    undoAnyway: 'Jeśli mimo to chcesz wycofać wprowadzone zmiany (niezalecane), uruchom w tej kolejności:',
    fixDone: 'Wszystkie kroki zostały wprowadzone i zweryfikowane.',
    rollbackDone: 'Wycofanie zostało zakończone.',
  },
  verdict: {
    atRisk: `${atRisk(gPl, 'pl').now}: ten serwer może się zawiesić podczas automatycznej kopii zapasowej.`,
    atRiskLatent: `${atRisk(gPl, 'pl').latent}: wystarczy logowanie, dostarczenie poczty lub zadanie cron użytkownika z Jailed Shell lub noshell, aby automatyczna kopia zapasowa zawiesiła ten serwer.`,
    notAtRisk: `${cap(gPl.outcome['not-at-risk'])}: automatyczna kopia zapasowa nie powinna zawiesić tego serwera.`,
    unknown: `${cap(gPl.outcome.undecided)}: test, od którego zależy werdykt, zakończył się błędem.`,
    found: 'Wykryto:',
    recommend: 'Zalecana poprawka:',
  },
  ansible: {
    diagnosis: 'Diagnoza',
    rollback: cap(gPl.rollback),
    supported: 'Sprawdzić, czy dystrybucja jest obsługiwana',
    unsupported: 'Obsługiwane są tylko hosty z rodziny RedHat (AlmaLinux, CloudLinux, Rocky) i z rodziny Debian (Ubuntu, Debian).',
    verify: 'Zweryfikować: {title}',
    undo: 'Wycofać: {title}',
    combine: 'Połączyć wyniki testów',
    decide: 'Ustalić, czy ten serwer jest zagrożony',
    summary: 'Podsumowanie: czy ten serwer jest zagrożony?',
    flag: 'Oznaczyć ten serwer jako nieudany, jeśli jest zagrożony lub wynik jest nierozstrzygnięty',
    failed: 'Krok „{title}” ({id}) się nie powiódł.',
    restart: 'Restart dokończy tę zmianę: niczego nie wycofywać',
  },
  report: {
    heading: 'Raport diagnostyczny',
    runbook: 'Poradnik',
    date: 'Data',
    version: 'Wersja runguide',
    redacted: 'Wartości wyglądające na sekrety (hasła, klucze, tokeny) zastąpiono przez [redacted].',
    hosts: 'Serwery i ich ocena',
    host: 'Serwer',
    assessment: 'Ocena',
    checksOn: 'Testy na {host}',
    check: 'Test',
    result: 'Wynik',
    command: 'Polecenie',
    output: 'Wyjście',
    noOutput: 'Test niczego nie wypisał.',
    notRun: 'Nieuruchomiony',
    notReached: 'Nie udało się połączyć z tym serwerem, więc żaden z jego testów nie został uruchomiony. Komunikat połączenia:',
    exportFix: 'Wyeksportuj ją jako skrypt lub jako playbook:',
    downloadHtml: 'Pobierz raport (HTML)',
    downloadMd: 'Pobierz raport (Markdown)',
    downloaded: 'Pobrano {file}.',
    usage: 'Użycie: {script} [--dry-run] [--report PLIK] [--help]',
    optReport:
      '  --report PLIK  zapisuje też raport z testami, ich wyjściem i werdyktem do PLIKU: HTML, gdy nazwa kończy się na .html, Markdown na .md; sekrety są ukrywane',
    noPerl:
      'Raport wymaga perla, który ukrywa sekrety, zanim cokolwiek zostanie zapisane: zainstaluj perl albo uruchom bez --report. Niczego nie uruchomiono.',
    badFile: '{option} wymaga nazwy pliku kończącej się na .html lub .md, a nie: {file}',
    written: 'Raport zapisano do {file}.',
    playbook:
      'Aby uzyskać raport ze wszystkich hostów, dodaj -e rg_report=/sciezka/do/raportu.html (lub .md dla Markdown); sekrety są ukrywane.',
    checkFile: 'Sprawdzić nazwę pliku raportu',
    task: 'Zapisać raport ze wszystkich hostów',
  },
};

export const exportStrings: Record<Locale, ExportStrings> = { en, 'pt-pt': ptPt, fr, de, es, it, pl };

/** Fills `{name}` slots of a template. */
/** The verdict line of a diagnosis outcome. */
export function outcomeText(t: ExportStrings, outcome: Outcome): string {
  const v = t.verdict;
  return { 'at-risk': v.atRisk, 'at-risk-latent': v.atRiskLatent, 'not-at-risk': v.notAtRisk, undecided: v.unknown }[outcome];
}
