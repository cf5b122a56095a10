// A Forge resolver's definitions from a register function. Each resolver kind
// (admin page, queue page, portal panel) has its own module, so a cold call of
// one never loads the others' use cases. Every answer goes through
// withinAnswerLimit (Forge's 5MB front-end response limit).
import Resolver, { type ResolverFunction } from '@forge/resolver';
import { withinAnswerLimit } from './answer-limit';

export function definitionsFrom(register: (resolver: Resolver) => void) {
  const resolver = new Resolver();
  const define = resolver.define.bind(resolver);
  const bounded = Object.assign(Object.create(resolver) as Resolver, {
    define(name: string, cb: ResolverFunction) {
      define(name, async (req) => withinAnswerLimit(name, await cb(req)) as ReturnType<ResolverFunction>);
      return bounded;
    },
  });
  register(bounded);
  return resolver.getDefinitions();
}
