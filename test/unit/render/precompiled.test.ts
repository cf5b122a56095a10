import fs from 'node:fs';
import { precompiledCommentTemplates, renderComment, COMMENT_NAMES, type CommentName } from '../../../src/render';
import { GENERATED_FILE, precompiledModuleSource } from '../../../src/render/precompile';
import { FIXTURES, VARIANTS } from './comment-fixtures';
import { templates } from './helpers';

describe('precompiled templates (what Forge handlers run)', () => {
  it('are up to date with templates/comments — otherwise run: npx tsx src/render/precompile.ts', () => {
    expect(fs.readFileSync(GENERATED_FILE, 'utf8') === precompiledModuleSource()).toBe(true);
  });

  it('render exactly like templates compiled at load', () => {
    const pre = precompiledCommentTemplates();
    expect(pre.names.sort()).toEqual([...COMMENT_NAMES].sort());
    const cases: Array<[CommentName, unknown]> = [...COMMENT_NAMES.map((n): [CommentName, unknown] => [n, FIXTURES[n]]), ...VARIANTS];
    for (const [name, data] of cases) {
      expect(renderComment(pre, name, data as never)).toEqual(renderComment(templates, name, data as never));
    }
  });
});
