// The whole catalog as YAML, in the format `ai-clearance catalog export` writes and `import` reads.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import TextArea from '@atlaskit/textarea';
import { useState } from 'react';
import { parse, stringify } from 'yaml';
import { flag } from '../shared/flags';
import { call, messageOf } from '../shared/invoke';

export function ImportExport({ onImported }: { onImported: () => void }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  async function exportAll() {
    setProblem(undefined);
    try {
      setText(stringify((await call<{ catalog: unknown }>('catalog.export')).catalog));
    } catch (e) {
      setProblem(messageOf(e));
    }
  }
  async function importAll() {
    setProblem(undefined);
    let data: unknown;
    try {
      data = parse(text);
    } catch (e) {
      setProblem(`The text is not valid YAML: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    try {
      await call('catalog.import', { catalog: data as object, fileName: 'admin console' });
      flag('success', 'Catalog imported');
      onImported();
    } catch (e) {
      setProblem(messageOf(e));
    }
  }
  return (
    <section aria-labelledby="aic-transfer-heading" className="aic-stack">
      <h2 id="aic-transfer-heading">Import and export</h2>
      <label htmlFor="aic-catalog-yaml">Catalog YAML</label>
      <TextArea id="aic-catalog-yaml" value={text} minimumRows={6} onChange={(e) => setText(e.currentTarget.value)} />
      <div className="aic-row">
        <Button onClick={() => void exportAll()}>Export into the box</Button>
        <Button isDisabled={text.trim() === ''} onClick={() => void importAll()}>
          Import from the box
        </Button>
      </div>
      {problem ? (
        <SectionMessage appearance="error" title="Import or export failed">
          <p>{problem}</p>
        </SectionMessage>
      ) : null}
    </section>
  );
}
