export function buildConsole(options?: { force?: boolean }): Promise<boolean>;
