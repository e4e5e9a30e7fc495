// The commented Chinese bidui.config.yaml that `bidui init` writes.
import { DEFAULT_LIMITS, LIMIT_SETTINGS, type Limits } from '../ingest/formats/limits.js';

export interface TemplateRule {
  code: string;
  name: string;
  severity: string;
  params: readonly { name: string; label: string; default: number | boolean | string[]; reason: string }[];
}

function yamlValue(v: number | boolean | string[]): string {
  if (Array.isArray(v)) return `[${v.map((x) => (/^[\w\u4e00-\u9fff-]+$/.test(x) && !/^\d/.test(x) ? x : JSON.stringify(x))).join(', ')}]`;
  return String(v);
}

export function configTemplate(rules: readonly TemplateRule[], county = '某县'): string {
  const lines = [
    '# bidui 配置文件（台账比对）。以 # 开头的行是说明，可以删除。',
    '# 修改后运行 bidui rules 可查看生效的参数；运行 bidui run 执行每月任务。',
    '',
    '# 县（区）名称：写在核查表和县级汇总的标题中；名单中没有“县区”列时，也是各行所属的县',
    `county: ${county}`,
    '',
    '# 路径可写相对于本配置文件所在目录的，也可写完整路径（D:\\民政\\bidui.db）；/ 和 \\ 都可作分隔符。',
    "# Windows 路径含 \\ 时请用单引号括起或不加引号（'名单\\{period}\\低保*.xlsx'）：双引号中的 \\ 是转义符。",
    '',
    '# 数据库文件（相对于本配置文件所在目录）。数据库含个人信息，请放在只有经办人能访问的位置',
    '# （不要放在网络共享盘上：SQLite 在网络共享上加锁不可靠）',
    'db: bidui.db',
    '',
    '# 核查表输出目录：每月生成 <目录>/<月份>/<乡镇>_疑点核查表.xlsx、县级汇总.xlsx、findings.csv',
    'out: out',
    '',
    '# 乡镇反馈期限（天，从生成核查表之日算起）',
    'deadline_days: 15',
    '',
    '# 对外提供的名单是否隐去身份证号中间 8 位（410102********1234）',
    'mask_ids: false',
    '',
    '# 比对规则：每条规则可写 enabled: false 停用，或修改参数。未写的规则使用默认值。',
    'rules:',
  ];
  for (const r of rules) {
    lines.push(`  # ${r.code}：${r.name}（${r.severity}）`);
    if (r.params.length === 0) {
      lines.push(`  # ${r.code}:`, `  #   enabled: true`);
      continue;
    }
    lines.push(`  ${r.code}:`);
    for (const p of r.params) {
      lines.push(`    # ${p.label}。${p.reason}`);
      lines.push(`    ${p.name}: ${yamlValue(p.default)}`);
    }
  }
  lines.push(
    '',
    '# 每月要导入的名单（bidui run 使用）。path 相对于本配置文件；{period} 会替换为比对月份（如 2024-11），',
    '# 也可用 {yyyymm}、{yyyy}、{mm}；可用 * 和 ? 通配符匹配多个文件（如每个乡镇一个文件），其他字符（如括号）按原样匹配；',
    '# Excel/WPS 打开文件时留下的 ~$ 开头的临时文件会被跳过。',
    '# 可选设置：optional: true（文件不存在时跳过而不报错）、sheet、encoding、area（农村/城市）、label（外部名单名称）、county（这些文件所属的县，汇集几个县时用）、',
    '# header_row（表头行号）、map（字段: 表头，手工指定列）。',
    '# kind 取值：dibao 低保、tekun 特困、fangpin 防返贫、canji 残疾人、liangbu 两项补贴、death 死亡/火化、ext 外部核对名单',
    'inputs:',
    '  - kind: dibao',
    '    path: "名单/{period}/低保*.xlsx"',
    '  - kind: tekun',
    '    path: "名单/{period}/特困*.xls*"',
    '  - kind: fangpin',
    '    path: "名单/{period}/防返贫*.csv"',
    '    optional: true',
    '  - kind: canji',
    '    path: "名单/{period}/残疾人*.xlsx"',
    '    optional: true',
    '  - kind: liangbu',
    '    path: "名单/{period}/两项补贴*.xlsx"',
    '    optional: true',
    '  - kind: death',
    '    path: "名单/火化数据/*.csv"',
    '    optional: true',
    '  - kind: ext',
    '    path: "名单/外部名单/财政供养人员.xlsx"',
    '    label: 财政供养人员',
    '    optional: true',
    '',
    '# 导入文件的上限：损坏或被恶意构造的文件（压缩炸弹、没有换行的超长行、几百万行的表格）会在超过上限时报错停止',
    '# （退出码 2），不会拖垮程序。下面是默认值，一般不需要改；确有更大的名单文件时，去掉 # 后调大相应的一项。',
    '# limits:',
    ...Object.entries(LIMIT_SETTINGS).map(([field, l]) => `#   ${`${l.key}: ${DEFAULT_LIMITS[field as keyof Limits] / l.unit}`.padEnd(24)} # ${l.note}`),
    '',
  );
  return lines.join('\n');
}
