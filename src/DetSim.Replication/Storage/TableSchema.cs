namespace DetSim.Replication.Storage;

/// <summary>
/// A table's shape. Column 0 is the primary key and must be an integer (the model keys rows by a
/// 64-bit id, which is what every seed scenario needs). Other UNIQUE keys are listed by column index.
/// </summary>
public sealed record TableSchema
{
    public TableSchema(string name, IReadOnlyList<Column> columns, IReadOnlyList<int>? uniqueKeys = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a table needs a name");
        if (columns.Count == 0) throw new ArgumentException($"table '{name}' needs at least one column");
        if (columns[0].Type is not (ColumnType.Int or ColumnType.BigInt))
            throw new ArgumentException($"table '{name}': the first column is the primary key and must be INT or BIGINT");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Column c in columns)
            if (!seen.Add(c.Name)) throw new ArgumentException($"table '{name}': column '{c.Name}' is defined twice");
        if (columns.Skip(1).Any(c => c.AutoIncrement))
            throw new ArgumentException($"table '{name}': only the primary key may be AUTO_INCREMENT");
        Name = name;
        Columns = columns;
        UniqueKeys = uniqueKeys ?? [];
    }

    public string Name { get; }
    public IReadOnlyList<Column> Columns { get; }
    public IReadOnlyList<int> UniqueKeys { get; }
    public bool HasAutoIncrement => Columns[0].AutoIncrement;

    public int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
            if (string.Equals(Columns[i].Name, column, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>The canonical test table of MYSQL-FACTS §1.9: t(id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL).</summary>
    public static TableSchema Simple(string name = "t") =>
        new(name, [new Column("id", ColumnType.Int, AutoIncrement: true), new Column("v", ColumnType.Int)]);
}
