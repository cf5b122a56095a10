// Builds the app's function code with Atlassian's own bundler, as `forge deploy` does
// (@forge/bundler's NodeBundler: webpack 5 + ts-loader with our tsconfig.json), offline.
// What differs from `forge deploy`: the Forge runtime wrapper and loader, which the CLI
// downloads from Atlassian's CDN and adds next to the bundle, are tiny local stubs here
// (the bundler's own LocalWrapperProvider, as with FORGE_RUNTIME_PATH); nothing is uploaded.
// @forge/cli-shared is not a direct dependency: @forge/bundler pins it (9.8.0), and the
// bundler's ConfigReader/FileSystemReader interfaces are its types.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getEntryPoints, getNodeBundler, LocalWrapperProvider, type BundlerMetadata } from '@forge/bundler';
import { ConfigFile, FileSystemReader, FileSystemWriter, type Logger } from '@forge/cli-shared';

const root = path.resolve(__dirname, '..');

export type ForgeBundle = {
  outputDir: string;
  /** Every file webpack emitted (chunks and source maps), relative to outputDir, by name. */
  files: Array<{ name: string; bytes: number }>;
  metadata: BundlerMetadata | undefined;
  /** What the bundler adds from the runtime wrapper provider (here the stubs), by name. */
  runtimeFiles: string[];
  warnings: string[];
};

/** Stand-ins for the runtime scripts the CLI downloads; they are never run by our tests. */
function stubRuntimeDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-forge-runtime-'));
  fs.mkdirSync(path.join(dir, 'dist'));
  for (const name of ['wrapper', 'loader']) {
    fs.writeFileSync(
      path.join(dir, 'dist', `${name}.js`),
      `// offline stub of the Forge runtime ${name} (forge deploy downloads the real one)\n`,
    );
  }
  return dir;
}

function listFiles(dir: string, prefix = ''): Array<{ name: string; bytes: number }> {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const name = path.posix.join(prefix, entry.name);
      if (entry.isDirectory()) return listFiles(path.join(dir, entry.name), name);
      return [{ name, bytes: fs.statSync(path.join(dir, entry.name)).size }];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Bundles into cli-shared's tmpDir('dist') (where the NodeBundler always writes; it takes
 * no output option), then moves the result to `outDir` if one is given.
 * Throws the bundler's own error (TypeScript or webpack errors) if the build fails.
 */
export async function forgeBundle(outDir?: string): Promise<ForgeBundle> {
  const warnings: string[] = [];
  const logger: Logger = {
    traceEnabled: false,
    debugEnabled: false,
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: (message) => void warnings.push(message),
    error: (error) => void warnings.push(error.message),
  };
  const runtimeDir = stubRuntimeDir();
  // The manifest ('manifest.yml') and the entry points ('src/<module>', @forge/manifest's
  // SOURCE_DIRECTORY) are resolved against the cwd, as when `forge deploy` runs in the app.
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const reader = new FileSystemReader();
    const config = new ConfigFile(reader, new FileSystemWriter());
    const bundler = getNodeBundler(logger, new LocalWrapperProvider(reader, runtimeDir), config);
    const out = await bundler.bundle({
      appDirectory: root,
      entryPoints: getEntryPoints(await config.getAppHandlers()),
    });
    let outputDir = out.outputDir;
    if (outDir) {
      fs.rmSync(outDir, { recursive: true, force: true });
      fs.cpSync(outputDir, outDir, { recursive: true });
      fs.rmSync(outputDir, { recursive: true, force: true });
      outputDir = path.resolve(outDir);
    }
    return {
      outputDir,
      files: listFiles(outputDir),
      metadata: out.metadata,
      runtimeFiles: [...(out.additionalOutputs?.keys() ?? [])],
      warnings,
    };
  } finally {
    process.chdir(cwd);
    fs.rmSync(runtimeDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const started = Date.now();
  forgeBundle(process.argv[2]).then(
    ({ outputDir, files, warnings }) => {
      for (const w of warnings) console.warn(`warning: ${w}`);
      const chunks = files.filter((f) => f.name.endsWith('.cjs'));
      for (const f of chunks) console.log(`${f.name.padEnd(40)} ${f.bytes.toLocaleString('en').padStart(12)} B`);
      const total = (list: typeof files) => list.reduce((n, f) => n + f.bytes, 0).toLocaleString('en');
      console.log(`${`total (${chunks.length} .cjs)`.padEnd(40)} ${total(chunks).padStart(12)} B`);
      console.log(
        `source maps: ${total(files.filter((f) => f.name.endsWith('.map')))} B; in ${outputDir} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
