// Secrets planted where the diagnosis's real checks print them, in a mount namespace of their own:
// cPanel accounts (Jailed Shell, so virtfs-users lists them) whose names are secrets in the forms
// people paste, a private key across three of them, and /tmp mounted from a "device" whose name is
// an Authorization header (tmp-loop prints /tmp's source). Nothing outside the namespace sees them.

/** Each planted secret: none of them may reach a report. */
export const PLANTED_SECRETS = ['S3cr3tpass', 'hunter2-db', 'tok-abc123def', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ', 'AuthTok3n9'];

const JAILED = (name: string, uid: number) => `${name}:x:${uid}:${uid}::/home/u${uid}:/usr/local/cpanel/bin/jailshell`;

/** The namespace's /etc/passwd: root first (ssh, sudo and Ansible look it up), then the planted accounts. */
export const PLANTED_PASSWD = [
  'root:x:0:0:root:/root:/bin/bash',
  JAILED('password=S3cr3tpass', 4001),
  JAILED('mysql -phunter2-db', 4002),
  JAILED('Bearer tok-abc123def', 4003),
  JAILED('-----BEGIN OPENSSH PRIVATE KEY-----', 4004),
  JAILED('b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ', 4005),
  JAILED('-----END OPENSSH PRIVATE KEY-----', 4006),
  '',
].join('\n');

/**
 * Bash, run as root in a fresh mount namespace: binds `passwd` (a file holding PLANTED_PASSWD) on
 * /etc/passwd and mounts /tmp from a device named like an Authorization header. Anything under
 * the machine's /tmp must be reached before (or through another path).
 */
export const plantSecrets = (passwd: string) =>
  `mount --bind ${JSON.stringify(passwd)} /etc/passwd\nmount -t tmpfs 'Authorization: Bearer AuthTok3n9' /tmp\n`;
