import { definitionsFrom } from './resolver-definitions';
import { registerAdminResolvers } from './resolvers/admin';

export const adminResolver = definitionsFrom((r) => registerAdminResolvers(r));
