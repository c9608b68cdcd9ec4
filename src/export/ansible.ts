export function generateAnsible(): string { return ''; }
