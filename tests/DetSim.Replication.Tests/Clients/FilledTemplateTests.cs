using System.Globalization;
using DetSim.Replication.Clients;
using DetSim.Replication.Sql;

namespace DetSim.Replication.Tests.Clients;

/// <summary>A template filled in one pass gives the text that replacing ?, {n} and {session} in turn gives.</summary>
public class FilledTemplateTests
{
    private static string Replaced(string sql, TemplateValues v) =>
        sql.Replace("?", v.Key.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{n}", v.N.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{session}", v.Session.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [Theory]
    [InlineData("INSERT INTO t (id, v) VALUES ({n}, {session})")]
    [InlineData("UPDATE t SET v = v + 1 WHERE id = ?")]
    [InlineData("SELECT * FROM t ORDER BY id DESC LIMIT 100")]
    [InlineData("?{n}{session}??")]
    [InlineData("{{n}session} {?} {sess {n")]
    [InlineData("INSERT INTO t VALUES (?, 'a?{n}')")]
    [InlineData("")]
    public void One_pass_fills_as_replacing_in_turn(string template)
    {
        var filled = new FilledTemplate(template);
        foreach (TemplateValues v in new TemplateValues[] { new(0, 1, 2), new(-5, 123456789012, 7), new(42, 3, 0) })
            Assert.Equal(Replaced(template, v), filled.Fill(v));
    }

    [Fact]
    public void A_template_without_placeholders_is_sent_as_it_is()
    {
        const string read = "SELECT * FROM t ORDER BY id DESC LIMIT 100";
        Assert.Same(read, new FilledTemplate(read).Fill(new TemplateValues(1, 2, 3)));
    }
}
