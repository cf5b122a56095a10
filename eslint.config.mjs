// ESLint (flat config) with typescript-eslint's type-checked rules, run by `npm run lint`
// (and so by `npm test`). Formatting is Prettier's alone: eslint-config-prettier, last,
// turns off every rule that would fight it. Layer boundaries (which folder may import
// which) are dependency-cruiser's job: `.dependency-cruiser.cjs`.
// https://typescript-eslint.io/getting-started/typed-linting
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

export default defineConfig(
  {
    // Generated or built output: formatted and checked by their generators' tests.
    ignores: [
      'node_modules/**',
      'coverage/**',
      'build/**',
      'dist/**',
      '.sandbox/**',
      'bench/out/**',
      'src/render/generated/**',
      '**/bundled-*.ts',
      'static/*/main.js',
      'static/*/*.js',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Backend, tests, benches, scripts: Node.
    files: ['src/**', 'test/**', 'bench/**', 'scripts/**', 'bin/**', '*.js', '*.cjs', '*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['test/**'],
    languageOptions: { globals: globals.jest },
  },
  {
    // Custom UI sources run in the browser (bundled by scripts/build-ui.ts into static/<page>/).
    files: ['static/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Plain JS (the CLI shim, jest config, reporters): CommonJS, not in the TypeScript project.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  prettier,
);
