using DetSim.Replication.Storage;

namespace DetSim.Replication.Sql;

/// <summary>
/// The rows a statement sees and writes inside its transaction: committed data overlaid with the
/// transaction's own changes. Scans are ordered by primary key. Writes raise <see cref="SqlError"/>
/// (1062 duplicate key) exactly as InnoDB would.
/// </summary>
public interface IRowStore
{
    /// <summary>The table's schema, or null when it does not exist.</summary>
    TableSchema? Schema(string table);

    IEnumerable<Value[]> Scan(string table);

    Value[]? Get(string table, long key);

    void Insert(string table, Value[] row);

    void Update(string table, Value[] before, Value[] after);

    void Delete(string table, Value[] before);

    /// <summary>The next AUTO_INCREMENT value for <paramref name="table"/> under the session's increment and offset.</summary>
    long NextAutoIncrement(string table, int increment, int offset);

    /// <summary>Tells the table's counter that <paramref name="key"/> was used explicitly.</summary>
    void SeeAutoIncrement(string table, long key);
}
