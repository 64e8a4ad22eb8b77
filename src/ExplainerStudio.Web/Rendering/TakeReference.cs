namespace ExplainerStudio.Web.Rendering;

/// <summary>The exact reference images a take used for one character.</summary>
public sealed record TakeReference(int CharacterId, string Name, int ReferenceSetId, int SetNumber, IReadOnlyList<string> ImageSha256);
