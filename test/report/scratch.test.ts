import { it } from 'vitest';
import { countyWithKey, loadMonth1, P1, report } from './scenario.js';
it('scratch', async () => {
  const c = await countyWithKey();
  await loadMonth1(c);
  const r = c.check(P1);
  console.log(r.findings.map((f) => [f.rule, f.township, f.village, f.name, f.id_number, f.id_raw, f.status].join(' | ')).join('\n'));
  const s = await report(c, P1, '/tmp/scratch/out');
  console.log(JSON.stringify(s, null, 1));
});
