// The comment data schemas are built per template on first use (a cold
// invocation builds only those it renders), memoized, and each still checks
// its template's data.
import {
  COMMENT_NAMES,
  COMMENT_SCHEMAS,
  commentSchema,
  isCommentName,
  RenderError,
  type CommentName,
} from '../../../src/render';
import { FIXTURES } from './comment-fixtures';

describe('comment data schemas', () => {
  it.each(COMMENT_NAMES)(
    '%s: has a schema that accepts its fixture and rejects missing, unknown and mistyped fields',
    (name) => {
      const schema = commentSchema(name);
      expect(schema.safeParse(FIXTURES[name]).success).toBe(true);
      expect(schema.safeParse({}).success).toBe(false);
      expect(schema.safeParse({ ...FIXTURES[name], notAField: 'x' }).success).toBe(false);
      expect(schema.safeParse(null).success).toBe(false);
      const [field] = Object.keys(FIXTURES[name]);
      expect(schema.safeParse({ ...FIXTURES[name], [field]: { not: 'a value' } }).success).toBe(false);
    },
  );

  it('return the same schema object on every use, also through COMMENT_SCHEMAS', () => {
    for (const name of COMMENT_NAMES) {
      expect(commentSchema(name)).toBe(commentSchema(name));
      expect(COMMENT_SCHEMAS[name]).toBe(commentSchema(name));
    }
    expect(Object.keys(COMMENT_SCHEMAS)).toEqual(COMMENT_NAMES);
  });

  it('know exactly the template names, and refuse any other name clearly', () => {
    for (const name of ['no-such-template', '__proto__', 'constructor', 'toString']) {
      expect(isCommentName(name)).toBe(false);
      expect(() => commentSchema(name as CommentName)).toThrow(RenderError);
      expect(() => commentSchema(name as CommentName)).toThrow(`no comment data schema named "${name}"`);
    }
  });

  it('build no schema when the module loads, and then only the one asked for, once', () => {
    jest.isolateModules(() => {
      const actual = jest.requireActual<typeof import('zod/mini')>('zod/mini');
      const strictObject = jest.fn(actual.strictObject);
      jest.doMock('zod/mini', () => ({ ...actual, strictObject }));

      const fresh =
        require('../../../src/render/comment-schemas') as typeof import('../../../src/render/comment-schemas');
      expect(fresh.COMMENT_NAMES).toHaveLength(COMMENT_NAMES.length);
      expect(strictObject).not.toHaveBeenCalled();
      const approved = fresh.commentSchema('approved');
      expect(strictObject).toHaveBeenCalledTimes(1);
      expect(fresh.commentSchema('approved')).toBe(approved);
      expect(strictObject).toHaveBeenCalledTimes(1);
      expect(approved.safeParse(FIXTURES.approved).success).toBe(true);
    });
    jest.dontMock('zod/mini');
  });
});
