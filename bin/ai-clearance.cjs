#!/usr/bin/env node
// The ai-clearance command: runs the TypeScript CLI through tsx (no build step).
require('tsx/cjs');
require('../src/cli/main.ts');
