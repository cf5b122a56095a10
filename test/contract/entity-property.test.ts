// The indexed property that queue templates and the app stamp is the one manifest.yml declares for JQL.
import { AI_CLEARANCE_PROPERTY } from '../../src/config/templates/entity-property';
import { entityPropertiesFromManifest } from '../../src/sandbox/sandbox';

it('src/config/templates/entity-property.ts mirrors manifest.yml jira:entityProperty', () => {
  const fromManifest = entityPropertiesFromManifest();
  expect(fromManifest.length).toBeGreaterThan(0);
  const fromTemplates = AI_CLEARANCE_PROPERTY.paths.map((p) => ({
    propertyKey: AI_CLEARANCE_PROPERTY.propertyKey,
    path: p.path,
    type: p.type,
    ...(p.searchAlias ? { searchAlias: p.searchAlias } : {}),
  }));
  expect(fromManifest).toEqual(fromTemplates);
});
