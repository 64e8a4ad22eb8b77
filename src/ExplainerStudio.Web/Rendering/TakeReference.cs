namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// The exact reference images a take used for one character: the whole locked set (<see cref="ImageSha256"/>, in
/// set order), the one drawn into the layout image at the character's placement (<see cref="PlacedImageSha256"/>, the
/// set's first, its primary view), and those fed to the pack as image tokens (<see cref="TokenImageSha256"/>: every
/// image of the set, when the pack takes image tokens; empty when it does not). Takes recorded before the studio
/// said which carry null for both.
/// </summary>
public sealed record TakeReference(
    int CharacterId,
    string Name,
    int ReferenceSetId,
    int SetNumber,
    IReadOnlyList<string> ImageSha256,
    string? PlacedImageSha256 = null,
    IReadOnlyList<string>? TokenImageSha256 = null);
