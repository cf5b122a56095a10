export async function consumeWork(_event: unknown, _context: unknown): Promise<void> {}
