#!/usr/bin/env node
// Launcher: hands over to the compiled CLI (npm install and npm run build write dist/).
import fs from 'node:fs';

const entry = new URL('../dist/cli/bin.js', import.meta.url);
if (!fs.existsSync(entry)) {
  process.stderr.write('错误：bidui 还没有编译（缺少 dist/）。请在 bidui 目录中运行 npm install（或 npm run build）后再试。\n');
  process.exit(70);
}
await import(entry.href);
