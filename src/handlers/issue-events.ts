// Placeholder wiring; replaced by the intake/decision use cases.
export async function onIssueCreated(_event: unknown, _context: unknown): Promise<void> {}
export async function onIssueUpdated(_event: unknown, _context: unknown): Promise<void> {}
export async function onIssueCommented(_event: unknown, _context: unknown): Promise<void> {}
