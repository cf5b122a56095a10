// Reads manifest.yml into the model the platform dispatches from: functions,
// triggers, scheduled triggers, consumers, UI resolvers, storage entities and
// egress. Lenient on keys we do not use (full validation is @forge/manifest's
// job in `npm run lint:forge`), strict on everything dispatch depends on: a
// module pointing at an unknown function is an error at startup.
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { YamlSource } from '../../config/yaml-source';
import { ForgePlatformError } from './errors';
import { checkPropertyPaths, type PropertyPath } from './property-paths';

const FunctionSchema = z.looseObject({
  key: z.string(),
  handler: z.string().min(1),
  timeoutSeconds: z.number().min(1).max(900).optional(),
});
// The trigger reference documents one key under payload.include: propertyPaths
// (https://developer.atlassian.com/platform/forge/manifest-reference/modules/trigger/ § Properties).
const IncludeSchema = z.looseObject({ propertyPaths: z.array(z.string()).optional() });
const FilterSchema = z.looseObject({
  ignoreSelf: z.boolean().optional(),
  expression: z.string().optional(),
  onError: z.enum(['IGNORE', 'IGNORE_AND_LOG', 'RECEIVE', 'RECEIVE_AND_LOG']).optional(),
});
const PayloadSchema = z.looseObject({ include: IncludeSchema.optional() });
const TriggerSchema = z.looseObject({
  key: z.string(),
  function: z.string().optional(),
  endpoint: z.string().optional(),
  events: z.union([
    z.array(z.string()),
    z.array(
      z.looseObject({ eventType: z.string(), filter: FilterSchema.optional(), payload: PayloadSchema.optional() }),
    ),
  ]),
  filter: FilterSchema.optional(),
  payload: PayloadSchema.optional(),
});
const ScheduledSchema = z.looseObject({
  key: z.string(),
  function: z.string().optional(),
  endpoint: z.string().optional(),
  interval: z.enum(['fiveMinute', 'hour', 'day', 'week']),
});
const ConsumerSchema = z.looseObject({
  key: z.string(),
  queue: z.string(),
  function: z.string().optional(),
  endpoint: z.string().optional(),
  resolver: z
    .looseObject({ function: z.string().optional(), method: z.string().optional(), workflow: z.string().optional() })
    .optional(),
});
const EntitySchema = z.looseObject({
  name: z.string(),
  attributes: z.record(z.string(), z.looseObject({ type: z.enum(['string', 'boolean', 'float', 'integer', 'any']) })),
  indexes: z
    .array(
      z.union([
        z.string(),
        z.looseObject({
          name: z.string(),
          range: z.array(z.string()).min(1),
          partition: z.array(z.string()).min(1).optional(),
        }),
      ]),
    )
    .optional(),
});
const EgressEntry = z.union([
  z.string(),
  z.looseObject({ address: z.string() }),
  z.looseObject({ remote: z.string() }),
]);

export const ManifestSchema = z.looseObject({
  app: z
    .looseObject({
      id: z.string().optional(),
      storage: z.looseObject({ entities: z.array(EntitySchema).optional() }).optional(),
    })
    .optional(),
  modules: z.looseObject({
    function: z.array(FunctionSchema).optional(),
    trigger: z.array(TriggerSchema).optional(),
    scheduledTrigger: z.array(ScheduledSchema).optional(),
    consumer: z.array(ConsumerSchema).optional(),
  }),
  resources: z.array(z.looseObject({ key: z.string(), path: z.string() })).optional(),
  permissions: z
    .looseObject({
      content: z
        .looseObject({ styles: z.array(z.string()).optional(), scripts: z.array(z.string()).optional() })
        .optional(),
      external: z
        .looseObject({ fetch: z.looseObject({ backend: z.array(EgressEntry).optional() }).optional() })
        .optional(),
    })
    .optional(),
});

export type ManifestFilter = z.infer<typeof FilterSchema>;
export type ManifestInclude = z.infer<typeof IncludeSchema>;
export type AttributeType = 'string' | 'boolean' | 'float' | 'integer' | 'any';
export type ScheduleInterval = z.infer<typeof ScheduledSchema>['interval'];

