import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { type CSSProperties, useEffect, useRef } from 'react';

/**
 * A small own wrapper around `echarts.init` (echarts-for-react does not declare ECharts 6).
 * ECharts is imported lazily, so pages without charts never load it.
 */
export function EChart({
  option,
  style,
  theme,
}: {
  option: EChartsCoreOption;
  style?: CSSProperties;
  theme?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    import('echarts').then((echarts) => {
      if (disposed || !ref.current) return;
      chart.current = echarts.init(ref.current, theme);
      chart.current.setOption(latest.current);
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(ref.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} style={{ width: '100%', height: 300, ...style }} />;
}
