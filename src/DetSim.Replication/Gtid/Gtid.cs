namespace DetSim.Replication.Gtid;

/// <summary>A global transaction identifier, <c>source_id:transaction_id</c> (RM80 replication-gtids-concepts.html).</summary>
public readonly record struct Gtid(string SourceId, long Gno)
{
    public override string ToString() => $"{SourceId}:{Gno}";
}
