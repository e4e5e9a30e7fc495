// The dashboard's charts as SVG text, drawn at report time by Apache ECharts' server-side renderer (no browser, no canvas).
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { install as BarChart } from 'echarts/lib/chart/bar/install.js';
import { install as LineChart } from 'echarts/lib/chart/line/install.js';
import { install as GridComponent } from 'echarts/lib/component/grid/installSimple.js';
import { install as LegendComponent } from 'echarts/lib/component/legend/installLegendPlain.js';
import { install as SVGRenderer } from 'echarts/lib/renderer/installSVGRenderer.js';
import type { Chart } from './page-model.js';

// The parts one by one: 'echarts/charts' and 'echarts/components' load every chart and component there is (ES modules
// are not tree-shaken at run time), which costs the report half a second for nothing.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

type Option = echarts.ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption>;

/**
 * Fonts from the system: Windows, macOS, then Linux CJK fonts. No quotes: ECharts writes it into SVG style attributes
 * unescaped, and these names are valid CSS without them.
 */
export const FONT_STACK = 'Microsoft YaHei, PingFang SC, Hiragino Sans GB, Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, SimHei, sans-serif';

/** Widths in CSS pixels: the page is 1040 px wide, which is also the printable width of A4 landscape. */
export const CHART_WIDTH = { full: 1040, half: 510 } as const;

/** One colour per series key, the same meaning in every chart (red: 整改未见效 / 新增, green: done). */
const COLORS: Record<string, string> = {
  suspects: '#e8590c',
  notices: '#4c6ef5',
  new: '#c92a2a',
  resolved: '#2b8a3e',
  pending: '#4c6ef5',
  ineffective: '#e03131',
  verified: '#adb5bd',
  answered: '#2f9e44',
  unanswered: '#ced4da',
  missing: '#868e96',
  masked: '#ae3ec9',
  truncated: '#f08c00',
  bad_format: '#1098ad',
  bad_date: '#74b816',
  bad_checksum: '#e64980',
};

const ROW_HEIGHT = 26;
const LABEL_SIZE = 12;

/** Roughly how wide a label is drawn: CJK characters a full em, others about 0.6 em. */
function textWidth(s: string, size = LABEL_SIZE): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? size : size * 0.6;
  return Math.ceil(w);
}

export function chartHeight(c: Chart): number {
  return c.horizontal ? 56 + Math.max(c.categories.length, 1) * ROW_HEIGHT : 320;
}

/** For each category, the last bar series with a value there: the end of the stack, where the total is written. */
function stackEnds(c: Chart): number[] {
  return c.categories.map((_, ci) => {
    let last = -1;
    c.series.forEach((s, si) => {
      if (s.type === 'bar' && s.values[ci] !== null) last = si;
    });
    return last;
  });
}

function option(c: Chart): Option {
  const ends = stackEnds(c);
  const totalWidth = Math.max(0, ...c.totals.map((t) => textWidth(t)));
  // Long category names (rules, files) get up to 180 px, then an ellipsis.
  const labelWidth = Math.min(180, Math.max(0, ...c.categories.map((t) => textWidth(t) + 6)));
  const category = {
    type: 'category' as const,
    data: c.categories,
    inverse: c.horizontal,
    axisTick: { alignWithLabel: true },
    axisLabel: { color: '#343a40', fontSize: LABEL_SIZE, width: c.horizontal ? labelWidth : undefined, overflow: 'truncate' as const },
    axisLine: { lineStyle: { color: '#adb5bd' } },
  };
  const value = {
    type: 'value' as const,
    minInterval: 1,
    axisLabel: { color: '#868e96', fontSize: 11 },
    splitLine: { lineStyle: { color: '#e9ecef' } },
  };
  return {
    animation: false,
    textStyle: { fontFamily: FONT_STACK },
    legend: { top: 0, left: 'center', itemWidth: 14, itemHeight: 10, textStyle: { fontSize: LABEL_SIZE, color: '#343a40' }, selectedMode: false },
    // Some room on the left: ECharts measures Latin text without a browser a little narrower than it is drawn.
    grid: { left: 16, right: c.horizontal ? totalWidth + 16 : 24, top: 30, bottom: 8 },
    xAxis: c.horizontal ? value : category,
    yAxis: c.horizontal ? category : value,
    series: c.series.map((s, si): BarSeriesOption | LineSeriesOption => {
      const color = COLORS[s.key] ?? '#495057';
      if (s.type === 'line') {
        return {
          type: 'line', name: s.name, data: s.values.map((v) => v ?? '-'), silent: true, symbol: 'circle', symbolSize: 7, showSymbol: true,
          showAllSymbol: true, itemStyle: { color }, lineStyle: { color, width: 2 }, z: 3,
          label: { show: true, position: 'top', fontSize: 11, color, textBorderColor: '#fff', textBorderWidth: 3 }, labelLayout: { hideOverlap: true },
        };
      }
      return {
        type: 'bar', name: s.name, stack: 'total', silent: true, barMaxWidth: c.horizontal ? 18 : 36, itemStyle: { color }, labelLayout: { hideOverlap: true },
        data: s.values.map((v, ci) =>
          v === null ? '-'
          : ends[ci] === si ? { value: v, label: { show: true, position: c.horizontal ? 'right' : 'top', formatter: c.totals[ci] ?? '', color: '#212529', fontSize: LABEL_SIZE } }
          : v,
        ),
      };
    }),
  };
}

/** The chart as an SVG element, sized for its place on the page. */
export function renderChart(c: Chart): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH[c.layout], height: chartHeight(c) });
  try {
    chart.setOption(option(c));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
