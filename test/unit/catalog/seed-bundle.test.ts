import fs from 'node:fs';
import path from 'node:path';
import { bundledCatalogSeedPath, bundledCatalogSeedSource } from '../../../src/config/catalog-seed-bundle';
import { BUNDLED_CATALOG_SEED } from '../../../src/config/bundled-catalog-seed';
import { loadCatalogSeed } from '../../../src/config/catalog-seed';

const root = path.resolve(__dirname, '../../..');

describe('the catalog seed bundled into the Forge app', () => {
  it('is up to date with catalog-seed/*.yml (run `npm run cli -- templates bundle`)', () => {
    expect(fs.readFileSync(bundledCatalogSeedPath(root), 'utf8')).toBe(
      bundledCatalogSeedSource(path.join(root, 'catalog-seed')),
    );
  });

  it('holds every seeded tool', () => {
    expect(BUNDLED_CATALOG_SEED.map((e) => e.id)).toEqual(loadCatalogSeed().map((e) => e.id));
    expect(BUNDLED_CATALOG_SEED.length).toBeGreaterThanOrEqual(30);
  });
});
