namespace DetSim.Cli.Bench;

/// <summary>PNG charts of the measured costs (ScottPlot).</summary>
public static class Charts
{
    public static void Formats(IReadOnlyList<ReplicationBench.FormatRow> rows, string path)
    {
        var plt = new ScottPlot.Plot();
        string[] formats = ["ROW", "STATEMENT", "MIXED"];
        var statements = rows.Select(r => r.Statement).Distinct().ToList();
        var bars = new List<ScottPlot.Bar>();
        ScottPlot.Color[] colors = [ScottPlot.Colors.SteelBlue, ScottPlot.Colors.Orange];
        for (int s = 0; s < statements.Count; s++)
            for (int f = 0; f < formats.Length; f++)
                bars.Add(new ScottPlot.Bar
                {
                    Position = f * (statements.Count + 1) + s,
                    Value = rows.First(r => r.Statement == statements[s] && r.Format == formats[f]).BinlogBytes,
                    FillColor = colors[s % colors.Length],
                });
        plt.Add.Bars(bars);
        plt.Axes.Bottom.SetTicks(formats.Select((_, f) => f * (statements.Count + 1) + (statements.Count - 1) / 2.0).ToArray(), formats);
        plt.Title("binlog bytes for one bulk UPDATE (blue: safe, orange: with LIMIT)");
        plt.XLabel("binlog_format");
        plt.YLabel("binlog bytes written (bytes)");
        Save(plt, path);
    }

    public static void Semisync(IReadOnlyList<ReplicationBench.SemisyncRow> rows, string path)
    {
        var plt = new ScottPlot.Plot();
        var bars = new List<ScottPlot.Bar>();
        for (int i = 0; i < rows.Count; i++)
        {
            bars.Add(new ScottPlot.Bar { Position = i * 3, Value = rows[i].P50Ms, FillColor = ScottPlot.Colors.SteelBlue });
            bars.Add(new ScottPlot.Bar { Position = i * 3 + 1, Value = rows[i].P99Ms, FillColor = ScottPlot.Colors.Orange });
        }
        plt.Add.Bars(bars);
        plt.Axes.Bottom.SetTicks(rows.Select((_, i) => i * 3 + 0.5).ToArray(), rows.Select(r => r.Acks == 0 ? r.Mode : $"{r.Mode} x{r.Acks}").ToArray());
        plt.Title("commit latency by mode (blue: p50, orange: p99)");
        plt.XLabel("replication mode (semi-sync wait point x ACKs required)");
        plt.YLabel("commit latency (simulated ms)");
        Save(plt, path);
    }

    /// <summary>Each replica's lag behind its source over one run (<see cref="Explanation.ReplicaLag"/>).</summary>
    public static void ReplicaLag(IReadOnlyList<Explanation.LagSeries> series, string title, string path)
    {
        var plt = new ScottPlot.Plot();
        ScottPlot.Color[] colors = [ScottPlot.Colors.SteelBlue, ScottPlot.Colors.Orange, ScottPlot.Colors.SeaGreen, ScottPlot.Colors.Crimson, ScottPlot.Colors.SlateGray];
        for (int i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var line = plt.Add.ScatterLine(s.Points.Select(p => p.Ms).ToArray(), s.Points.Select(p => p.Bytes).ToArray());
            line.LegendText = s.Replica;
            line.Color = colors[i % colors.Length];
            line.ConnectStyle = ScottPlot.ConnectStyle.StepHorizontal;
        }
        if (series.Count == 0) plt.Add.Text("no replica received binlog in this run", 0, 0);
        plt.ShowLegend();
        plt.Title(title);
        plt.XLabel("simulated time (ms)");
        plt.YLabel("lag behind the source (binlog bytes)");
        Save(plt, path);
    }

    private static void Save(ScottPlot.Plot plt, string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
        plt.SavePng(path, 800, 450);
    }
}
