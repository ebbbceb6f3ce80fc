using DetSim.Core.Disk;
using DetSim.Core.Network;
using DetSim.Core.Random;
using DetSim.Core.Time;

namespace DetSim.Core.Nodes;

/// <summary>The context handed to one node incarnation; one instance per incarnation, so calls allocate nothing.</summary>
internal sealed class NodeContext : INodeContext
{
    private readonly Simulation _sim;
    private readonly NodeSlot _slot;

    public NodeContext(Simulation sim, NodeSlot slot)
    {
        _sim = sim;
        _slot = slot;
    }

    public int Self => _slot.Index;
    public string Name => _slot.Name;
    public SimTime Now => _slot.Clock.Read(_sim.Now);
    public IChoiceSource Random => _slot.Random;
    public SimDisk Disk => _slot.Disk;

    public int Lookup(string name) => _sim.IndexOf(name);

    public string NameOf(int node) => _sim.NameOf(node);

    public void Send(int to, object message) => _sim.SendFrom(_slot, to, message);

    public Connection Connect(int to) => _sim.ConnectFrom(_slot, to);

    public void Send(Connection connection, object message) => _sim.Connections.Send(_slot, connection, message);

    public void Close(Connection connection) => _sim.Connections.Close(_slot, connection);

    public void SetTimer(Duration after, long tag, object? state = null) =>
        _sim.SetTimer(_slot, _slot.Clock.ToTrueDuration(after), tag, state);

    public void Note(string text) => _sim.Note(_slot.Index, text);

    public void Observe(object observation) => _sim.AddObservation(_slot.Index, observation);
}
