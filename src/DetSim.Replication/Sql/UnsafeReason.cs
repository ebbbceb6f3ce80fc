namespace DetSim.Replication.Sql;

/// <summary>Why a statement is unsafe for statement-based logging: the ER_BINLOG_UNSAFE_* code and MySQL's text (MYSQL-FACTS §2.4).</summary>
public sealed record UnsafeReason(int Code, string Text)
{
    public static UnsafeReason Limit { get; } = new(1668, "The statement is unsafe because it uses a LIMIT clause. This is unsafe because the set of rows included cannot be predicted.");
    public static UnsafeReason SystemVariable { get; } = new(1673, "Statement is unsafe because it uses a system variable that may have a different value on the replica.");
    public static UnsafeReason InsertIgnoreSelect { get; } = new(1714, "INSERT IGNORE... SELECT is unsafe because the order in which rows are retrieved by the SELECT determines which (if any) rows are ignored. This order cannot be predicted and may differ on source and the replica.");
    public static UnsafeReason InsertSelectUpdate { get; } = new(1715, "INSERT... SELECT... ON DUPLICATE KEY UPDATE is unsafe because the order in which rows are retrieved by the SELECT determines which (if any) rows are updated. This order cannot be predicted and may differ on source and the replica.");
    public static UnsafeReason ReplaceSelect { get; } = new(1716, "REPLACE... SELECT is unsafe because the order in which rows are retrieved by the SELECT determines which (if any) rows are replaced. This order cannot be predicted and may differ on source and the replica.");
    public static UnsafeReason UpdateIgnore { get; } = new(1719, "UPDATE IGNORE is unsafe because the order in which rows are updated determines which (if any) rows are ignored. This order cannot be predicted and may differ on source and the replica.");
    public static UnsafeReason WriteAutoincSelect { get; } = new(1722, "Statements writing to a table with an auto-increment column after selecting from another table are unsafe because the order in which rows are retrieved determines what (if any) rows will be written. This order cannot be predicted and may differ on source and the replica.");
    public static UnsafeReason InsertTwoKeys { get; } = new(1724, "INSERT... ON DUPLICATE KEY UPDATE  on a table with more than one UNIQUE KEY is unsafe");
    public static UnsafeReason Udf { get; } = new(1672, "Statement is unsafe because it uses a UDF which may not return the same value on the replica.");

    /// <summary>
    /// The reason's place in LEX::enum_binlog_stmt_unsafe (sql/sql_lex.h): THD::issue_unsafe_warnings
    /// walks that bitmap in order, one Note 1592 per reason, so a statement unsafe for several
    /// reasons gets them in this order (binlog_unsafe.result: LIMIT before REPLACE... SELECT,
    /// system variable before system function; the same in MariaDB 10.11, checked with SHOW WARNINGS).
    /// </summary>
    public int Rank => Code switch
    {
        1668 => 0, 1670 => 1, 1671 => 2, 1672 => 3, 1673 => 4, 1674 => 5,
        1714 => 9, 1715 => 10, 1722 => 11, 1716 => 12, 1717 => 13, 1718 => 14, 1723 => 15, 1719 => 16, 1724 => 17,
        _ => 100,
    };

    /// <summary>
    /// The same reason in MariaDB 10.11's words: its sql/share/errmsg-utf8.txt keeps "master" and
    /// "slave" and ends the texts without a full stop (pinned by the conformance test
    /// FormatDecisionTests, read from a real 10.11 with SHOW WARNINGS; `perror 1714` prints them too).
    /// </summary>
    public UnsafeReason In(Flavor flavor) => flavor == Flavor.MySql80 ? this : Code switch
    {
        1668 => new(Code, "The statement is unsafe because it uses a LIMIT clause. This is unsafe because the set of rows included cannot be predicted"),
        1673 => new(Code, "Statement is unsafe because it uses a system variable that may have a different value on the slave"),
        1714 => new(Code, "INSERT IGNORE... SELECT is unsafe because the order in which rows are retrieved by the SELECT determines which (if any) rows are ignored. This order cannot be predicted and may differ on master and the slave"),
        1715 => new(Code, "INSERT... SELECT... ON DUPLICATE KEY UPDATE is unsafe because the order in which rows are retrieved by the SELECT determines which (if any) rows are updated. This order cannot be predicted and may differ on master and the slave"),
        1716 => new(Code, "REPLACE... SELECT is unsafe because the order in which rows are retrieved by the SELECT determines which (if any) rows are replaced. This order cannot be predicted and may differ on master and the slave"),
        1719 => new(Code, "UPDATE IGNORE is unsafe because the order in which rows are updated determines which (if any) rows are ignored. This order cannot be predicted and may differ on master and the slave"),
        1672 => new(Code, "Statement is unsafe because it uses a UDF which may not return the same value on the slave"),
        1722 => new(Code, "Statements writing to a table with an auto-increment column after selecting from another table are unsafe because the order in which rows are retrieved determines what (if any) rows will be written. This order cannot be predicted and may differ on master and the slave"),
        _ => this,
    };

    public static UnsafeReason SystemFunction(Flavor flavor) =>
        new(1674, flavor == Flavor.MySql80
            ? "Statement is unsafe because it uses a system function that may return a different value on the replica."
            : "Statement is unsafe because it uses a system function that may return a different value on the slave");
}
