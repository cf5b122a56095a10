// The schemas of stored records (request record, grant, lock, stored
// governance event and subject head) are built on first use, once, so a cold
// invocation that parses none of them does not build them; and the request
// record schema is the request's fields plus its ticket sync state.
import { requestDocSchema } from '../../../src/domain/request/types';
import { emptySync, requestRecordSchema, withSync } from '../../../src/usecases/shared/records';
import { pendingRequest } from './fixtures';

describe('stored record schemas', () => {
  it('parse a request record as the request plus its sync state: unknown keys dropped, bad values refused', () => {
    const doc = pendingRequest();
    const record = withSync(doc, { ...emptySync(), status: { id: '10', name: 'Waiting for approval' } });
    expect(requestDocSchema.parse(doc)).toEqual(doc);
    expect(requestRecordSchema.parse(record)).toEqual(record);
    expect(requestRecordSchema.parse({ ...record, notAField: 1, sync: { ...record.sync, notAField: 2 } })).toEqual(
      record,
    );
    expect(requestRecordSchema.safeParse(doc).success).toBe(false);
    expect(requestRecordSchema.safeParse({ ...record, status: 'no_such_status' }).success).toBe(false);
    expect(requestRecordSchema.safeParse({ ...record, sync: { ...record.sync, seq: -1 } }).success).toBe(false);
  });

  it('are built on first use and only once, not when their modules load', () => {
    jest.isolateModules(() => {
      const actual = jest.requireActual<typeof import('zod/mini')>('zod/mini');
      let built = 0;
      jest.doMock('zod/mini', () => ({
        ...actual,
        lazy: (getter: () => never) => actual.lazy(() => (built++, getter())),
      }));
      const records =
        require('../../../src/usecases/shared/records') as typeof import('../../../src/usecases/shared/records');
      const grant = require('../../../src/domain/grant/types') as typeof import('../../../src/domain/grant/types');
      const lock = require('../../../src/domain/request/lock') as typeof import('../../../src/domain/request/lock');
      const event =
        require('../../../src/domain/governance/event') as typeof import('../../../src/domain/governance/event');
      expect(built).toBe(0);

      const record = withSync(pendingRequest(), emptySync());
      expect(records.requestRecordSchema.parse(record)).toEqual(record);
      const afterFirst = built;
      expect(afterFirst).toBeGreaterThan(0);
      expect(records.requestRecordSchema.parse(record)).toEqual(record);
      expect(built).toBe(afterFirst);

      for (const schema of [
        grant.grantDocSchema,
        lock.lockDocSchema,
        event.governanceEventSchema,
        event.subjectHeadSchema,
      ]) {
        const before = built;
        expect(schema.safeParse({}).success).toBe(false);
        expect(built).toBeGreaterThan(before);
        const once = built;
        schema.safeParse({});
        expect(built).toBe(once);
      }
    });
    jest.dontMock('zod/mini');
  });
});
