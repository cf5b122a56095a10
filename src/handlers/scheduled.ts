export async function runLifecycleSweeps(_event: unknown, _context: unknown): Promise<void> {}
