namespace DetSim.Specs;

public sealed record SpecParseResult(Spec? Spec, IReadOnlyList<SpecError> Errors)
{
    public bool Ok => Spec is not null && Errors.Count == 0;
}
