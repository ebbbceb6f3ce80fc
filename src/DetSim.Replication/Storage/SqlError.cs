namespace DetSim.Replication.Storage;

/// <summary>
/// A MySQL error with its real code and text (MySQL 8.0 error reference), raised by statement
/// execution or apply: 1062 duplicate key, 1032 row not found, 1146 no such table, ...
/// </summary>
public sealed class SqlError(int code, string sqlState, string message) : Exception(message)
{
    public int Code { get; } = code;
    public string SqlState { get; } = sqlState;

    public static SqlError DuplicateKey(string key, string table) =>
        new(1062, "23000", $"Duplicate entry '{key}' for key '{table}.PRIMARY'");

    public static SqlError KeyNotFound(string table) =>
        new(1032, "HY000", $"Can't find record in '{table}'");

    public static SqlError NoSuchTable(string table) =>
        new(1146, "42S02", $"Table 'test.{table}' doesn't exist");

    public static SqlError UnknownColumn(string column) =>
        new(1054, "42S22", $"Unknown column '{column}' in 'field list'");

    public static SqlError ReadOnly(string option = "--read-only") =>
        new(1290, "HY000", $"The MySQL server is running with the {option} option so it cannot execute this statement");

    public static SqlError Parse(string near) =>
        new(1064, "42000", $"You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '{near}'");

    public override string ToString() => $"ERROR {Code} ({SqlState}): {Message}";
}