export interface FunctionDef {
  key: string;
  file: string;
  exportName: string;
  timeoutSeconds?: number;
}
export interface TriggerEventDef {
  eventType: string;
  filter?: ManifestFilter;
  include?: ManifestInclude;
  propertyPaths?: PropertyPath[];
}
export interface TriggerDef {
  key: string;
  functionKey: string;
  events: TriggerEventDef[];
}
export interface ScheduledDef {
  key: string;
  functionKey: string;
  interval: ScheduleInterval;
}
/** `method` set means the consumer is a @forge/resolver definition (the @forge/events 1.x style). */
export interface ConsumerDef {
  key: string;
  queue: string;
  functionKey: string;
  method?: string;
}
/**
 * `unlicensedAccess`: the unlicensed user types (unlicensed, customer, anonymous) the module runs for; licensed
 * users always can. https://developer.atlassian.com/platform/forge/access-to-forge-apps-for-unlicensed-users/
 */
export interface ResolverModuleDef {
  key: string;
  moduleType: string;
  functionKey: string;
  unlicensedAccess: string[];
}
/**
 * A module's `icon`: an absolute URL, or a file bundled with a resource, written
 * `resource:<resource key>;<relative path to resource>`
 * (https://developer.atlassian.com/platform/forge/custom-ui/#icons).
 */
export type IconDef =
  | { kind: 'url'; url: string }
  | {
      kind: 'resource';
      resource: string;
      /** The path inside the resource's folder (e.g. icons/decision.svg). */
      path: string;
      /** The file, relative to the app root (e.g. static/agent-panel/icons/decision.svg). */
      file: string;
    };

/** A module that renders a static resource (Custom UI) in the product. */
export interface UiModuleDef {
  key: string;
  moduleType: string;
  title: string;
  /** The resource key, and the folder (relative to the app root) it is served from. */
  resource: string;
  resourcePath: string;
  icon?: IconDef;
}
export interface IndexDef {
  name: string;
  partition: string[];
  range: string;
}
export interface EntityDef {
  name: string;
  attributes: Record<string, AttributeType>;
  indexes: Map<string, IndexDef>;
}

export interface AppModel {
  appId?: string;
  functions: Map<string, FunctionDef>;
  triggers: TriggerDef[];
  scheduled: ScheduledDef[];
  consumers: ConsumerDef[];
  resolverModules: Map<string, ResolverModuleDef>;
  entities: Map<string, EntityDef>;
  /** permissions.external.fetch.backend hosts (wildcards allowed); empty = no egress declared. */
  egress: string[];
  /** Modules that render a static resource (Custom UI), in manifest order. */
  uiModules: UiModuleDef[];
  /** permissions.content: the Content Security Policy sources the app adds for Custom UI. */
  content: { styles: string[]; scripts: string[] };
}

const ENTITY_NAME = /^(?![_.-])(?!.*\.{2})[a-z0-9:\-_.]*(?<![.])$/;
const ATTRIBUTE_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;
const NON_RESOLVER_KINDS = new Set(['function', 'trigger', 'scheduledTrigger', 'consumer', 'webtrigger']);
const UNLICENSED_TYPES = ['unlicensed', 'customer', 'anonymous'];

/**
 * The unlicensed user types a module supports, where its reference page says so ("Unlicensed user access");
 * a manifest listing another type is refused, as the module would not run for it. Other modules: any type.
 */
const DOCUMENTED_UNLICENSED: Record<string, { types: string[]; source: string }> = {
  'jiraServiceManagement:portalRequestCreatePropertyPanel': {
    types: ['anonymous', 'customer', 'unlicensed'],
    source:
      'https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-service-management-portal-request-create-property-panel/',
  },
  'jiraServiceManagement:portalRequestDetail': {
    types: ['customer', 'unlicensed'],
    source:
      'https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-service-management-portal-request-detail/',
  },
  'jiraServiceManagement:portalProfilePanel': {
    types: ['customer', 'unlicensed'],
    source:
      'https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-service-management-portal-profile-panel/',
  },
  'jiraServiceManagement:queuePage': {
    types: [],
    source: 'https://developer.atlassian.com/platform/forge/access-to-forge-apps-for-unlicensed-jsm-users/',
  },
};

/**
 * Loads the manifest. `appRoot` (the manifest's folder when `source` is a path) is where resource paths
 * start: a bundled icon's file must exist there.
 */
export function loadManifest(source: string | object, opts: { appRoot?: string } = {}): AppModel {
  const raw = typeof source === 'string' ? YamlSource.fromFile(source).parse(ManifestSchema) : parseObject(source);
  return buildModel(raw, opts.appRoot ?? (typeof source === 'string' ? path.dirname(source) : undefined));
}

