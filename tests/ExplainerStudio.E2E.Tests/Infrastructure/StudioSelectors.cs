namespace ExplainerStudio.E2E.Tests.Infrastructure;

/// <summary>Selectors several tests share.</summary>
public static class StudioSelectors
{
    /// <summary>The file input of a draft reference set's drop zone (MudFileUpload keeps used inputs, hidden).</summary>
    public const string ReferenceUpload = "[data-testid=reference-drop] input[type=file]:not(.d-none)";
}
