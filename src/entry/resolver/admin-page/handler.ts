import { definitionsFrom } from '../definitions';
import { registerAdminResolvers } from './resolvers';

export const adminResolver = definitionsFrom((r) => registerAdminResolvers(r));