const ICON_RESOURCE = /^resource:([a-zA-Z0-9_-]{1,23});(.+)$/;

/** A module's icon: `resource:<key>;<path>` (the file must be in that resource's folder) or an https URL. */
function iconOf(
  where: string,
  icon: unknown,
  resourcePaths: Map<string, string>,
  appRoot: string | undefined,
): IconDef | undefined {
  if (icon === undefined) return undefined;
  const docs = 'https://developer.atlassian.com/platform/forge/custom-ui/#icons';
  if (typeof icon !== 'string') fail('MANIFEST_INVALID', `${where}: icon must be a string`);
  const ref = ICON_RESOURCE.exec(icon);
  if (!ref) {
    if (/^https:\/\/\S+$/.test(icon)) return { kind: 'url', url: icon };
    fail(
      'MANIFEST_INVALID',
      `${where}: icon "${icon}" is neither resource:<resource key>;<relative path to resource> nor an https URL (${docs})`,
    );
  }
  const [, resource, rel] = ref;
  const folder = resourcePaths.get(resource);
  if (folder === undefined)
    fail('MANIFEST_INVALID', `${where}: icon names resource "${resource}", which is not in resources (${docs})`);
  const file = path.posix.normalize(`${folder}/${rel}`);
  if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..') || !file.startsWith(`${path.posix.normalize(folder)}/`))
    fail('MANIFEST_INVALID', `${where}: icon path "${rel}" must be relative to the folder of resource ${resource}`);
  if (appRoot !== undefined && !fs.statSync(path.resolve(appRoot, file), { throwIfNoEntry: false })?.isFile())
    fail(
      'MANIFEST_INVALID',
      `${where}: icon file ${file} does not exist (resource ${resource} is ${folder}; run npm run build:ui)`,
    );
  return { kind: 'resource', resource, path: rel, file };
}

function parseObject(source: object): z.infer<typeof ManifestSchema> {
  const result = ManifestSchema.safeParse(source);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ForgePlatformError('MANIFEST_INVALID', `manifest is invalid: ${detail}`);
  }
  return result.data;
}

function fail(code: 'MANIFEST_INVALID' | 'UNKNOWN_FUNCTION' | 'UNSUPPORTED_MANIFEST_FEATURE', message: string): never {
  throw new ForgePlatformError(code, message);
}

