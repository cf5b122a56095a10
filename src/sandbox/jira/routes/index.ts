// Every REST route the emulator serves.
import type { Route } from '../site';
import { commentRoutes } from './comments';
import { fieldContextRoutes } from './field-contexts';
import { fieldRoutes } from './fields';
import { filterRoutes } from './filters';
import { issueRoutes } from './issues';
import { platformRoutes } from './platform';
import { propertyRoutes } from './properties';
import { requestRoutes } from './requests';
import { screenRoutes } from './screens';
import { searchRoutes } from './search';
import { serviceDeskRoutes } from './servicedesk';

export const ALL_ROUTES: Route[] = [
  ...platformRoutes,
  ...issueRoutes,
  ...commentRoutes,
  ...propertyRoutes,
  ...fieldRoutes,
  ...fieldContextRoutes,
  ...filterRoutes,
  ...searchRoutes,
  ...serviceDeskRoutes,
  ...requestRoutes,
  ...screenRoutes,
];
