import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import {
  ANCHOR_ENTITY,
  anchorKey,
  EVENT_ENTITY,
  eventFromRecord,
  eventKey,
  HEAD_ENTITY,
  headCondition,
  headFromRecord,
  headKey,
  parseEventKey,
  redactEvent,
  subjectEventKeyPrefix,
  toEventRecord,
  toHeadRecord,
  verifySubjectChain,
  type SubjectRef,
} from '../../../src/domain/governance';
import { at, buildChain, REQUEST, requestDrafts } from './fixtures';

const KVS_KEY = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

describe('storage keys', () => {
  it('builds valid KVS keys whose lexical order is seq order', () => {
    const keys = [1, 2, 10, 999, 2_147_483_647].map((n) => eventKey(REQUEST, n));
    expect(keys[0]).toBe('gov:request:10001:0000000001');
    expect([...keys].sort()).toEqual(keys);
    for (const k of [...keys, headKey(REQUEST), anchorKey(7), subjectEventKeyPrefix(REQUEST)]) {
      expect(k).toMatch(KVS_KEY);
      expect(k.length).toBeLessThanOrEqual(500);
    }
    expect(headKey(REQUEST)).toBe('gov-head:request:10001');
    expect(anchorKey(7)).toBe('gov-anchor:0000000007');
    expect(keys[3].startsWith(subjectEventKeyPrefix(REQUEST))).toBe(true);
  });

  it('keeps one subject prefix from matching another', () => {
    const a = subjectEventKeyPrefix({ type: 'request', id: '1' });
    expect(eventKey({ type: 'request', id: '10' }, 1).startsWith(a)).toBe(false);
  });

  it('round-trips event keys and rejects ids that would break the layout', () => {
    const s: SubjectRef = { type: 'catalog', id: 'chatgpt-enterprise.v2_x' };
    expect(parseEventKey(eventKey(s, 42))).toEqual({ subject: s, seq: 42 });
    expect(parseEventKey('gov:nope:x:0000000001')).toBeUndefined();
    for (const id of ['a:b', 'a b', '', 'x'.repeat(129), 'ü']) {
      expect(() => eventKey({ type: 'request', id }, 1)).toThrow(expect.objectContaining({ code: 'GOV_KEY_INVALID' }));
    }
    expect(() => eventKey(REQUEST, 0)).toThrow(/positive integer/);
  });
});

describe('records', () => {
  const { events, head } = buildChain(requestDrafts());

  it('flattens an event into index attributes with epoch seconds and keeps the event for verification', () => {
    const r = toEventRecord(events[0]);
    expect(r).toMatchObject({
      subjectKey: 'request:10001',
      seq: 1,
      action: 'request.submitted',
      ticketId: '10001',
      ticketKey: 'AIC-1',
      atEpoch: 1740819600,
      redacted: false,
    });
    expect(Number.isInteger(r.atEpoch) && r.atEpoch < 2 ** 31).toBe(true);
    expect(toEventRecord(events[1]).policyVersion).toBe('3');
    expect(toEventRecord(redactEvent(events[0], at(1))).redacted).toBe(true);
    const stored = JSON.parse(JSON.stringify(events.map(toEventRecord))) as Array<ReturnType<typeof toEventRecord>>;
    const roundTripped = stored.map((r) => eventFromRecord(r));
    expect(verifySubjectChain(roundTripped, REQUEST).ok).toBe(true);
  });

  it('round-trips head records and states the optimistic-concurrency condition', () => {
    expect(headFromRecord(toHeadRecord(head!))).toEqual(head);
    expect(headCondition(undefined)).toEqual({ attribute: 'seq', op: 'notExists' });
    expect(headCondition(head)).toEqual({ attribute: 'seq', op: 'equalTo', value: 3 });
  });
});

describe('entity descriptions', () => {
  // Read by path: @forge/manifest's exports map does not expose its schema files.
  const manifestSchema: unknown = JSON.parse(
    fs.readFileSync(
      path.join(__dirname, '../../../node_modules/@forge/manifest/out/schema/manifest-schema.json'),
      'utf8',
    ),
  );
  const entitySchema = (
    manifestSchema as { definitions: { AppSchema: { properties: { storage: { properties: { entities: object } } } } } }
  ).definitions.AppSchema.properties.storage.properties.entities;
  const validate = new Ajv({ strict: false }).compile(entitySchema);

  it.each([EVENT_ENTITY, HEAD_ENTITY, ANCHOR_ENTITY])(
    '$name is a valid manifest storage entity within platform limits',
    (entity) => {
      expect(validate([entity])).toBe(true);
      expect(validate([{ ...entity, name: 'Not A Valid Name' }])).toBe(false);
      expect(Object.keys(entity.attributes).length).toBeLessThanOrEqual(50);
      expect(entity.indexes.length).toBeLessThanOrEqual(7);
      for (const ix of entity.indexes) {
        expect(ix.name).not.toBe('by-key');
        for (const a of [...(ix.partition ?? []), ...ix.range]) expect(entity.attributes[a]).toBeDefined();
      }
      for (const name of Object.keys(entity.attributes)) expect(name.length).toBeLessThanOrEqual(30);
    },
  );

  it('declares every attribute the record writes', () => {
    const record = toEventRecord(buildChain(requestDrafts()).events[0]);
    for (const k of Object.keys(record)) expect(EVENT_ENTITY.attributes[k]).toBeDefined();
  });
});
