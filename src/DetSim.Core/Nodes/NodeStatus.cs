namespace DetSim.Core.Nodes;

public enum NodeStatus : byte
{
    Up,
    Down,
    Paused,
}