function buildModel(m: z.infer<typeof ManifestSchema>, appRoot: string | undefined): AppModel {
  const functions = new Map<string, FunctionDef>();
  for (const f of m.modules.function ?? []) {
    const dot = f.handler.lastIndexOf('.');
    if (dot <= 0 || dot === f.handler.length - 1)
      fail(
        'MANIFEST_INVALID',
        `function ${f.key}: handler "${f.handler}" must look like <file>.<export>, e.g. index.run`,
      );
    if (functions.has(f.key)) fail('MANIFEST_INVALID', `function key ${f.key} is declared twice`);
    functions.set(f.key, {
      key: f.key,
      file: f.handler.slice(0, dot),
      exportName: f.handler.slice(dot + 1),
      timeoutSeconds: f.timeoutSeconds,
    });
  }
  const fnRef = (kind: string, key: string, fn: string | undefined, endpoint: string | undefined): string => {
    if (endpoint !== undefined)
      fail(
        'UNSUPPORTED_MANIFEST_FEATURE',
        `${kind} ${key} uses a remote endpoint (${endpoint}); the sandbox only runs Forge functions`,
      );
    if (fn === undefined) fail('MANIFEST_INVALID', `${kind} ${key} names no function`);
    if (!functions.has(fn))
      fail(
        'UNKNOWN_FUNCTION',
        `${kind} ${key} points at function "${fn}", which is not declared under modules.function (declared: ${[...functions.keys()].join(', ') || 'none'})`,
      );
    return fn;
  };

  const triggers: TriggerDef[] = (m.modules.trigger ?? []).map((t) => ({
    key: t.key,
    functionKey: fnRef('trigger', t.key, t.function, t.endpoint),
    events: t.events.map((e) =>
      typeof e === 'string'
        ? { eventType: e, filter: t.filter, include: t.payload?.include }
        : { eventType: e.eventType, filter: e.filter ?? t.filter, include: e.payload?.include ?? t.payload?.include },
    ),
  }));
  const paths = checkPropertyPaths(
    triggers.flatMap((t) =>
      t.events.map((e) => {
        const extra = Object.keys(e.include ?? {}).filter((k) => k !== 'propertyPaths');
        if (extra.length > 0) {
          fail(
            'UNSUPPORTED_MANIFEST_FEATURE',
            `trigger ${t.key}: payload.include.${extra.join(', payload.include.')} is not a documented trigger property; only payload.include.propertyPaths is (https://developer.atlassian.com/platform/forge/manifest-reference/modules/trigger/)`,
          );
        }
        return { where: `trigger ${t.key}`, declared: e.include?.propertyPaths, expression: e.filter?.expression };
      }),
    ),
  );
  for (const t of triggers)
    for (const e of t.events) e.propertyPaths = (e.include?.propertyPaths ?? []).map((d) => paths.get(d)!);
  const scheduled: ScheduledDef[] = (m.modules.scheduledTrigger ?? []).map((s) => ({
    key: s.key,
    functionKey: fnRef('scheduledTrigger', s.key, s.function, s.endpoint),
    interval: s.interval,
  }));
  const consumers: ConsumerDef[] = (m.modules.consumer ?? []).map((c) => {
    if (c.resolver?.workflow !== undefined)
      fail(
        'UNSUPPORTED_MANIFEST_FEATURE',
        `consumer ${c.key} uses a workflow resolver; the sandbox does not emulate Forge workflows`,
      );
    if (c.resolver) {
      if (!c.resolver.method) fail('MANIFEST_INVALID', `consumer ${c.key}: resolver needs both function and method`);
      return {
        key: c.key,
        queue: c.queue,
        functionKey: fnRef('consumer', c.key, c.resolver.function, undefined),
        method: c.resolver.method,
      };
    }
    return { key: c.key, queue: c.queue, functionKey: fnRef('consumer', c.key, c.function, c.endpoint) };
  });

  const resolverModules = new Map<string, ResolverModuleDef>();
  for (const [moduleType, list] of Object.entries(m.modules)) {
    if (NON_RESOLVER_KINDS.has(moduleType) || !Array.isArray(list)) continue;
    for (const mod of list as Array<Record<string, unknown>>) {
      const resolver = mod?.resolver as { function?: unknown; endpoint?: unknown } | undefined;
      if (!resolver || typeof mod.key !== 'string') continue;
      if (typeof resolver.function !== 'string') {
        if (resolver.endpoint !== undefined) continue; // remote resolvers: not callable in the sandbox, ignored
        fail('MANIFEST_INVALID', `${moduleType} ${mod.key}: resolver.function must name a function`);
      }
      const unlicensed = mod.unlicensedAccess;
      if (
        unlicensed !== undefined &&
        !(Array.isArray(unlicensed) && unlicensed.every((t) => UNLICENSED_TYPES.includes(t as string)))
      ) {
        fail(
          'MANIFEST_INVALID',
          `Property "unlicensedAccess" in ${mod.key} must be an array of one or more of the following values: [unlicensed, customer, anonymous]`,
        );
      }
      const documented = DOCUMENTED_UNLICENSED[moduleType];
      const unsupported = ((unlicensed as string[] | undefined) ?? []).filter((t) => !documented?.types.includes(t));
      if (documented && unsupported.length > 0)
        fail(
          'MANIFEST_INVALID',
          `${moduleType} ${mod.key}: unlicensedAccess lists ${unsupported.join(', ')}, which this module does not support (it supports ${documented.types.join(', ') || 'no unlicensed users'}: ${documented.source})`,
        );
      resolverModules.set(mod.key, {
        key: mod.key,
        moduleType,
        functionKey: fnRef(moduleType, mod.key, resolver.function, undefined),
        unlicensedAccess: (unlicensed as string[] | undefined) ?? [],
      });
    }
  }

  const resourcePaths = new Map((m.resources ?? []).map((r) => [r.key, r.path]));
  const uiModules: UiModuleDef[] = [];
  for (const [moduleType, list] of Object.entries(m.modules)) {
    if (!Array.isArray(list)) continue;
    for (const mod of list as Array<Record<string, unknown>>) {
      if (typeof mod?.key !== 'string' || typeof mod.resource !== 'string') continue;
      const resourcePath = resourcePaths.get(mod.resource);
      if (resourcePath === undefined)
        fail('MANIFEST_INVALID', `${moduleType} ${mod.key}: resource "${mod.resource}" is not in resources`);
      const icon = iconOf(`${moduleType} ${mod.key}`, mod.icon, resourcePaths, appRoot);
      uiModules.push({
        key: mod.key,
        moduleType,
        title: typeof mod.title === 'string' ? mod.title : mod.key,
        resource: mod.resource,
        resourcePath,
        ...(icon ? { icon } : {}),
      });
    }
  }

  const egress = (m.permissions?.external?.fetch?.backend ?? []).flatMap((e) =>
    typeof e === 'string' ? [e] : 'address' in e ? [String(e.address)] : [],
  );
  return {
    appId: m.app?.id,
    functions,
    triggers,
    scheduled,
    consumers,
    resolverModules,
    entities: buildEntities(m.app?.storage?.entities ?? []),
    egress,
    uiModules,
    content: { styles: m.permissions?.content?.styles ?? [], scripts: m.permissions?.content?.scripts ?? [] },
  };
}

