// The lab's configurations: a mount layout (the cPanel SIMULATION's state, see guest/) and a guest
// agent version. Parsed with zod at the CLI and test boundaries.
import { z } from 'zod';
import type { LabVm } from './vm.ts';

export const LAYOUTS = [
  'safe-order',
  'hang-order',
  'no-loop',
  'no-binds',
  'latent',
  'latent-login',
  'noshell',
  'replaced-backing',
  'agent-outside-unit',
  'upgraded-not-restarted',
] as const;
export const LayoutSchema = z.enum(LAYOUTS);
export type Layout = z.infer<typeof LayoutSchema>;

export const AGENTS = ['7.2', '10.0'] as const;
export const AgentSchema = z.enum(AGENTS);
export type AgentVersion = z.infer<typeof AgentSchema>;

export const LAYOUT_HELP: Record<Layout, string> = {
  'safe-order': 'loop /tmp (securetmp), VirtFS binds of / mounted before the bind of /tmp',
  'hang-order': 'loop /tmp (securetmp), the bind of /tmp mounted before the binds of /',
  'no-loop': 'hang-order without the loop /tmp (fix 3 state)',
  'no-binds': 'loop /tmp, no Jailed Shell user and no VirtFS mounts (fix 2 state)',
  latent: 'loop /tmp, a Jailed Shell user, no VirtFS mounted yet (as right after a reboot)',
  'latent-login': "from latent: the user logs in and VirtFS mounts in cPanel's order (/tmp before /usr)",
  noshell: 'hang-order for a user without a shell (noshell): VirtFS for mail and cron',
  'replaced-backing': 'hang-order, then /usr/tmpDSK deleted and created anew (the loop device keeps the old file)',
  'agent-outside-unit': "hang-order, the agent's unit masked and stopped, qemu-ga started by hand",
  'upgraded-not-restarted': 'hang-order, the agent package upgraded to 10.0 without a restart (7.2 still runs)',
};

/** Puts a freshly booted VM in a layout (plain SSH: this is lab set-up, not a runbook step). */
export async function applyLayout(vm: LabVm, layout: Layout): Promise<string> {
  // One layout installs a package, which takes minutes under TCG.
  return vm.sshOk(`runguide-lab-scenario ${layout}`, layout === 'upgraded-not-restarted' ? 600_000 : 120_000);
}

/** The installed agent's version (dpkg). */
export async function installedAgent(vm: LabVm): Promise<string> {
  return (await vm.sshOk("dpkg-query -W -f='${Version}' qemu-guest-agent")).trim();
}

/** Installs trixie's agent from the image's local repository (for `--agent 10.0`). */
export async function useAgent(vm: LabVm, agent: AgentVersion): Promise<string> {
  if (agent === '10.0')
    await vm.sshOk(
      'DEBIAN_FRONTEND=noninteractive apt-get install -y -q --only-upgrade qemu-guest-agent >/dev/null && systemctl restart qemu-guest-agent',
      600_000,
    );
  return installedAgent(vm);
}

/** /proc/self/mountinfo's device and mount point columns, for the evidence. */
export async function mountOrder(vm: LabVm): Promise<string[]> {
  const out = await vm.sshOk(`awk '$3 !~ /^0:/ { print $3, $5 }' /proc/self/mountinfo`);
  return out.trim().split('\n');
}
