// npm run demo: the whole monthly job on the demo county (three months), with the embedded SQLite database, writing under out/.
// npm run demo builds dist/ first and then runs this file with tsx; it runs bin/bidui.js (the built CLI) once per month.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = path.join(root, 'fixtures/demo/bidui.config.yaml');
const db = path.join(root, 'out/demo.db');
fs.mkdirSync(path.dirname(db), { recursive: true });
for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });

const { months } = JSON.parse(fs.readFileSync(path.join(root, 'fixtures/demo/expected.json'), 'utf8')) as { months: string[] };
for (const period of months) {
  console.log(`\n===== ${period} =====`);
  const r = spawnSync(process.execPath, [path.join(root, 'bin/bidui.js'), '--config', config, '--db', db, 'run', '--period', period], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 70);
}
console.log(`\n演示完成：数据库 ${path.relative(process.cwd(), db)}，核查表在 out/ 下各月份目录中。`);
console.log('Demo done: database out/demo.db; workbooks under out/<period>/.');
