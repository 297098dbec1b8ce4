#!/usr/bin/env node
// Installed entry point: runs the compiled CLI (built by `npm run build`, which `npm ci` runs).
import '../dist/fake-apiserver/cli/main.js';
