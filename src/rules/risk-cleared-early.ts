// risk-cleared-early 风险消除监测期不足: a 防返贫 row marked 风险已消除 fewer than M months after the risk was identified.
import type { Rule } from './types.js';
import { ids } from './workset.js';

/** YYYY-MM → months since year 0, so differences count only year and month (as monthDiff does). */
const months = (col: string): string => `(CAST(substr(${col}, 1, 4) AS INTEGER) * 12 + CAST(substr(${col}, 6, 2) AS INTEGER))`;

export const riskClearedEarly: Rule = {
  code: 'risk-cleared-early',
  name: '风险消除监测期不足',
  severity: '疑点',
  params: [
    {
      name: 'months',
      label: '风险消除前最短监测月数',
      type: 'int',
      default: 6,
      min: 1,
      max: 36,
      reason: '多地风险消除程序要求纳入监测满 6 个月、收入稳定后方可标注风险消除（弋江、枞阳、海南等）',
    },
  ],
  describe: (p) =>
    `防返贫监测名单中标注“风险已消除”的人，风险消除时间与风险识别时间相差不足 ${p.months} 个月（按年月计算），监测期不足，请核实。`,
  skipReason: (ctx) =>
    !ctx.has('fangpin')
      ? '本期未导入防返贫名单'
      : !ctx.hasColumn('fangpin', 'risk_cleared')
        ? '防返贫名单没有“风险是否消除”列'
        : !ctx.hasColumn('fangpin', 'risk_identified_at')
          ? '防返贫名单没有“风险识别时间”列'
          : !ctx.hasColumn('fangpin', 'risk_cleared_at')
            ? '防返贫名单没有“风险消除时间”列'
            : null,
  run(ctx) {
    const m = ctx.params.months as number;
    // MIN() makes the bare columns come from the row with the shortest monitoring period.
    const rows = ctx.db
      .prepare(
        `SELECT f.id_number, MIN(${months('f.risk_cleared_at')} - ${months('f.risk_identified_at')}) AS span,
                f.risk_identified_at AS identified, f.risk_cleared_at AS cleared, json_group_array(f.id) AS f_ids
           FROM cur f
          WHERE f.kind = 'fangpin' AND f.active = 1 AND f.id_number IS NOT NULL AND f.risk_cleared = 1
            AND f.risk_identified_at IS NOT NULL AND f.risk_cleared_at IS NOT NULL
            AND ${months('f.risk_cleared_at')} - ${months('f.risk_identified_at')} < ?
          GROUP BY f.id_number`,
      )
      .all(m) as { id_number: string; span: number; identified: string; cleared: string; f_ids: string }[];
    return rows.map((r) => ({
      id_number: r.id_number,
      row_ids: ids(r.f_ids),
      explanation:
        r.span < 0
          ? `疑似风险消除时间有误：防返贫名单风险识别时间 ${r.identified}，风险消除时间 ${r.cleared} 反而更早（要求监测满 ${m} 个月），请核实。`
          : `疑似风险消除过早：防返贫名单风险识别时间 ${r.identified}、风险消除时间 ${r.cleared}，监测期仅 ${r.span} 个月，不足 ${m} 个月，请核实。`,
      detail: { identified: r.identified, cleared: r.cleared },
    }));
  },
};
