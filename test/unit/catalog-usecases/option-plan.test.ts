import { planOptionSync } from '../../../src/usecases/catalog/option-sync';

const opt = (id: string, value: string, disabled = false) => ({ id, value, disabled });

describe('planOptionSync', () => {
  it('creates missing, re-enables returning and disables leaving options; never deletes', () => {
    const plan = planOptionSync(
      [opt('1', 'ChatGPT Enterprise'), opt('2', 'DeepL Pro', true), opt('3', 'Old Tool')],
      ['chatgpt enterprise', 'DeepL Pro', 'Cursor'],
    );
    expect(plan.create).toEqual(['Cursor']);
    expect(plan.enable.map((o) => o.id)).toEqual(['2']);
    expect(plan.disable.map((o) => o.id)).toEqual(['3']);
  });

  it('is a no-op when the options already match', () => {
    expect(planOptionSync([opt('1', 'A'), opt('2', 'B', true)], ['A'])).toEqual({
      create: [],
      enable: [],
      disable: [],
    });
  });
});
