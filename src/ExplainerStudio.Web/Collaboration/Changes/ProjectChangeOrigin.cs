namespace ExplainerStudio.Web.Collaboration.Changes;

/// <summary>
/// The circuit whose inbound activity (a click, a key, a form post) is running on this async flow. The circuit handler
/// sets it around every inbound activity, so a service that publishes after its commit needs no extra parameter to say
/// which page the change came from. Null outside a circuit (the API, the worker, a test).
/// </summary>
public static class ProjectChangeOrigin
{
    private static readonly AsyncLocal<string?> CurrentCircuit = new();

    public static string? Current
    {
        get => CurrentCircuit.Value;
        set => CurrentCircuit.Value = value;
    }
}
