using DetSim.Core.Random;
using DetSim.Core.Time;
using DetSim.Replication.Engine;
using DetSim.Replication.Execution;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Tests.Sql;

/// <summary>
/// A client's template is parsed once and bound to each request's values; the outcome must be the
/// one the filled text gives, and a template whose filled text could lex or parse otherwise is not
/// bound at all.
/// </summary>
public class TemplateTests
{
    private static SessionContext Session() => new(() => new SimTime(1), new SimRandom(1), "app@client", 7, "uuid", 1, 1);

    private static TransactionStore Store()
    {
        var engine = new InnoDb(new DetSim.Core.Disk.SimDisk(), FlushLogAtTrxCommit.EachCommit);
        engine.LoadBaseline(new RedoBaseline([(TableSchema.Simple(), [.. Enumerable.Range(1, 6).Select(i => new[] { Value.Of(i), Value.Of(i * 10) })])]));
        return new TransactionStore(engine);
    }

    private static string Fill(string template, TemplateValues v) =>
        template.Replace("?", v.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{n}", v.N.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{session}", v.Session.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string Summary(StatementOutcome o, TransactionStore store) =>
        $"{o.Sql}|ro={o.IsReadOnly}|unsafe={o.IsUnsafe}|rows={string.Join(";", o.Rows.Select(r => string.Join(",", r)))}"
        + $"|changes={string.Join(";", store.Changes.Select(c => $"{c.Kind}:{(c.Before is null ? "" : string.Join(",", c.Before))}>{(c.After is null ? "" : string.Join(",", c.After))}"))}";

    [Theory]
    [InlineData("INSERT INTO t (id, v) VALUES ({n}, {session})")]
    [InlineData("INSERT INTO t (id, v) VALUES ({n}, ? * 2 - {session})")]
    [InlineData("UPDATE t SET v = v + {n} WHERE id = ?")]
    [InlineData("UPDATE t SET v = -? WHERE id IN (?, {session})")]
    [InlineData("DELETE FROM t WHERE id = ?")]
    [InlineData("SELECT * FROM t WHERE id BETWEEN ? AND ? + 2 ORDER BY id DESC")]
    [InlineData("SELECT v FROM t WHERE id = ? FOR UPDATE")]
    public void A_bound_template_runs_as_its_filled_text(string template)
    {
        Assert.NotNull(Parser.ParseTemplate(template));
        var viaTemplate = new StatementExecutor();
        foreach (TemplateValues values in new TemplateValues[] { new(3, 11, 2), new(5, 12, 0), new(0, 13, 7) })
        {
            string sql = Fill(template, values);
            TransactionStore a = Store(), b = Store();
            StatementOutcome text = new StatementExecutor().Run(sql, a, Session(), Flavor.MySql80);
            StatementOutcome bound = viaTemplate.Run(sql, template, values, b, Session(), Flavor.MySql80);
            Assert.Equal(Summary(text, a), Summary(bound, b));
        }
    }

    [Theory]
    [InlineData("SELECT * FROM t LIMIT ?")]                       // the grammar wants a number
    [InlineData("INSERT INTO t (id, v) VALUES ({n}, 'a?')")]      // inside a string: filled as text
    [InlineData("SELECT * FROM t WHERE id = 1{n}")]               // touches a number: 111, not 1 then 11
    [InlineData("SELECT * FROM t_{session}")]                     // part of a name
    [InlineData("SELECT * FROM t ORDER BY id")]                   // nothing to bind: the text cache serves it
    [InlineData("SET @x = ?")]                                    // not DML
    [InlineData("INSERT INTO t VALUES (?, {m})")]                 // an unknown brace does not lex
    public void A_template_that_could_parse_otherwise_is_not_bound(string template) =>
        Assert.Null(Parser.ParseTemplate(template));

    [Fact]
    public void An_unbound_template_still_runs_its_filled_text()
    {
        const string template = "INSERT INTO t (id, v) VALUES ({n}, 1{session})";
        var values = new TemplateValues(1, 20, 4);
        TransactionStore store = Store();
        StatementOutcome o = new StatementExecutor().Run(Fill(template, values), template, values, store, Session(), Flavor.MySql80);
        Assert.Equal("20,14", string.Join(",", store.Changes.Single().After!));
        Assert.Equal("INSERT INTO t (id, v) VALUES (20, 14)", o.Sql);
    }

    [Fact]
    public void A_negative_value_is_run_as_text()
    {
        // "-5" parses as a negation of 5; the bound value is run only when it fills in as a plain number.
        Assert.False(new TemplateValues(-5, 1, 1).Bindable);
        const string template = "UPDATE t SET v = ? WHERE id = 2";
        var values = new TemplateValues(-5, 1, 1);
        TransactionStore store = Store();
        new StatementExecutor().Run(Fill(template, values), template, values, store, Session(), Flavor.MySql80);
        Assert.Equal("2,-5", string.Join(",", store.Changes.Single().After!));
    }
}
