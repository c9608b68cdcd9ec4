// Before any step runs, the script checks where it runs: the host's distro family must be the
// exported one, a change needs a terminal to ask on (or --yes), and root steps need root or sudo.
import { DISTROS, DISTRO_WORDS, type Distro } from '../../core/schema.ts';
import { distroLabels } from '../../i18n/site.ts';
import { optionFlags, type Plan } from '../plan.ts';
import { msg, sq } from './words.ts';

/**
 * Stops with exit 2 on a host whose /etc/os-release names another family (or none runguide knows),
 * detected like the runner's distroFamily(): its commands would answer for the wrong system there,
 * e.g. rpm missing on Debian. Tells which --distro to export instead.
 */
export function hostCheck(plan: Plan, distro: Distro): string[] {
  const sh = plan.strings.sh;
  const exportAs = (d: Distro) => `runguide export ${optionFlags({ ...plan, distros: [d] })}`;
  const words = (d: Distro) => DISTRO_WORDS[d].map((w) => `*' ${w} '*`).join(' | ');
  return [
    '# Only on the family this script was exported for: elsewhere its checks answer wrongly.',
    'rg_os_field() {',
    `  grep -E "^($1)=" /etc/os-release 2>/dev/null | cut -d= -f2- | tr -d "\\"'" || true`,
    '}',
    `rg_host_words=" $(rg_os_field 'ID|ID_LIKE' | tr '[:upper:]' '[:lower:]' | tr '\\n' ' ') "`,
    'case "$rg_host_words" in',
    // Cases are tried in order, like distroFamily(): an earlier family wins.
    ...DISTROS.map((d) => `  ${words(d)}) rg_host_family=${d} ;;`),
    "  *) rg_host_family='' ;;",
    'esac',
    `if [ "$rg_host_family" != ${distro} ]; then`,
    '  rg_host=$(rg_os_field PRETTY_NAME)',
    '  [ -n "$rg_host" ] || rg_host=$(rg_os_field ID)',
    `  [ -n "$rg_host" ] || rg_host=${sq(sh.noOsRelease)}`,
    `  printf '%s\\n' ${msg(sh.wrongDistro, { family: distroLabels[distro] }, { host: '"$rg_host"' })} >&2`,
    '  case "$rg_host_family" in',
    ...DISTROS.filter((d) => d !== distro).map((d) => `    ${d}) printf '%s\\n' ${msg(sh.exportFor, { command: exportAs(d) })} >&2 ;;`),
    `    *) printf '%s\\n' ${msg(sh.unknownDistro, { el: distroLabels.el, ubuntu: distroLabels.ubuntu })} >&2 ;;`,
    '  esac',
    '  exit 2',
    'fi',
  ];
}

/** Refuses before anything runs: a change with no terminal to ask on, or no way to become root. */
export function refusals(plan: Plan): string[] {
  const sh = plan.strings.sh;
  const lines: string[] = [];
  const changes = plan.kind !== 'diagnosis' && plan.steps.some((s) => s.changes || plan.kind === 'rollback');
  if (changes) lines.push('if [ "$rg_yes" != 1 ] && [ ! -t 0 ]; then', `  printf '%s\\n' ${sq(sh.noTty)} >&2`, '  exit 1', 'fi');
  if (plan.steps.some((s) => s.step.root)) {
    lines.push('if [ "$(id -u)" -ne 0 ]; then', '  if command -v sudo >/dev/null 2>&1 && [ -r "$0" ]; then');
    lines.push(`    printf '%s\\n' ${sq(sh.needRoot)} >&2`, '    exec sudo -- bash "$0" ${rg_args[@]+"${rg_args[@]}"}', '  fi');
    lines.push(`  printf '%s\\n' ${sq(sh.noSudo)} >&2`, '  exit 1', 'fi');
  }
  return [...lines, ''];
}