function buildEntities(list: ReadonlyArray<z.infer<typeof EntitySchema>>): Map<string, EntityDef> {
  const out = new Map<string, EntityDef>();
  for (const e of list) {
    const where = `app.storage.entities ${e.name}`;
    if (e.name.length < 3 || e.name.length > 60 || !ENTITY_NAME.test(e.name))
      fail('MANIFEST_INVALID', `${where}: name must be 3-60 characters of a-z 0-9 : - _ .`);
    if (out.has(e.name)) fail('MANIFEST_INVALID', `${where}: declared twice`);
    const names = Object.keys(e.attributes);
    if (names.length > 50) fail('MANIFEST_INVALID', `${where}: ${names.length} attributes, at most 50 are allowed`);
    for (const n of names)
      if (!ATTRIBUTE_NAME.test(n) || n.length > 30)
        fail(
          'MANIFEST_INVALID',
          `${where}: attribute name "${n}" must start with a letter, use letters, digits and _ and be at most 30 characters`,
        );
    const attributes = Object.fromEntries(names.map((n) => [n, e.attributes[n].type])) as Record<string, AttributeType>;
    const indexes = new Map<string, IndexDef>();
    const declared = e.indexes ?? [];
    if (declared.length > 7) fail('MANIFEST_INVALID', `${where}: ${declared.length} indexes, at most 7 are allowed`);
    for (const ix of declared) {
      const def: IndexDef =
        typeof ix === 'string'
          ? { name: ix, partition: [], range: ix }
          : { name: ix.name, partition: ix.partition ?? [], range: ix.range[0] };
      if (def.name === 'by-key') fail('MANIFEST_INVALID', `${where}: index name "by-key" is reserved`);
      if (indexes.has(def.name)) fail('MANIFEST_INVALID', `${where}: index ${def.name} declared twice`);
      if (typeof ix !== 'string' && ix.range.length > 1)
        fail(
          'UNSUPPORTED_MANIFEST_FEATURE',
          `${where}: index ${def.name} has ${ix.range.length} range attributes; the sandbox supports one`,
        );
      for (const a of [...def.partition, def.range]) {
        const type = attributes[a];
        if (!type)
          fail(
            'MANIFEST_INVALID',
            `${where}: index ${def.name} uses attribute "${a}", which is not declared under attributes`,
          );
        if (type === 'any')
          fail(
            'MANIFEST_INVALID',
            `${where}: index ${def.name} uses attribute "${a}" of type any; index attributes must be string, integer, float or boolean`,
          );
      }
      indexes.set(def.name, def);
    }
    out.set(e.name, { name: e.name, attributes, indexes });
  }
  return out;
}

export type AppHandler = (payload: unknown, context: unknown) => unknown;

/** Resolves every function's handler from the loaded app; a missing export is a startup error. */
export function bindHandlers(
  model: AppModel,
  loadApp: (file: string) => Record<string, unknown>,
): Map<string, AppHandler> {
  const modules = new Map<string, Record<string, unknown>>();
  const handlers = new Map<string, AppHandler>();
  for (const fn of model.functions.values()) {
    let mod = modules.get(fn.file);
    if (!mod) {
      mod = loadApp(fn.file);
      modules.set(fn.file, mod);
    }
    const handler = mod[fn.exportName];
    if (typeof handler !== 'function') {
      const exported = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
      throw new ForgePlatformError(
        'HANDLER_NOT_EXPORTED',
        `function ${fn.key}: handler ${fn.file}.${fn.exportName} is not an exported function of the app module (exported functions: ${exported.join(', ') || 'none'})`,
      );
    }
    handlers.set(fn.key, handler as AppHandler);
  }
  return handlers;
}
