import { definitionsFrom } from '../definitions';
import { registerPortalResolvers } from './resolvers';

export const portalResolver = definitionsFrom((r) => registerPortalResolvers(r));
