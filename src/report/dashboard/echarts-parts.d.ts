// Types for the few ECharts modules charts.ts imports one by one (the package ships no declarations beside them).
declare module 'echarts/lib/chart/bar/install.js' {
  export function install(registers: unknown): void;
}
declare module 'echarts/lib/chart/line/install.js' {
  export function install(registers: unknown): void;
}
declare module 'echarts/lib/component/grid/installSimple.js' {
  export function install(registers: unknown): void;
}
declare module 'echarts/lib/component/legend/installLegendPlain.js' {
  export function install(registers: unknown): void;
}
declare module 'echarts/lib/renderer/installSVGRenderer.js' {
  export function install(registers: unknown): void;
}
