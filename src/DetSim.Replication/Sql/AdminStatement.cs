using System.Globalization;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Sql;

/// <summary>Which replication threads a STOP / START REPLICA names (RM80 stop-replica.html: none named means both).</summary>
[Flags]
public enum ReplicaThreads : byte
{
    Io = 1,
    Sql = 2,
    Both = Io | Sql,
}

/// <summary>
/// The statements a DBA types that are not data statements: STOP / START REPLICA (or SLAVE) with
/// IO_THREAD / SQL_THREAD, SET [SESSION] sql_log_bin, and CHANGE REPLICATION SOURCE TO (or MariaDB's
/// CHANGE MASTER TO) with a file and position. <see cref="TryParse"/> answers null for anything
/// else, which then runs as ordinary SQL.
/// </summary>
public abstract record AdminStatement
{
    public static AdminStatement? TryParse(string sql)
    {
        int first = 0;
        while (first < sql.Length && char.IsWhiteSpace(sql[first])) first++;
        if (first == sql.Length || sql[first] is not ('S' or 's' or 'C' or 'c')) return null; // STOP, START, SET, CHANGE
        List<Token> t;
        try { t = Lexer.Tokenize(sql); }
        catch (SqlError) { return null; }
        var p = new Cursor(sql, t);
        AdminStatement? s = p.Statement();
        if (s is null) return null;
        p.AcceptSymbol(";");
        if (!p.AtEnd) throw p.Error();
        return s;
    }

    private sealed class Cursor(string sql, List<Token> tokens)
    {
        private int _pos;

        public bool AtEnd => tokens[_pos].Kind == TokenKind.End;

        public SqlError Error() => SqlError.Parse(AtEnd ? "" : sql[tokens[_pos].Position..]);

        private bool Accept(string word)
        {
            if (!tokens[_pos].Is(word)) return false;
            _pos++;
            return true;
        }

        public bool AcceptSymbol(string symbol)
        {
            if (!tokens[_pos].IsSymbol(symbol)) return false;
            _pos++;
            return true;
        }

        private bool Peek(int ahead, string word) => _pos + ahead < tokens.Count && tokens[_pos + ahead].Is(word);

        public AdminStatement? Statement()
        {
            if ((Peek(0, "STOP") || Peek(0, "START")) && (Peek(1, "REPLICA") || Peek(1, "SLAVE")))
            {
                bool start = tokens[_pos].Is("START");
                _pos += 2;
                ReplicaThreads threads = Threads();
                return start ? new StartReplicaStatement(threads) : new StopReplicaStatement(threads);
            }
            if (Peek(0, "SET") && (Peek(1, "sql_log_bin") || (Peek(1, "SESSION") && Peek(2, "sql_log_bin"))))
            {
                _pos += Peek(1, "SESSION") ? 3 : 2;
                if (!AcceptSymbol("=")) throw Error();
                return new SetSqlLogBinStatement(Switch());
            }
            if (Peek(0, "SET") && IsolationStatement() is { } isolation) return isolation;
            if (Peek(0, "CHANGE") && (Peek(1, "REPLICATION") || Peek(1, "MASTER")))
            {
                _pos++;
                if (Accept("REPLICATION")) { if (!Accept("SOURCE")) throw Error(); }
                else Accept("MASTER");
                if (!Accept("TO")) throw Error();
                return ChangeSource();
            }
            return null;
        }

        /// <summary>
        /// SET [SESSION] transaction_isolation | tx_isolation = 'READ-COMMITTED' (MariaDB 10.11 knows only
        /// tx_isolation), or SET [SESSION] TRANSACTION ISOLATION LEVEL READ COMMITTED (RM80 set-transaction.html).
        /// </summary>
        private SetIsolationStatement? IsolationStatement()
        {
            int at = Peek(1, "SESSION") ? 2 : 1;
            if (Peek(at, "transaction_isolation") || Peek(at, "tx_isolation"))
            {
                _pos += at + 1;
                if (!AcceptSymbol("=")) throw Error();
                Token v = tokens[_pos++];
                IsolationLevel? level = v.Kind == TokenKind.String ? v.Text.ToUpperInvariant() switch
                {
                    "REPEATABLE-READ" => IsolationLevel.RepeatableRead,
                    "READ-COMMITTED" => IsolationLevel.ReadCommitted,
                    "READ-UNCOMMITTED" => IsolationLevel.ReadUncommitted,
                    "SERIALIZABLE" => IsolationLevel.Serializable,
                    _ => null,
                } : null;
                if (level is null) { _pos--; throw Error(); }
                return new SetIsolationStatement(level.Value);
            }
            if (Peek(at, "TRANSACTION") && Peek(at + 1, "ISOLATION") && Peek(at + 2, "LEVEL"))
            {
                _pos += at + 3;
                if (Accept("REPEATABLE") && Accept("READ")) return new SetIsolationStatement(IsolationLevel.RepeatableRead);
                if (Accept("SERIALIZABLE")) return new SetIsolationStatement(IsolationLevel.Serializable);
                if (Accept("READ"))
                {
                    if (Accept("COMMITTED")) return new SetIsolationStatement(IsolationLevel.ReadCommitted);
                    if (Accept("UNCOMMITTED")) return new SetIsolationStatement(IsolationLevel.ReadUncommitted);
                }
                throw Error();
            }
            return null;
        }

