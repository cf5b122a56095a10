// Loads every provisioning template (templates/*.yml and request-types/*.yml),
// validates each file and the references between them, and returns the
// desired state. All problems of all files are reported together, each with
// file:line:column, so one run shows everything there is to fix.
import type * as z from 'zod/mini';
import type { DesiredState } from '../../domain/provisioning/desired';
import { ConfigError, MAX_YAML_BYTES, YamlSource, type ConfigProblem } from '../yaml-source';
import { FIELD_TYPES, fullKey, shortSearcherName, shortTypeName } from './field-types';
import { FieldsFile, QueuesFile, RequestTypeFile, SettingsFile, WorkflowFile } from './schemas';
import { normaliseOption, validateFields } from './validate-fields';
import { validateQueues } from './validate-queues';
import { validateRequestTypes, type ParsedRequestType } from './validate-request-types';
import { validateWorkflow } from './validate-workflow';
import { diskTemplateFiles, inMemoryTemplateFiles, type TemplateFiles } from './template-files';

export interface LoadOptions {
  /** Overrides settings.yml's project (the CLI's --project). */
  projectKey?: string;
}

export interface LoadedTemplates {
  desired: DesiredState;
  /** Every file read, relative to the templates root. */
  files: string[];
}

/** Maximum number of request type files: a guard against pointing --templates at the wrong directory. */
const MAX_REQUEST_TYPE_FILES = 50;

/** Loads the templates under rootDir (the repository root: templates/ and request-types/). */
export function loadTemplates(rootDir: string, options: LoadOptions = {}): LoadedTemplates {
  return loadTemplatesFrom(diskTemplateFiles(rootDir), options);
}

/** Loads templates bundled as texts (inside Forge there is no file system). */
export function loadTemplatesFromTexts(texts: Record<string, string>, options: LoadOptions = {}): LoadedTemplates {
  return loadTemplatesFrom(inMemoryTemplateFiles(texts), options);
}

export function loadTemplatesFrom(source: TemplateFiles, options: LoadOptions = {}): LoadedTemplates {
  const problems: ConfigProblem[] = [];
  const files: string[] = [];

  function load<S extends z.core.$ZodType>(
    file: string,
    schema: S,
    optional = false,
  ): { src: YamlSource; value: z.infer<S> } | undefined {
    if (optional && source.size(file) === undefined) return undefined;
    files.push(file);
    try {
      const src = readYaml(source, file);
      return { src, value: src.parse(schema) };
    } catch (err) {
      if (err instanceof ConfigError) problems.push(...err.problems);
      else throw err;
      return undefined;
    }
  }

  const settingsFile = load('templates/settings.yml', SettingsFile, true);
  const settings = settingsFile?.value ?? SettingsFile.parse({});
  const projectKey = options.projectKey ?? settings.project;
  const fields = load('templates/fields.yml', FieldsFile);
  const workflow = load('templates/workflow.yml', WorkflowFile);
  const queues = load('templates/queues.yml', QueuesFile);
  const problemsBeforeRequestTypes = problems.length;
  const requestTypes = loadRequestTypes(source, problems, load);
  const requestTypesComplete = problems.length === problemsBeforeRequestTypes;

  if (fields) problems.push(...validateFields(fields.value.fields, fields.src));
  if (workflow) problems.push(...validateWorkflow(workflow.value, workflow.src));
  if (queues) {
    problems.push(
      ...validateQueues(queues.value.queues, queues.src, {
        fieldRefs: fields ? new Set(fields.value.fields.map((f) => f.ref)) : undefined,
        workflow: workflow?.value,
        projectKey,
      }),
    );
  }
  problems.push(...validateRequestTypes(requestTypes, fields?.value.fields, 'request-types', requestTypesComplete));

  if (problems.length > 0 || !fields || !workflow || !queues) throw new ConfigError(problems);

  const desired: DesiredState = {
    projectKey,
    fieldContext: settings.fieldContext,
    filterShare: settings.filters.share,
    fields: fields.value.fields.map((f) => {
      const type = shortTypeName(f.type)!;
      return {
        ref: f.ref,
        name: f.name,
        description: f.description,
        type: fullKey(type),
        searcherKey: fullKey(f.searcher ? shortSearcherName(f.searcher) : FIELD_TYPES[type].searchers[0]),
        options:
          f.options === 'catalog'
            ? { source: 'catalog' as const }
            : Array.isArray(f.options)
              ? { source: 'template' as const, values: f.options.map(normaliseOption) }
              : { source: 'none' as const },
      };
    }),
    queues: queues.value.queues.map((q) => ({
      ref: q.ref,
      name: q.name,
      description: q.description,
      jql: q.jql,
      ...(q.orderBy ? { orderBy: q.orderBy } : {}),
      filterName: `${settings.filters.namePrefix}${q.name}`,
    })),
    requestTypes: requestTypes.map(({ value: rt }) => ({
      ref: rt.ref,
      name: rt.name,
      issueType: rt.issueType,
      description: rt.description,
      helpText: rt.helpText,
      portalGroup: rt.portalGroup,
      fields: rt.fields.map((f) => ({
        field: f.field,
        required: f.required,
        ...(f.default !== undefined ? { default: f.default } : {}),
        ...(f.label ? { label: f.label } : {}),
      })),
    })),
    workflow: {
      statuses: workflow.value.statuses,
      transitions: workflow.value.transitions,
    },
  };
  return { desired, files };
}

/**
 * Reads a file with the size check before reading (a 10 MB file is refused
 * without loading it), naming it relative to the templates root in errors.
 */
function readYaml(source: TemplateFiles, relName: string): YamlSource {
  const size = source.size(relName);
  if (size === undefined) {
    throw new ConfigError([
      {
        file: relName,
        line: 1,
        column: 1,
        path: '',
        message: 'file not found or not readable; create it (see the templates in the repository root)',
      },
    ]);
  }
  if (size > MAX_YAML_BYTES) {
    throw new ConfigError([
      {
        file: relName,
        line: 1,
        column: 1,
        path: '',
        message: `file is ${Math.round(size / 1024)} KiB, larger than the ${MAX_YAML_BYTES / 1024} KiB limit; nothing was applied — split it or remove unused content`,
      },
    ]);
  }
  return YamlSource.fromText(relName, source.read(relName));
}

function loadRequestTypes(
  source: TemplateFiles,
  problems: ConfigProblem[],
  load: (file: string, schema: typeof RequestTypeFile) => { src: YamlSource; value: RequestTypeFile } | undefined,
): ParsedRequestType[] {
  const listed = source.list('request-types');
  if (!listed) {
    problems.push({
      file: 'request-types',
      line: 1,
      column: 1,
      path: '',
      message: 'directory not found; create request-types/ with one YAML file per request type',
    });
    return [];
  }
  const names = listed.filter((n) => /\.ya?ml$/.test(n)).sort();
  if (names.length > MAX_REQUEST_TYPE_FILES) {
    problems.push({
      file: 'request-types',
      line: 1,
      column: 1,
      path: '',
      message: `${names.length} files is more than the ${MAX_REQUEST_TYPE_FILES} allowed; is --templates pointing at the right directory?`,
    });
    return [];
  }
  const out: ParsedRequestType[] = [];
  for (const n of names) {
    const parsed = load(`request-types/${n}`, RequestTypeFile);
    if (parsed) out.push(parsed);
  }
  return out;
}
