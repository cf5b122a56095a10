// A Forge resolver's definitions from a register function. Each resolver kind
// (admin page, queue page, portal panel) has its own module, so a cold call of
// one never loads the others' use cases.
import Resolver from '@forge/resolver';

export function definitionsFrom(register: (resolver: Resolver) => void) {
  const resolver = new Resolver();
  register(resolver);
  return resolver.getDefinitions();
}