        /// <summary>[IO_THREAD | SQL_THREAD [, ...]]; none named: both.</summary>
        private ReplicaThreads Threads()
        {
            ReplicaThreads named = 0;
            do
            {
                if (Accept("IO_THREAD")) named |= ReplicaThreads.Io;
                else if (Accept("SQL_THREAD")) named |= ReplicaThreads.Sql;
                else if (named != 0) throw Error();
                else break;
            }
            while (AcceptSymbol(","));
            return named == 0 ? ReplicaThreads.Both : named;
        }

        /// <summary>0 / 1 / OFF / ON, as SET sql_log_bin takes (RM80 set-sql-log-bin.html).</summary>
        private bool Switch()
        {
            Token v = tokens[_pos++];
            if (v.Kind == TokenKind.Number && v.Text is "0" or "1") return v.Text == "1";
            if (v.Is("ON") || v.Is("TRUE")) return true;
            if (v.Is("OFF") || v.Is("FALSE")) return false;
            _pos--;
            throw Error();
        }

        private ChangeSourceStatement ChangeSource()
        {
            var c = new ChangeSourceStatement();
            do
            {
                Token option = tokens[_pos++];
                if (option.Kind != TokenKind.Word || !AcceptSymbol("=")) { _pos--; throw Error(); }
                Token v = tokens[_pos++];
                string name = option.Text.ToUpperInvariant();
                c = name switch
                {
                    "SOURCE_HOST" or "MASTER_HOST" when v.Kind == TokenKind.String => c with { Host = v.Text },
                    "SOURCE_LOG_FILE" or "MASTER_LOG_FILE" when v.Kind == TokenKind.String => c with { LogFile = v.Text },
                    "SOURCE_LOG_POS" or "MASTER_LOG_POS" when v.Kind == TokenKind.Number => c with { LogPos = long.Parse(v.Text, CultureInfo.InvariantCulture) },
                    "SOURCE_AUTO_POSITION" when v.Kind == TokenKind.Number && v.Text is "0" or "1" => c with { AutoPosition = v.Text == "1" },
                    "MASTER_USE_GTID" when v.Is("NO") => c with { AutoPosition = false },
                    "MASTER_USE_GTID" when v.Is("SLAVE_POS") || v.Is("CURRENT_POS") => c with { AutoPosition = true, CurrentPos = v.Is("CURRENT_POS") },
                    _ => throw SqlError.Parse(sql[option.Position..]),
                };
            }
            while (AcceptSymbol(","));
            return c;
        }
    }
}

/// <summary>A DBA command where the data-statement parser is asked (spec validation); only ExecuteAdmin runs it.</summary>
public sealed record AdminCommand(AdminStatement Command) : Statement;

public sealed record StopReplicaStatement(ReplicaThreads Threads) : AdminStatement;

public sealed record StartReplicaStatement(ReplicaThreads Threads) : AdminStatement;

/// <summary>SET sql_log_bin: the session's following writes go to the engine only, no binlog, no GTID.</summary>
public sealed record SetSqlLogBinStatement(bool On) : AdminStatement;

/// <summary>The session's transaction isolation level from now on.</summary>
public sealed record SetIsolationStatement(IsolationLevel Level) : AdminStatement;

/// <summary>CHANGE REPLICATION SOURCE TO: the options given; null keeps the current value.</summary>
public sealed record ChangeSourceStatement : AdminStatement
{
    public string? Host { get; init; }
    public string? LogFile { get; init; }
    public long? LogPos { get; init; }
    public bool? AutoPosition { get; init; }

    /// <summary>MASTER_USE_GTID=current_pos (true) or slave_pos (false); null when not given.</summary>
    public bool? CurrentPos { get; init; }
}
