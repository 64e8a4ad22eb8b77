namespace ExplainerStudio.Web.Collaboration.Activity;

/// <summary>
/// One changed field of an edit. Values are stored as invariant text (numbers round-trip, enums by name, dialogue as
/// JSON), so a shot's history can put an earlier value back exactly; null means the field had no value.
/// </summary>
public sealed record ActivityFieldChange(string Field, string? Before, string? After);
