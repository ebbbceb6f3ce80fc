// Builds the space-time diagram of one DetSim run from window.DETSIM (written by detsim explain --html).
(function () {
  'use strict';
  var D = window.DETSIM;
  var lanes = D.lanes.map(function (l) { return l.name; });
  var laneIndex = {};
  lanes.forEach(function (n, i) { laneIndex[n] = i; });
  var colors = {
    request: '#1e88e5', reply: '#43a047', binlog: '#8e24aa', ack: '#f4511e', heartbeat: '#b0bec5',
    dropped: '#e53935', other: '#78909c', crash: '#b71c1c', restart: '#2e7d32', pause: '#0277bd',
    resume: '#0277bd', partition: '#ef6c00', heal: '#ef6c00', clockjump: '#00838f', fault: '#5d4037',
    error: '#ff6f00', note: '#90a4ae', commit: '#2e7d32', violation: '#d50000', failover: '#6a1b9a', end: '#455a64'
  };
  var symbols = {
    crash: 'triangle', restart: 'circle', pause: 'rect', resume: 'rect', partition: 'diamond', heal: 'diamond',
    clockjump: 'roundRect', fault: 'diamond', error: 'circle', note: 'circle', commit: 'circle', violation: 'pin'
  };
  function ms(us) { return (us / 1000).toFixed(3) + ' ms'; }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }

  // Messages, one series per type so the legend can hide heartbeats and the like.
  var byType = {};
  D.messages.forEach(function (m) {
    var type = colors[m.type] ? m.type : 'other';
    (byType[type] = byType[type] || []).push({
      coords: [[m.sent / 1000, laneIndex[m.from]], [m.at / 1000, laneIndex[m.to]]],
      tip: '<b>' + esc(m.type) + '</b> ' + esc(m.from) + ' &rarr; ' + esc(m.to) + (m.dropped ? ' <b>(dropped)</b>' : '') +
        '<br>delivered ' + ms(m.at) + ', sender last stepped ' + ms(m.sent) + '<br>step ' + m.step + ': ' + esc(m.text)
    });
  });
  var series = [];
  Object.keys(byType).sort().forEach(function (type) {
    series.push({
      name: type, type: 'lines', coordinateSystem: 'cartesian2d', z: 2, clip: true,
      symbol: ['none', type === 'dropped' ? 'none' : 'arrow'], symbolSize: 6,
      lineStyle: { color: colors[type], width: 1, opacity: 0.7, type: type === 'dropped' ? 'dashed' : 'solid' },
      itemStyle: { color: colors[type] },
      emphasis: { lineStyle: { width: 3, opacity: 1 } },
      data: byType[type]
    });
  });

  // Spans: down, paused, partitioned, and the violating operations, as bands on their lanes.
  function band(name, items, color, opacity, z) {
    return {
      name: name, type: 'custom', z: z,
      renderItem: function (params, api) {
        var lane = api.value(0), from = api.coord([api.value(1), lane]), to = api.coord([api.value(2), lane]);
        var h = api.size([0, 1])[1] * 0.8;
        var rect = echarts.graphic.clipRectByRect(
          { x: from[0], y: from[1] - h / 2, width: Math.max(to[0] - from[0], 2), height: h },
          { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
        return rect && { type: 'rect', shape: rect, style: { fill: color, opacity: opacity } };
      },
      encode: { x: [1, 2], y: 0 },
      itemStyle: { color: color },
      data: items
    };
  }
  var spanItems = { crash: [], pause: [], partition: [] };
  D.spans.forEach(function (s) {
    var to = s.to === null ? D.end : s.to;
    (spanItems[s.kind] || (spanItems[s.kind] = [])).push({ value: [laneIndex[s.node], s.from / 1000, to / 1000], tip: esc(s.text) + '<br>' + ms(s.from) + ' to ' + (s.to === null ? 'the end of the run' : ms(s.to)) });
  });
  series.push(band('down', spanItems.crash, '#b71c1c', 0.18, 0));
  series.push(band('paused', spanItems.pause, '#0277bd', 0.18, 0));
  series.push(band('partitioned', spanItems.partition, '#ef6c00', 0.22, 0));
  series.push(band('violating operation', D.violatingOps.map(function (o) {
    return { value: [laneIndex[o.lane], o.from / 1000, o.to / 1000], tip: '<b>violating operation</b><br>' + esc(o.text) };
  }), '#d50000', 0.45, 1));

  // Point marks on a lane; marks that concern every lane become vertical lines.
  var points = {}, vertical = [];
  D.marks.forEach(function (m) {
    if (m.node === null || laneIndex[m.node] === undefined) {
      if (m.kind === 'failover' || m.kind === 'heal' || m.kind === 'end' || m.kind === 'violation' || m.kind === 'fault')
        vertical.push({ xAxis: m.at / 1000, name: m.kind, tip: '<b>' + m.kind + '</b> ' + ms(m.at) + '<br>' + esc(m.text), lineStyle: { color: colors[m.kind], width: m.kind === 'failover' ? 2 : 1, type: m.kind === 'end' ? 'dotted' : 'solid' }, label: { formatter: m.kind, color: colors[m.kind] } });
      return;
    }
    (points[m.kind] = points[m.kind] || []).push({ value: [m.at / 1000, laneIndex[m.node]], tip: '<b>' + m.kind + '</b> ' + esc(m.node) + ' at ' + ms(m.at) + '<br>' + esc(m.text) });
  });
  Object.keys(points).sort().forEach(function (kind) {
    series.push({
      name: kind, type: 'scatter', clip: true, z: kind === 'violation' ? 10 : 5, symbol: symbols[kind] || 'circle',
      symbolSize: kind === 'commit' ? 4 : kind === 'violation' ? 22 : 11,
      itemStyle: { color: colors[kind] || '#000', borderColor: kind === 'violation' ? '#000' : undefined },
      data: points[kind]
    });
  });
  series.push({ name: 'failover', type: 'lines', itemStyle: { color: colors.failover }, coordinateSystem: 'cartesian2d', data: [], markLine: { symbol: 'none', silent: false, data: vertical, tooltip: { formatter: function (p) { return p.data.tip; } } } });

  var hidden = { heartbeat: false, note: false, commit: D.messages.length > 3000 ? false : true };
  var el = document.getElementById('diagram');
  el.style.height = Math.max(320, 70 + lanes.length * 60) + 'px';
  var chart = echarts.init(el, null, { renderer: D.renderer });
  chart.setOption({
    animation: false,
    title: { text: D.title, left: 'center', textStyle: { fontSize: 13 } },
    legend: { top: 22, left: 10, right: 130, type: 'scroll', selected: hidden },
    tooltip: { trigger: 'item', confine: true, formatter: function (p) { return (p.data && p.data.tip) || p.seriesName; } },
    toolbox: { right: 10, feature: { dataZoom: { yAxisIndex: 'none' }, restore: {}, saveAsImage: {} } },
    grid: { left: 100, right: 30, top: 60, bottom: 70 },
    xAxis: { type: 'value', name: 'simulated time (ms)', nameLocation: 'middle', nameGap: 24, min: 0, max: D.end / 1000, axisLabel: { formatter: function (v) { return v.toFixed(v < 10 ? 2 : 0); } } },
    yAxis: { type: 'category', name: 'node', data: lanes, inverse: true, splitLine: { show: true }, axisLabel: { fontWeight: 'bold' } },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'slider', xAxisIndex: 0, filterMode: 'none', height: 18, bottom: 8, startValue: D.zoom[0] / 1000, endValue: D.zoom[1] / 1000 }
    ],
    series: series
  });
  chart.dispatchAction({ type: 'dataZoom', startValue: D.zoom[0] / 1000, endValue: D.zoom[1] / 1000 });
  window.addEventListener('resize', function () { chart.resize(); });
  window.detsimChart = chart;

  // Clicking a narrative line or a mark zooms the diagram to its moment.
  function zoomTo(us) {
    var width = Math.max((D.zoom[1] - D.zoom[0]) / 4, 2000);
    chart.dispatchAction({ type: 'dataZoom', startValue: Math.max(0, us - width / 2) / 1000, endValue: Math.min(D.end, us + width / 2) / 1000 });
  }
  document.querySelectorAll('[data-at]').forEach(function (li) {
    li.addEventListener('click', function () { zoomTo(Number(li.getAttribute('data-at'))); });
  });
  document.body.setAttribute('data-rendered', 'true');
})();
